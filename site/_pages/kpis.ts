/** Overview KPI cards: value, period-over-period delta, sparkline, and links to the datasets behind each number. */
import type { Kpis } from "#core/aggregated/schemas.ts";
import type { Agg } from "../_lib/agg.ts";
import { val } from "../_lib/cells.ts";
import { datasetLinks } from "../_lib/figure.ts";
import { type Headline, headlines } from "../_lib/headlines.ts";
import { fmtNumber, fmtPercent, html, type Raw, raw } from "../_lib/html.ts";
import { isPartial } from "../_lib/periods.ts";
import { sparkline } from "../_lib/sparkline.ts";

type Kpi = Kpis["kpis"][number];

/** The datasets each KPI is computed from (a subset of kpis.json's generated_from). */
const KPI_DATASETS: Record<Kpi["id"], readonly string[]> = {
  certified_people: ["certified_users"],
  exams_completed: ["individual_exams"],
  pass_rate: ["individual_exams"],
  skills_enrollments: ["skills_enrollments"],
  copilot_avg_daily_active_users: ["copilot_daily"],
  product_active_people: ["product_usage"],
};

/** The sparkline's series: complete periods only (a period to date would look like a drop). */
function series(agg: Agg, id: Kpi["id"]): { values: (number | null)[]; label: string } {
  const asOf = agg.kpis.as_of;
  const done = <T>(rows: readonly T[], period: (r: T) => string) => rows.filter((r) => !isPartial(period(r), asOf));
  const certAll = done(
    agg.certifications.by_quarter.filter((r) => r.certification === "all"),
    (r) => r.period,
  );
  const examsAll = done(
    agg.exams.by_exam_year.filter((r) => r.certification === "all" && r.fiscal_year !== "all"),
    (r) => r.fiscal_year,
  );
  switch (id) {
    case "certified_people":
      return { values: certAll.map((r) => val(r.cumulative)), label: "at each complete quarter's end" };
    case "exams_completed":
      return { values: examsAll.map((r) => val(r.completed)), label: "per complete fiscal year" };
    case "pass_rate":
      return { values: examsAll.map((r) => val(r.pass_rate)), label: "per complete fiscal year" };
    case "skills_enrollments":
      return {
        values: done(
          agg.skills.by_month.filter((r) => r.course === "all"),
          (r) => r.month,
        ).map((r) => val(r.enrollments)),
        label: "per complete month",
      };
    case "copilot_avg_daily_active_users":
      return {
        values: done(agg.copilot.weeks, (w) => w.week).map((w) => val(w.avg_daily_active_users)),
        label: "weekly average, complete weeks",
      };
    case "product_active_people":
      return { values: [], label: "" };
  }
}

function fmt(v: number, unit: Headline["unit"]): string {
  if (unit === "pct") return fmtPercent(v);
  return fmtNumber(v, unit === "dec1" ? 1 : 0);
}

function figureText(f: Headline["value"], unit: Headline["unit"]): string {
  if (f.suppressed) return "suppressed";
  return f.value === null ? "n/a" : fmt(f.value, unit);
}

function delta(h: Headline): Raw {
  const d = h.delta;
  const vs = `vs ${h.previous.label}`;
  if (d.suppressed) return html`<span class="delta missing">change vs ${h.previous.label} suppressed</span>`;
  if (d.value === null) return html`<span class="delta missing">no change vs ${h.previous.label} available</span>`;
  const up = d.value > 0;
  const flat = d.value === 0;
  const abs = Math.abs(d.value);
  const text = h.unit === "pct" ? `${(abs * 100).toFixed(1)} pts` : fmtNumber(abs, h.unit === "dec1" ? 1 : 0);
  return html`<span class="delta ${flat ? "flat" : up ? "up" : "down"}">${flat ? "±" : up ? "▲ +" : "▼ −"}${text} ${vs}</span>`;
}

export function kpiCards(agg: Agg, href: (p: string) => string): Raw {
  const list = headlines(agg);
  return html`<section aria-labelledby="kpi-title"><h2 id="kpi-title">Headline figures</h2>
<p class="muted">Each figure is the last complete period, compared with the complete period before it (same kind of period, never a period to date against a whole one). The period not over yet is shown below it, to date, without a change.</p>
<ul class="kpis">${list.map((h) => {
    const s = series(agg, h.id);
    const sources = KPI_DATASETS[h.id].filter((d) => agg.kpis.generated_from.some((g) => g.dataset === d));
    const missing = h.value.suppressed || h.value.value === null;
    return html`<li class="kpi" id="kpi-${h.id}"><h3>${h.label}</h3>
<p class="kpi-period small muted">${h.current.label}${h.id === "certified_people" ? " (at its end)" : ""}</p>
<p class="kpi-value${missing ? " missing" : ""}">${figureText(h.value, h.unit)}</p>
<p>${delta(h)}</p>
<p class="small kpi-words">${h.words}.</p>
${h.toDate ? html`<p class="small kpi-todate">${h.toDate.span.label} to date (partial, through ${h.toDate.through}): ${h.toDate.value.value === null && !h.toDate.value.suppressed ? "not reported yet" : figureText(h.toDate.value, h.unit)}</p>` : ""}
${s.values.length > 1 ? html`<p class="spark-wrap">${raw(sparkline(s.values, `${h.label}, ${s.label}`))}<span class="muted small">${s.label}</span></p>` : ""}
<p class="small">Data from ${datasetLinks(href, sources.length > 0 ? sources : agg.kpis.generated_from.map((g) => g.dataset))}</p></li>`;
  })}</ul></section>`;
}

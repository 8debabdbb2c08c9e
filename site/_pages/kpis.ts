/** Overview KPI cards: value, period-over-period delta, sparkline, and links to the datasets behind each number. */
import type { Kpis } from "../../actions/aggregate/schemas.ts";
import type { Agg } from "../_lib/agg.ts";
import { show, val } from "../_lib/cells.ts";
import { datasetLinks } from "../_lib/figure.ts";
import { fmtNumber, html, type Raw, raw } from "../_lib/html.ts";
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

function series(agg: Agg, id: Kpi["id"]): { values: (number | null)[]; label: string } {
  const certAll = agg.certifications.by_quarter.filter((r) => r.certification === "all");
  const examsAll = agg.exams.by_exam_year.filter((r) => r.certification === "all" && r.fiscal_year !== "all");
  switch (id) {
    case "certified_people":
      return { values: certAll.map((r) => val(r.cumulative)), label: "cumulative per quarter" };
    case "exams_completed":
      return { values: examsAll.map((r) => val(r.completed)), label: "per fiscal year" };
    case "pass_rate":
      return { values: examsAll.map((r) => val(r.pass_rate)), label: "per fiscal year" };
    case "skills_enrollments":
      return {
        values: agg.skills.by_month.filter((r) => r.course === "all").map((r) => val(r.enrollments)),
        label: "per month",
      };
    case "copilot_avg_daily_active_users":
      return { values: agg.copilot.weeks.map((w) => val(w.avg_daily_active_users)), label: "weekly average" };
    case "product_active_people":
      return { values: [], label: "" };
  }
}

function delta(k: Kpi): Raw {
  const d = k.delta;
  if (d.suppressed) return html`<span class="delta missing">change suppressed</span>`;
  if (d.value === null) return html`<span class="delta missing">no change available</span>`;
  const up = d.value > 0;
  const flat = d.value === 0;
  const abs = Math.abs(d.value);
  const text = k.unit === "rate" ? `${(abs * 100).toFixed(1)} pts` : fmtNumber(abs, Number.isInteger(abs) ? 0 : 1);
  return html`<span class="delta ${flat ? "flat" : up ? "up" : "down"}">${flat ? "±" : up ? "▲ +" : "▼ −"}${text} vs previous</span>`;
}

export function kpiCards(agg: Agg, href: (p: string) => string): Raw {
  const { period } = agg.kpis;
  return html`<section aria-labelledby="kpi-title"><h2 id="kpi-title">Headline figures</h2>
<p class="muted">${period.current} (through ${period.current_through}) compared with ${period.previous}.</p>
<ul class="kpis">${agg.kpis.kpis.map((k) => {
    const s = series(agg, k.id);
    const sources = KPI_DATASETS[k.id].filter((d) => agg.kpis.generated_from.some((g) => g.dataset === d));
    return html`<li class="kpi" id="kpi-${k.id}"><h3>${k.label}</h3>
<p class="kpi-value${k.current.suppressed || k.current.value === null ? " missing" : ""}">${show(k.current, k.unit === "rate" ? "pct" : "int")}</p>
<p>${delta(k)}</p>
${s.values.length > 1 ? html`<p class="spark-wrap">${raw(sparkline(s.values, `${k.label}, ${s.label}`))}<span class="muted small">${s.label}</span></p>` : ""}
<p class="small">Data from ${datasetLinks(href, sources.length > 0 ? sources : agg.kpis.generated_from.map((g) => g.dataset))}</p></li>`;
  })}</ul></section>`;
}

// Every chart's takeaway sentence recomputed from the chart's own table (its CSV download, exactly the plotted rows),
// on the committed demo data and on the site's test fixture. Each oracle below is written independently of the chart
// module: it reads only the table. A chart without an oracle fails the test, so a new chart needs one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { chartViews } from "../../site/_charts/index.ts";
import { type ChartDef, rowsToCsv } from "../../site/_lib/chart.ts";
import { loadAgg } from "../harness/site/agg.ts";
import { parseCsv, type Row } from "../harness/site/csv.ts";
import { writeFixture } from "../harness/site/fixture.ts";

const num = (s: string | undefined): number | null => (s === undefined || s === "" ? null : Number(s));
const sum = (rows: readonly Row[], key: string): number => rows.reduce((s, r) => s + (num(r[key]) ?? 0), 0);
const int = (n: number): string => Math.round(n).toLocaleString("en-US");
const dec1 = (n: number): string => n.toLocaleString("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct0 = (a: number, b: number): string => `${Math.round((a / b) * 100)}%`;
const pct1 = (a: number, b: number): string => `${((a / b) * 100).toFixed(1)}%`;
const distinct = (rows: readonly Row[], key: string): string[] => [...new Set(rows.map((r) => r[key] ?? ""))];
const partial = (label: string): boolean => label.endsWith("(partial)");
const isNull = (r: Row, key: string) => r[key] === "";

type Oracle = (t: Row[], def: ChartDef) => string;

const ORACLES: Record<string, Oracle> = {
  "certified-cumulative": (t, def) => {
    const last = t.findLast((r) => !isNull(r, "cumulative"));
    const cert = /^People holding (GH-\d+) over time$/.exec(def.title)?.[1];
    if (!last) return "No count of certified people can be shown yet.";
    return cert
      ? `By ${last.quarter}, ${int(num(last.cumulative) ?? 0)} people had earned ${cert}.`
      : `By ${last.quarter}, ${int(num(last.cumulative) ?? 0)} people had been certified (each person counted once, however many certifications they hold).`;
  },
  "certified-by-cert": (t) => {
    const years = distinct(t, "fiscal_year").filter(
      (y) => !partial(y) && t.every((r) => r.fiscal_year !== y || !isNull(r, "certifications")),
    );
    const y = years.at(-1);
    if (!y) return "No fiscal year has every certification count published.";
    const inY = t.filter((r) => r.fiscal_year === y);
    const top = inY.reduce((a, b) => ((num(b.certifications) ?? 0) > (num(a.certifications) ?? 0) ? b : a));
    return `In ${y}, ${int(sum(inY, "certifications"))} certifications were earned, most of them ${top.certification} (${int(num(top.certifications) ?? 0)}); a person earning several counts once per certification.`;
  },
  "cert-status": (t) => {
    if (t.some((r) => isNull(r, "certifications")))
      return "Certifications expire two years after the most recent pass; some counts are suppressed, so no share is given.";
    const active = sum(
      t.filter((r) => r.state === "active"),
      "certifications",
    );
    const total = sum(t, "certifications");
    return total > 0
      ? `${pct0(active, total)} of the ${int(total)} certifications earned are still active (certifications expire after two years).`
      : "Certifications expire two years after the most recent pass; some counts are suppressed, so no share is given.";
  },
  "time-to-certify": (t) => {
    const all = t.find((r) => r.certification === "all");
    return all && !isNull(all, "median_days")
      ? `Half of certified people earned their certification within ${all.median_days} days of first registering.`
      : "The median time to certify is not available.";
  },
  "exam-outcomes": (t, def) => {
    const part = partial(def.title) ? " (partial year)" : "";
    if (t.every((r) => r.outcome === "passed" || r.outcome === "failed")) {
      const done = sum(t, "registrations");
      const passed = sum(
        t.filter((r) => r.outcome === "passed"),
        "registrations",
      );
      const gap = t.some((r) => isNull(r, "registrations")) ? " with a published result" : "";
      return done > 0
        ? `${int(done)} completed exams${gap}${part}; ${pct0(passed, done)} of them were passed (no-shows, cancellations and pending registrations are too few to publish here).`
        : "No completed exams in this period.";
    }
    const total = sum(t, "registrations");
    const noShow = sum(
      t.filter((r) => r.outcome === "no-show"),
      "registrations",
    );
    const hidden = t.some((r) => isNull(r, "registrations"));
    return total > 0
      ? `${int(total)} registrations${hidden ? " with a published outcome" : ""}${part}; ${pct0(noShow, total)} of them ended as no-shows.`
      : "No exam registrations in this period.";
  },
  "pass-rate": (t) => {
    const last = t.findLast(
      (r) => r.certification === "all" && !isNull(r, "pass_rate") && !partial(r.fiscal_year ?? ""),
    );
    return last
      ? `In ${last.fiscal_year}, the last complete fiscal year, ${((num(last.pass_rate) ?? 0) * 100).toFixed(1)}% of completed exams were passed (all certifications).`
      : "Pass rate not available.";
  },
  "exam-source": (t) => {
    const years = (s: string) =>
      t.filter((r) => r.exam_source === s && (num(r.registrations) ?? 0) > 0).map((r) => r.fiscal_year);
    const l = years("legacy");
    const p = years("pearson");
    return l.length > 0 && p.length > 0
      ? `Legacy records cover ${l[0]}–${l.at(-1)}; Pearson records ${p[0]}–${p.at(-1)}.`
      : "Registrations by record source are not available.";
  },
  "exam-delivery": (t) => {
    const total = sum(t, "exams");
    const online = sum(
      t.filter((r) => r.delivery === "online"),
      "exams",
    );
    return total > 0
      ? `${pct0(online, total)} of the exams with a published delivery count were taken online.`
      : "No exams in this period.";
  },
  retakes: (t) => {
    const all = t.find((r) => r.certification === "all");
    return all && !isNull(all, "retake_rate")
      ? `${((num(all.retake_rate) ?? 0) * 100).toFixed(1)}% of examined people took an exam more than once.`
      : "Retake rate not available.";
  },
  "score-distribution": (t) => {
    const shown = t.filter((r) => !isNull(r, "exams"));
    if (shown.length === 0) return "No scored exams can be shown.";
    const top = shown.reduce((a, b) => ((num(b.exams) ?? 0) > (num(a.exams) ?? 0) ? b : a));
    return `${int(sum(shown, "exams"))} scored exams${shown.length < t.length ? " in the score ranges shown" : ""}; the most common range is ${top.score} (${int(num(top.exams) ?? 0)}).`;
  },
  funnel: (t, def) => {
    const cohort = /\((?:the )?(FY\d\d) cohort[,)]/.exec(def.title)?.[1];
    const first = num(t[0]?.reached);
    // the certified stage, alone ("5 Certified") or first of a merged group ("5–6 Certified … product …")
    const cert = num(t.find((r) => /^5[ –]/.test(r.stage ?? ""))?.reached);
    const learners = cohort ? `people who started learning in ${cohort}` : "people who started learning";
    return first !== null && cert !== null && first > 0
      ? `${pct1(cert, first)} of ${learners} (${int(first)}) went on to get certified (${int(cert)}).`
      : `Conversion to certification is not available for ${cohort ? `the ${cohort} cohort` : "all cohorts"}: a count it needs is suppressed.`;
  },
  "conversion-by-cohort": (t) => {
    const shown = t.filter((r) => !isNull(r, "conversion")).length;
    const rest = shown < t.length ? ", the rest involve fewer than 5 people and are suppressed" : "";
    return `Each line is one step between stage groups (stages merged where fewer than 5 people lie between them); ${shown} of ${t.length} cohort conversions are published${rest}.`;
  },
  "copilot-active": (t, def) => {
    const per = /the most on one day, per (.+)$/.exec(def.title)?.[1];
    const noun = per ?? "day";
    const active = t.filter((r) => r.measure === "daily active");
    const nr = active.filter((r) => r.note === "not ready").length;
    const last = active.findLast((r) => !isNull(r, "users"));
    const lead = !last
      ? "Daily users are not available"
      : per
        ? `At most ${int(num(last.users) ?? 0)} people used Copilot on one day of ${last.period}, the latest ${per} published`
        : `${int(num(last.users) ?? 0)} people used Copilot on ${last.period}, the latest day published`;
    return lead + (nr > 0 ? `; ${nr} recent ${noun}(s) are not reported yet.` : ".");
  },
  "copilot-features": (t, def) => {
    const per = /the most on one day, per (.+)$/.exec(def.title)?.[1];
    const chat = t.findLast((r) => r.feature === "chat" && !isNull(r, "users"));
    const hidden = t.filter((r) => r.note === "suppressed").length;
    const lead = !chat
      ? "No chat count is published"
      : per
        ? `Up to ${int(num(chat.users) ?? 0)} people used Copilot chat on one day of ${chat.period}, the latest ${per} published`
        : `${int(num(chat.users) ?? 0)} people used Copilot chat on ${chat.period}, the latest day published`;
    return `${lead}; ${hidden} of ${t.length} ${per ? `${per} values` : "daily values"} count fewer than 5 people and are suppressed.`;
  },
  "copilot-acceptance": (t) => {
    const counted = t.filter((r) => !isNull(r, "code_generations") && !isNull(r, "code_acceptances"));
    const gen = sum(counted, "code_generations");
    return gen > 0
      ? `Over the ${counted.length} weeks with published counts, ${pct1(sum(counted, "code_acceptances"), gen)} of ${int(gen)} code generations were accepted.`
      : "No code generations reported.";
  },
  "copilot-lines": (t) => {
    const get = (m: string, k: string) => num(t.find((r) => r.month === m && r.measure === k)?.lines);
    const m = distinct(t, "month")
      .filter((x) => !partial(x))
      .findLast((x) => get(x, "suggested") !== null && get(x, "added") !== null);
    const s = m ? get(m, "suggested") : null;
    const a = m ? get(m, "added") : null;
    return m && s !== null && a !== null && s > 0
      ? `In ${m}, the last complete month, people added ${int(a)} of the ${int(s)} lines Copilot suggested (${pct0(a, s)}).`
      : "No complete month has both line counts published.";
  },
  "copilot-languages": (t) => {
    const langs = t.filter((r) => r.language !== "other");
    if (langs.length === 0) return "No language data yet.";
    const top = langs.reduce((a, b) => ((num(b.code_generations) ?? 0) > (num(a.code_generations) ?? 0) ? b : a));
    return `${top.language} gets the most Copilot code generations.`;
  },
  "skills-monthly": (t) => {
    if (t.every((r) => r.via === "fork or template")) {
      const last12 = t.filter((r) => !partial(r.month ?? "")).slice(-12);
      const first = last12[0];
      const last = last12.at(-1);
      if (!first || !last || last12.some((r) => isNull(r, "enrollments")))
        return "Monthly enrollments, fork and template together; too few recent months are published to give a yearly total.";
      return `${int(sum(last12, "enrollments"))} enrollments in the ${last12.length} complete months ${first.month} to ${last.month}, fork and template together (monthly template counts are too small to publish apart).`;
    }
    const months = distinct(t, "month");
    const both = months.filter((m) => t.every((r) => r.month !== m || !isNull(r, "enrollments")));
    const rows = t.filter((r) => both.includes(r.month ?? ""));
    const all = sum(rows, "enrollments");
    const fork = sum(
      rows.filter((r) => r.via === "fork"),
      "enrollments",
    );
    return all > 0
      ? `In the ${both.length} of ${months.length} months whose fork/template split is published, ${pct0(fork, all)} of ${int(all)} enrollments started as a fork.`
      : `The fork/template split is published in full for ${both.length} of ${months.length} months, too few enrollments to give a share.`;
  },
  "skills-popular": (t) => (t[0] ? `${t[0].course} is the most enrolled course.` : "No enrollments yet."),
  "product-usage": (t) => {
    const last = distinct(t, "month")
      .filter((m) => !partial(m))
      .at(-1);
    const inLast = t.filter((r) => r.month === last && r.product !== "all" && !isNull(r, "active_people"));
    const products = distinct(
      t.filter((r) => r.product !== "all"),
      "product",
    ).length;
    if (inLast.length === 0) return `Monthly active people in ${products} GitHub products.`;
    const top = inLast.reduce((a, b) => ((num(b.active_people) ?? 0) > (num(a.active_people) ?? 0) ? b : a));
    return `In ${last}, the last complete month, ${top.product} had the most active people (${int(num(top.active_people) ?? 0)}) of the ${products} products shown.`;
  },
  "certified-activity": (t) => {
    const get = (m: string, g: string) => num(t.find((r) => r.month === m && r.group === g)?.events_per_person);
    const m = distinct(t, "month").findLast((x) => get(x, "certified") !== null && get(x, "not certified") !== null);
    return m
      ? `In ${m}, certified people averaged ${dec1(get(m, "certified") ?? 0)} public GitHub events per active person, people not certified ${dec1(get(m, "not certified") ?? 0)}.`
      : "No month has both groups published.";
  },
};

function oracleFor(id: string): Oracle | undefined {
  return ORACLES[id] ?? ORACLES[id.replace(/-(fy\d\d|gh-\d+)$/, "")];
}

const tmp = mkdtempSync(join(tmpdir(), "ace-takeaways-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ["the committed demo data", DEFAULT_DATA_DIR],
  ["the site's test fixture", join(tmp, "fixture")],
])("every takeaway recomputed from its chart's own table (%s)", (_name, dir) => {
  it("matches the sentence on the page, for every chart", async () => {
    if (dir.endsWith("fixture")) writeFixture(dir);
    const views = chartViews(await loadAgg(dir));
    const defs = Object.values(views).flat();
    expect(defs.length).toBeGreaterThan(20);
    for (const def of defs) {
      const oracle = oracleFor(def.id);
      expect(oracle, `no takeaway oracle for chart ${def.id}`).toBeDefined();
      const table = parseCsv(rowsToCsv(def.columns, def.rows));
      expect(table).toHaveLength(def.rows.length);
      expect(def.takeaway, def.id).toBe(oracle?.(table, def));
    }
  });
});

/**
 * kpis.json: headline numbers for the overview page, current fiscal quarter (to date) vs the previous quarter.
 * Every count's delta is the difference of two published cells; chains make sure it never lies in 1–4.
 */

import type { Kpis } from "#core/aggregated/schemas.ts";
import { type Cell, type CellBook, cellOf, derive, EMPTY, put } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { quarterOfMonth } from "../periods.ts";
import { num, str } from "../raw.ts";
import { cumKey } from "./certifications.ts";
import { dayRow, rollup } from "./copilot.ts";
import { skKey } from "./skills.ts";
import type { Builder } from "./types.ts";

const kq = (id: string, q: string) => `kq|${id}|${q}`;

function putDefault(book: CellBook, key: string, value: number): string {
  return put(book, key, book.values.get(key) ?? value);
}

type KpiRow = Kpis["kpis"][number];

function kpi(
  id: KpiRow["id"],
  label: string,
  unit: KpiRow["unit"],
  kind: KpiRow["kind"],
  current: Cell,
  previous: Cell,
): KpiRow {
  return { id, label, unit, kind, current, previous, delta: derive([previous, current], (p, c) => c - p) };
}

export const kpisBuilder: Builder = {
  file: "kpis",
  datasets: ["certified_users", "individual_exams", "skills_enrollments", "copilot_daily", "product_usage"],
  register(book, raw, ctx) {
    const [cur, prev] = [ctx.currentQuarter, ctx.previousQuarter];
    const quarters = [cur, prev];
    // certified_people: cells of the cumulative series (chained in certifications), 0 before the first one.
    for (const q of quarters) putDefault(book, cumKey("all", q), 0);

    const exams = new Map(raw.exams_quarters.map((r) => [str(r, "period"), r]));
    for (const q of quarters) {
      const r = exams.get(q);
      const completed = r ? num(r, "completed") : 0;
      const passed = r ? num(r, "passed") : 0;
      put(book, kq("completed", q), completed);
      put(book, kq("passed", q), passed);
      put(book, kq("failed", q), completed - passed);
      book.groups.push({ total: kq("completed", q), members: [kq("passed", q), kq("failed", q)] });
    }
    const products = new Map(raw.product_quarters.map((r) => [str(r, "period"), num(r, "people")]));
    for (const q of quarters) put(book, kq("product", q), products.get(q) ?? 0);

    const skillMonths = new Map<string, string[]>();
    const skillTotals = new Map<string, number>();
    for (const r of raw.skills_months) {
      const q = quarterOfMonth(str(r, "month"));
      skillTotals.set(q, (skillTotals.get(q) ?? 0) + num(r, "enrollments"));
      const list = skillMonths.get(q) ?? [];
      const key = skKey("all", str(r, "month"), "enrollments");
      if (!list.includes(key)) list.push(key);
      skillMonths.set(q, list);
    }
    for (const q of quarters) {
      put(book, kq("skills", q), skillTotals.get(q) ?? 0);
      book.groups.push({ total: kq("skills", q), members: skillMonths.get(q) ?? [] });
    }
    // Current first: when the two differ by 1–4, the previous value is the one hidden.
    for (const id of ["completed", "product", "skills"]) book.chains.push([kq(id, cur), kq(id, prev)]);

    return (hidden) => {
      const cell = (k: string) => cellOf(book, hidden, k);
      const passRate = (q: string) =>
        derive([cell(kq("passed", q)), cell(kq("failed", q)), cell(kq("completed", q))], (p, _f, c) =>
          c === 0 ? null : p / c,
        );
      const days = raw.copilot_days.map((r) => ({
        day: str(r, "day"),
        complete: r.complete === true,
        values: { daily_active_users: typeof r.daily_active_users === "number" ? r.daily_active_users : null },
      }));
      const avgDau = (q: string): Cell => {
        const rows = days.filter((d) => quarterOfMonth(d.day.slice(0, 7)) === q).map(dayRow);
        return rows.length === 0 ? EMPTY : rollup(rows).avg_daily_active_users;
      };
      const out: Kpis = {
        ...envelope(ctx, "kpis", kpisBuilder.datasets),
        period: { current: cur, previous: prev, current_through: ctx.asOf.slice(0, 10) },
        kpis: [
          kpi(
            "certified_people",
            "Certified people",
            "people",
            "stock",
            cell(cumKey("all", cur)),
            cell(cumKey("all", prev)),
          ),
          kpi(
            "exams_completed",
            "Exams completed",
            "exams",
            "flow",
            cell(kq("completed", cur)),
            cell(kq("completed", prev)),
          ),
          kpi("pass_rate", "Pass rate", "rate", "flow", passRate(cur), passRate(prev)),
          kpi(
            "skills_enrollments",
            "Skills enrollments",
            "enrollments",
            "flow",
            cell(kq("skills", cur)),
            cell(kq("skills", prev)),
          ),
          kpi(
            "copilot_avg_daily_active_users",
            "Copilot daily active users (average)",
            "users",
            "flow",
            avgDau(cur),
            avgDau(prev),
          ),
          kpi(
            "product_active_people",
            "People active in GitHub products",
            "people",
            "flow",
            cell(kq("product", cur)),
            cell(kq("product", prev)),
          ),
        ],
      };
      return out;
    };
  },
};

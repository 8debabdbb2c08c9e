/**
 * activity.json: people active per month by product, and certified vs not-certified activity (products, GitHub).
 * The GitHub split is also published at the finest grain (month, fiscal quarter, fiscal year) whose rows clear the
 * small-cell rule (`github_by_period`, issue 17): certified-activity plots that one.
 */

import type { Activity } from "#core/aggregated/schemas.ts";
import { type CellBook, cellOf, derive, isSmall, put } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { MAX_SUPPRESSED_SHARE } from "../grain.ts";
import { bool, num, type SqlRowLike, str } from "../raw.ts";
import type { Builder } from "./types.ts";

interface Split {
  people: [number, number];
  events: [number, number];
}

/** Sums query rows (certified true/false) into people / events per key. */
function splits(rows: readonly SqlRowLike[], key: (r: SqlRowLike) => string): Map<string, Split> {
  const out = new Map<string, Split>();
  for (const r of rows) {
    const k = key(r);
    const s = out.get(k) ?? { people: [0, 0], events: [0, 0] };
    const i = bool(r, "certified") ? 0 : 1;
    s.people[i] += num(r, "people");
    s.events[i] += num(r, "events");
    out.set(k, s);
  }
  return out;
}

function registerSplit(book: CellBook, prefix: string, s: Split): void {
  const [c, n] = s.people;
  put(book, `${prefix}|c`, c);
  put(book, `${prefix}|n`, n);
  put(book, `${prefix}|t`, c + n);
  book.groups.push({ total: `${prefix}|t`, members: [`${prefix}|c`, `${prefix}|n`] });
}

function renderSplit(book: CellBook, hidden: ReadonlySet<string>, prefix: string, s: Split) {
  const certified = cellOf(book, hidden, `${prefix}|c`);
  const notCertified = cellOf(book, hidden, `${prefix}|n`);
  return {
    active_people: cellOf(book, hidden, `${prefix}|t`),
    certified_people: certified,
    not_certified_people: notCertified,
    certified_events_per_person: derive([certified], (p) => (p === 0 ? null : s.events[0] / p)),
    not_certified_events_per_person: derive([notCertified], (p) => (p === 0 ? null : s.events[1] / p)),
  };
}

export const apKey = (month: string, product: string) => `ap|${month}|${product}`;

/**
 * The people counts a split's row would hide before any cross-row complement: a count of 1–4, and with it the other
 * (a total over two parts with one hidden gives it away).
 */
function hiddenEstimate(s: Split): number {
  const [c, n] = s.people;
  const small = [c, n].filter(isSmall).length;
  return small === 1 && c > 0 && n > 0 ? 2 : small;
}

type Grain = "month" | "quarter" | "year";

/** The finest grain whose rows are at most 10% hidden (by the estimate), else the coarsest. */
export function finestSplitGrain(byGrain: ReadonlyMap<Grain, ReadonlyMap<string, Split>>): Grain {
  const grains: Grain[] = ["month", "quarter", "year"];
  for (const g of grains) {
    const rows = [...(byGrain.get(g)?.values() ?? [])];
    const hidden = rows.reduce((s, r) => s + hiddenEstimate(r), 0);
    if (rows.length > 0 && hidden <= MAX_SUPPRESSED_SHARE * rows.length * 2) return g;
  }
  return "year";
}

export const activityBuilder: Builder = {
  file: "activity",
  datasets: ["product_usage", "certified_users", "github_activity", "unified_users"],
  register(book, raw, ctx) {
    const products = splits(raw.activity_products, (r) => `${str(r, "month")}|${str(r, "product")}`);
    const github = splits(raw.activity_github, (r) => str(r, "month"));
    const productNames = [...new Set(raw.activity_products.map((r) => str(r, "product")))]
      .filter((p) => p !== "all")
      .sort();
    const productKeys = [...products.keys()].sort();
    for (const k of productKeys) {
      const s = products.get(k);
      if (s) registerSplit(book, `ap|${k}`, s);
    }
    const githubMonths = [...github.keys()].sort();
    for (const m of githubMonths) {
      const s = github.get(m);
      if (s) registerSplit(book, `ag|${m}`, s);
    }
    const periodRows = raw.activity_github_periods;
    const byGrain = new Map<Grain, Map<string, Split>>([
      ["month", github],
      [
        "quarter",
        splits(
          periodRows.filter((r) => str(r, "grain") === "quarter"),
          (r) => str(r, "period"),
        ),
      ],
      [
        "year",
        splits(
          periodRows.filter((r) => str(r, "grain") === "year"),
          (r) => str(r, "period"),
        ),
      ],
    ]);
    const grain = finestSplitGrain(byGrain);
    const periodPrefix = (p: string) => (grain === "month" ? `ag|${p}` : `agp|${p}`);
    const periods = byGrain.get(grain) ?? new Map<string, Split>();
    const periodKeys = [...periods.keys()].sort();
    if (grain !== "month")
      for (const p of periodKeys) {
        const s = periods.get(p);
        if (s) registerSplit(book, periodPrefix(p), s);
      }

    return (hidden) => {
      const out: Activity = {
        ...envelope(ctx, "activity", activityBuilder.datasets),
        products: ["all", ...productNames],
        product_by_month: productKeys.flatMap((k) => {
          const s = products.get(k);
          const [month = "", product = ""] = k.split("|");
          return s ? [{ month, product, ...renderSplit(book, hidden, `ap|${k}`, s) }] : [];
        }),
        github_by_month: githubMonths.flatMap((month) => {
          const s = github.get(month);
          return s ? [{ month, ...renderSplit(book, hidden, `ag|${month}`, s) }] : [];
        }),
        github_by_period: {
          grain,
          rows: periodKeys.flatMap((period) => {
            const s = periods.get(period);
            return s ? [{ period, ...renderSplit(book, hidden, periodPrefix(period), s) }] : [];
          }),
        },
      };
      return out;
    };
  },
};

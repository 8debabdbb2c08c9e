/** activity.json: people active per month by product, and certified vs not-certified activity (products, GitHub). */

import type { Activity } from "#core/aggregated/schemas.ts";
import { type CellBook, cellOf, derive, put } from "#core/suppress.ts";
import { envelope } from "../context.ts";
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
      };
      return out;
    };
  },
};

/** certifications.json: cumulative certified people by quarter / FY, active vs expired, time to certify. */

import { CERTIFICATIONS, type Certifications } from "#core/aggregated/schemas.ts";
import { type Cell, type CellBook, cellOf, derive, EMPTY, put, SUPPRESSED, visible } from "#core/suppress.ts";
import { type Context, envelope } from "../context.ts";
import { fiscalYearOfQuarter, quarterRange } from "../periods.ts";
import { num, optNum, type RawResults, str } from "../raw.ts";
import type { Builder } from "./types.ts";

export const CERT_KEYS = ["all", ...CERTIFICATIONS] as const;

export const cumKey = (cert: string, quarter: string) => `cert.cum|${cert}|${quarter}`;

/** The quarter axis shared by every certification series (earliest certification → as_of). */
export function certQuarters(raw: RawResults, ctx: Context): string[] {
  return quarterRange(
    raw.cert_quarters.map((r) => str(r, "period")),
    ctx.currentQuarter,
  );
}

const statusKey = (cert: string, k: string) => `cert.status|${cert}|${k}`;
const ttcKey = (cert: string) => `cert.ttc|${cert}`;

export const certificationsBuilder: Builder = {
  file: "certifications",
  datasets: ["certified_users", "individual_exams"],
  register(book: CellBook, raw: RawResults, ctx: Context) {
    const quarters = certQuarters(raw, ctx);
    const news = new Map(
      raw.cert_quarters.map((r) => [`${str(r, "certification")}|${str(r, "period")}`, num(r, "people")]),
    );
    for (const cert of CERT_KEYS) {
      let cum = 0;
      const chain: string[] = [];
      for (const q of quarters) {
        cum += news.get(`${cert}|${q}`) ?? 0;
        chain.push(put(book, cumKey(cert, q), cum));
      }
      book.chains.push(chain);
    }
    // "all" counts distinct people by their first certification: an outsider knows it is at least any one's count
    for (const cert of CERT_KEYS)
      if (cert !== "all") for (const q of quarters) book.leq.push([cumKey(cert, q), cumKey("all", q)]);
    const status = new Map(raw.cert_status.map((r) => [str(r, "certification"), r]));
    const last = quarters.at(-1) ?? ctx.currentQuarter;
    const totalKeys = new Map<string, string>();
    for (const cert of CERTIFICATIONS) {
      const r = status.get(cert);
      const active = put(book, statusKey(cert, "active"), r ? num(r, "active") : 0);
      const expired = put(book, statusKey(cert, "expired"), r ? num(r, "expired") : 0);
      const total = (book.values.get(active) ?? 0) + (book.values.get(expired) ?? 0);
      // Every certification row is also counted by the cumulative series: publish that one number as one cell.
      const key = book.values.get(cumKey(cert, last)) === total ? cumKey(cert, last) : statusKey(cert, "total");
      totalKeys.set(cert, put(book, key, total));
      book.groups.push({ total: key, members: [active, expired] });
    }
    for (const k of ["active", "expired", "total"] as const) {
      const members = CERTIFICATIONS.map((c) => (k === "total" ? (totalKeys.get(c) ?? "") : statusKey(c, k)));
      const sum = members.reduce((s, m) => s + (book.values.get(m) ?? 0), 0);
      const total = put(book, statusKey("all", k), sum);
      totalKeys.set(`all|${k}`, total);
      book.groups.push({ total, members });
    }
    book.groups.push({
      total: statusKey("all", "total"),
      members: [statusKey("all", "active"), statusKey("all", "expired")],
    });
    // time to certify counts person × certification rows, so "all" is the sum of the certifications.
    const times = new Map(raw.cert_time.map((r) => [str(r, "certification"), r]));
    for (const cert of CERT_KEYS) put(book, ttcKey(cert), times.has(cert) ? num(times.get(cert) ?? {}, "people") : 0);
    book.groups.push({ total: ttcKey("all"), members: CERTIFICATIONS.map(ttcKey) });

    return (hidden) => {
      const cell = (key: string) => cellOf(book, hidden, key);
      const byQuarter: Certifications["by_quarter"] = [];
      const byYear: Certifications["by_fiscal_year"] = [];
      for (const cert of CERT_KEYS) {
        let prev: Cell = visible(0);
        let prevYearEnd: Cell = visible(0);
        quarters.forEach((q, i) => {
          const cum = cell(cumKey(cert, q));
          byQuarter.push({
            certification: cert,
            period: q,
            new: derive([prev, cum], (a, b) => b - a),
            cumulative: cum,
          });
          prev = cum;
          const next = quarters[i + 1];
          if (next === undefined || fiscalYearOfQuarter(next) !== fiscalYearOfQuarter(q)) {
            byYear.push({
              certification: cert,
              period: fiscalYearOfQuarter(q),
              new: derive([prevYearEnd, cum], (a, b) => b - a),
              cumulative: cum,
            });
            prevYearEnd = cum;
          }
        });
      }
      const out: Certifications = {
        ...envelope(ctx, "certifications", certificationsBuilder.datasets),
        by_quarter: byQuarter,
        by_fiscal_year: byYear,
        status: CERT_KEYS.map((cert) => ({
          certification: cert,
          active: cell(statusKey(cert, "active")),
          expired: cell(statusKey(cert, "expired")),
          total: cell(cert === "all" ? statusKey("all", "total") : (totalKeys.get(cert) ?? "")),
        })),
        time_to_certify: CERT_KEYS.map((cert) => {
          const r = times.get(cert);
          const people = cell(ttcKey(cert));
          return {
            certification: cert,
            people,
            median_days: statOf(people, r ? optNum(r, "median_days") : null),
            p90_days: statOf(people, r ? optNum(r, "p90_days") : null),
          };
        }),
      };
      return out;
    };
  },
};

/** A statistic over a group of people: hidden with the group's count, undefined when there is nobody. */
export function statOf(people: Cell, value: number | null): Cell {
  if (people.suppressed) return SUPPRESSED;
  return value === null ? EMPTY : visible(value);
}

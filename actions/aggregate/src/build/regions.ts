/**
 * regions.json: people, exams and certifications per sales region (unified_users.region). Every region is a part of
 * the overall figures, so each measure is registered as an additive group whose total is the overall cell itself
 * (certified people, certifications per type, exams per fiscal year, people examined): suppression is decided over
 * regions and overall figures together and no difference between them narrows a hidden cell. A region whose own
 * cells would mostly be suppressed is merged into "Other regions" (with at least one other region).
 */

import { MAX_SMALL_SHARE } from "#core/aggregated/regions.ts";
import { CERTIFICATIONS, REGION_CODES, type Regions } from "#core/aggregated/schemas.ts";
import { type CellBook, cellOf, derive, isSmall, put, rate } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { num, type RawResults, str } from "../raw.ts";
import { certQuarters, cumKey } from "./certifications.ts";
import type { Builder } from "./types.ts";

type Code = (typeof REGION_CODES)[number];
export const PEOPLE_MEASURES = ["people", "people_examined", "certified_people"] as const;
type PeopleMeasure = (typeof PEOPLE_MEASURES)[number];

const LABELS: Record<Code, string> = {
  AMER: "AMER",
  APAC: "APAC",
  EMEA: "EMEA",
  LATAM: "LATAM",
  UNKNOWN: "Region unknown",
};

export interface Bucket {
  readonly slug: string;
  readonly label: string;
  readonly members: readonly Code[];
  /** members merged because of their own small cells (the others only keep them company) */
  readonly small: readonly Code[];
}

/** Per source region: measure key ("people", "certified|GH-100", "completed|FY25", …) → count. */
type Counts = Map<string, number>;

const isCode = (s: string): s is Code => (REGION_CODES as readonly string[]).includes(s);

export function regionCounts(raw: RawResults): Map<Code, Counts> {
  const out = new Map<Code, Counts>();
  for (const r of raw.regions) {
    const region = str(r, "region");
    if (!isCode(region)) throw new Error(`regions: unknown region ${region}`);
    const dim = str(r, "dimension");
    const key = dim === "" ? str(r, "measure") : `${str(r, "measure")}|${dim}`;
    const counts = out.get(region) ?? new Map<string, number>();
    counts.set(key, (counts.get(key) ?? 0) + num(r, "n"));
    out.set(region, counts);
  }
  return out;
}

/** Which regions are published alone and which are merged into "other" (deterministic: by code). */
export function bucketsOf(counts: ReadonlyMap<Code, Counts>, keys: readonly string[]): Bucket[] {
  const present = REGION_CODES.filter((c) => (counts.get(c)?.get("people") ?? 0) > 0);
  const smallShare = (c: Code) => {
    const vals = keys.map((k) => counts.get(c)?.get(k) ?? 0).filter((v) => v !== 0);
    const headline = PEOPLE_MEASURES.some((m) => isSmall(counts.get(c)?.get(m) ?? 0));
    return headline ? 1 : vals.filter(isSmall).length / Math.max(1, vals.length);
  };
  const merged = new Set(present.filter((c) => smallShare(c) > MAX_SMALL_SHARE));
  const small = present.filter((c) => merged.has(c));
  const alone = present.filter((c) => !merged.has(c));
  // one merged region alone would be published under another name: merge the smallest standing region with it
  if (merged.size === 1 && alone.length > 1) {
    const people = (c: Code) => counts.get(c)?.get("people") ?? 0;
    const smallest = [...alone].sort((a, b) => people(a) - people(b) || a.localeCompare(b))[0];
    if (smallest !== undefined) merged.add(smallest);
  }
  const out: Bucket[] = present
    .filter((c) => !merged.has(c))
    .map((c) => ({ slug: c.toLowerCase(), label: LABELS[c], members: [c], small: [] }));
  if (merged.size > 0)
    out.push({ slug: "other", label: "Other regions", members: present.filter((c) => merged.has(c)), small });
  return out;
}

const rk = (slug: string, m: string) => `rg|${slug}|${m}`;

export const regionsBuilder: Builder = {
  file: "regions",
  datasets: ["unified_users", "individual_exams", "certified_users"],
  register(book: CellBook, raw: RawResults, ctx) {
    const counts = regionCounts(raw);
    const years = [...new Set(raw.exams_cube.map((r) => str(r, "fiscal_year")))].sort();
    const certKeys = CERTIFICATIONS.map((c) => `certified|${c}`);
    const yearKeys = years.flatMap((y) => [`completed|${y}`, `passed|${y}`]);
    const keys = [...PEOPLE_MEASURES, ...certKeys, ...yearKeys];
    const buckets = bucketsOf(counts, keys);
    const sum = (b: Bucket, k: string) => b.members.reduce((s, c) => s + (counts.get(c)?.get(k) ?? 0), 0);
    const last = certQuarters(raw, ctx).at(-1) ?? ctx.currentQuarter;
    // the overall cell each "all" total is (another file's cell when it counts the same people or exams)
    const overall = (k: string): string | undefined => {
      if (k === "certified_people") return cumKey("all", last);
      if (k === "people_examined") return "exr|all|examined";
      const [m, dim] = k.split("|");
      if (m === "certified" && dim !== undefined) return cumKey(dim, last);
      if ((m === "completed" || m === "passed") && dim !== undefined) return `ex|all|${dim}|${m}`;
      return undefined;
    };
    const totals = new Map<string, string>();
    for (const k of keys) {
      const members = buckets.map((b) => put(book, rk(b.slug, k), sum(b, k)));
      const total = members.reduce((s, m) => s + (book.values.get(m) ?? 0), 0);
      const alias = overall(k);
      const key = alias !== undefined && book.values.get(alias) === total ? alias : rk("all", k);
      totals.set(k, put(book, key, total));
      book.groups.push({ total: key, members });
    }
    const cellKey = (slug: string, k: string) => (slug === "all" ? (totals.get(k) ?? rk("all", k)) : rk(slug, k));
    // what an outsider knows within a region: passed ≤ completed, each certification ≤ certified ≤ people
    for (const slug of [...buckets.map((b) => b.slug), "all"]) {
      const c = (k: string) => cellKey(slug, k);
      for (const y of years) book.leq.push([c(`passed|${y}`), c(`completed|${y}`)]);
      for (const k of certKeys) book.leq.push([c(k), c("certified_people")]);
      book.leq.push([c("certified_people"), c("people")], [c("people_examined"), c("people")]);
    }

    return (hidden) => {
      const rows = [
        ...buckets,
        { slug: "all", label: "All regions", members: [...new Set(buckets.flatMap((b) => b.members))], small: [] },
      ];
      const cell = (slug: string, k: string) => cellOf(book, hidden, cellKey(slug, k));
      const out: Regions = {
        ...envelope(ctx, "regions", regionsBuilder.datasets),
        regions: rows.map((b) => {
          const m = (k: PeopleMeasure) => cell(b.slug, k);
          return {
            region: b.slug,
            label: b.label,
            members: [...b.members],
            merged_for_small_cells: [...b.small],
            people: m("people"),
            people_examined: m("people_examined"),
            certified_people: m("certified_people"),
            certified_share: rate(m("certified_people"), m("people")),
          };
        }),
        certifications: rows.flatMap((b) =>
          CERTIFICATIONS.map((c) => ({ region: b.slug, certification: c, people: cell(b.slug, `certified|${c}`) })),
        ),
        by_fiscal_year: rows.flatMap((b) =>
          years.map((y) => {
            const completed = cell(b.slug, `completed|${y}`);
            const passed = cell(b.slug, `passed|${y}`);
            const pass_rate = derive([passed, completed], (p, c) => (c === 0 ? null : p / c));
            return { region: b.slug, fiscal_year: y, completed, passed, pass_rate };
          }),
        ),
      };
      return out;
    };
  },
};

/**
 * Headline KPI deltas from `data/aggregated/*.json`. Aggregates may declare their headline figures as an array
 * (`headline`, `kpis` or `headlines`) of `{ label|name|id, value }`; otherwise every numeric leaf is compared by its
 * JSON path. Provenance blocks (`generated_from`, `generated_at`) are ignored.
 */
import type { KpiDelta } from "./model.ts";

const IGNORED = new Set([
  "generated_from",
  "generated_at",
  "$schema",
  "schema_version",
  "version",
  "flags",
  "min_cell",
]);
const HEADLINE_KEYS = ["headline", "headlines", "kpis"];
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function label(o: { [k: string]: Json }, i: number): string {
  for (const k of ["label", "name", "id", "key"]) {
    const v = o[k];
    if (typeof v === "string") return v;
  }
  return `#${i}`;
}

/** A number, a suppressed-aware cell `{ value, suppressed }` (suppressed → null), or undefined for anything else. */
function cellValue(v: Json | undefined): number | null | undefined {
  if (typeof v === "number") return v;
  if (isObject(v) && "value" in v && (typeof v.value === "number" || v.value === null)) {
    return v.suppressed === true ? null : v.value;
  }
  return undefined;
}

/** The dimension values of an array item (its string fields, e.g. "GH-200 FY26"), to label its figures. */
function dimensions(item: Json): string | undefined {
  if (!isObject(item)) return undefined;
  const dims = Object.values(item).filter((x): x is string => typeof x === "string");
  return dims.length > 0 ? dims.join(" ") : undefined;
}

/** label → formatted value of a file's headline figures, or of all numeric leaves. */
export function figures(json: Json): Map<string, { value: number | null; path: string }> {
  const out = new Map<string, { value: number | null; path: string }>();
  if (isObject(json)) {
    for (const hk of HEADLINE_KEYS) {
      const arr = json[hk];
      if (!Array.isArray(arr)) continue;
      arr.forEach((item, i) => {
        if (!isObject(item)) return;
        const v = cellValue(item.current ?? item.value);
        if (v !== undefined) {
          const unit = typeof item.unit === "string" ? ` ${item.unit}` : "";
          out.set(label(item, i), { value: v, path: `${hk}.${label(item, i)}${unit}` });
        }
      });
      if (out.size > 0) return out;
    }
  }
  const walk = (v: Json, path: string): void => {
    const leaf = cellValue(v);
    if (leaf !== undefined) out.set(path, { value: leaf, path });
    else if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path} ${dimensions(x) ?? `#${i}`}`.trim());
    } else if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) if (!IGNORED.has(k)) walk(x, path === "" ? k : `${path} ${k}`);
    }
  };
  walk(json, "");
  return out;
}

/** A rate, share or ratio of 0–1 (shown as a percentage). */
const isRate = (path: string, v: number): boolean => /rate|share|pct|percent|ratio/i.test(path) && Math.abs(v) <= 1;

/** A whole count of people or rows (not a rate, share or average). */
const isCount = (path: string, v: number | null | undefined): v is number =>
  typeof v === "number" && Number.isInteger(v) && !isRate(path, v);

export function formatFigure(path: string, v: number | null): string | null {
  if (v === null) return null;
  if (isRate(path, v)) return `${(v * 100).toFixed(1)}%`;
  if (Number.isInteger(v)) return v.toLocaleString("en-US");
  return String(Math.round(v * 1000) / 1000);
}

/** Compares one aggregated file; undefined text = absent on that side. */
export function kpiDeltas(file: string, baseText: string | undefined, headText: string | undefined): KpiDelta[] {
  const parse = (t: string | undefined): Json => (t === undefined ? null : (JSON.parse(t) as Json));
  const a = figures(parse(baseText));
  const b = figures(parse(headText));
  const out: KpiDelta[] = [];
  for (const lbl of [...new Set([...a.keys(), ...b.keys()])]) {
    const o = a.get(lbl);
    const n = b.get(lbl);
    if (o?.value === n?.value) continue;
    const path = n?.path ?? o?.path ?? lbl;
    const before = o?.value;
    const after = n?.value;
    out.push({
      file,
      label: lbl,
      old: formatFigure(path, before ?? null),
      new: formatFigure(path, after ?? null),
      ...(isCount(path, before) && isCount(path, after) ? { countDelta: after - before } : {}),
    });
  }
  return out;
}

/** Headline files first (name contains headline, overview or kpi), then by name. */
export function aggregatedOrder(files: readonly string[]): string[] {
  const rank = (f: string): number => (/headline|overview|kpi/i.test(f) ? 0 : 1);
  return [...files].sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : x > y ? 1 : 0));
}

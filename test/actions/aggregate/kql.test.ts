/**
 * Every aggregate .kql is analyzed by Microsoft's KQL analyzer (@kusto/language-service-next, via the simulator's
 * glue) against the aggregate database as data/schema declares it (string→string, integer→long, number→real,
 * boolean→bool, date/datetime→datetime): zero diagnostics, and result columns equal to what the Kusto engine expects
 * (engine/kql.ts KQL_RESULTS, which the engine checks again on every response). Plus the house rules: one .kql per
 * .sql, shared helpers identical to kql/_helpers.kql, no estimating aggregate, every join kind explicit, the as-of only
 * as a declared query parameter.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadSchemas } from "#core/schema.ts";
import { KQL_DIR, KQL_RESULTS, kqlText } from "../../../actions/aggregate/src/engine/kql.ts";
import { type AnyQuery, QUERIES } from "../../../actions/aggregate/src/engine/types.ts";
import { createAnalyzer } from "../../../sim/kusto/analyzer.ts";
import { KUSTO_TYPE } from "../../../sim/kusto/kql/aggregate-db.ts";
import type { UpstreamTable } from "../../../sim/kusto/upstream-schema.ts";

const tables: UpstreamTable[] = [...loadSchemas().values()].map((s) => ({
  name: s.name,
  timeColumn: s.fields[0]?.name ?? "",
  key: [s.fields[0]?.name ?? ""],
  personColumns: {},
  columns: s.fields.map((f) => ({ name: f.name, type: KUSTO_TYPE[f.type] })),
}));
const analyze = createAnalyzer("ace_data", tables);
const ALL: readonly AnyQuery[] = ["as_of_fallback", ...QUERIES];

/** `let name = …;` one-line definitions of kql/_helpers.kql, by name. */
const HELPERS = new Map(
  readFileSync(new URL("_helpers.kql", KQL_DIR), "utf8")
    .split("\n")
    .filter((l) => l.startsWith("let "))
    .map((l) => [/^let (\w+) =/.exec(l)?.[1] ?? "", l] as const),
);

describe("aggregate .kql files against the aggregate database schema", () => {
  for (const name of ALL) {
    it(`${name}: no diagnostics, result columns as the engine expects`, () => {
      const analysis = analyze(kqlText(name));
      expect(analysis.errors).toEqual([]);
      expect(analysis.columns?.map((c) => [c.name, c.type])).toEqual(KQL_RESULTS[name].columns.map((c) => [...c]));
    });
  }

  it("one .kql per .sql (the macros and helpers aside)", () => {
    const names = (dir: URL, ext: string) =>
      readdirSync(dir)
        .filter((f) => f.endsWith(ext) && !f.startsWith("_"))
        .map((f) => f.slice(0, -ext.length))
        .sort();
    expect(names(KQL_DIR, ".kql")).toEqual(names(new URL("../sql/", KQL_DIR), ".sql"));
    expect(names(KQL_DIR, ".kql")).toEqual([...ALL].sort());
  });

  it("the helpers are kql/_helpers.kql's, verbatim, wherever a file defines one", () => {
    expect([...HELPERS.keys()].sort()).toEqual([
      "first_certifications",
      "fq",
      "fy",
      "iso_week_jan4",
      "iso_week_thursday",
      "ym",
    ]);
    let copies = 0;
    for (const name of ALL) {
      for (const line of kqlText(name).split("\n")) {
        const helper = /^let (\w+) =/.exec(line)?.[1];
        const canonical = helper === undefined ? undefined : HELPERS.get(helper);
        if (canonical === undefined) continue;
        expect(line, `${name}.kql: let ${helper}`).toBe(canonical);
        copies++;
      }
    }
    expect(copies).toBeGreaterThan(HELPERS.size);
  });

  it("exact aggregates only, explicit join kinds, the as-of only as a declared parameter", () => {
    for (const name of ALL) {
      const code = kqlText(name)
        .split("\n")
        .filter((l) => !l.trimStart().startsWith("//"))
        .join("\n");
      expect(code, name).not.toMatch(/\b(dcount|dcountif|percentile|percentiles|tdigest|hll)\s*\(/);
      for (const m of code.matchAll(/\bjoin\b(.{0,40})/g))
        expect(m[1], name).toMatch(/^\s+kind=(inner|leftouter|leftanti)\b/);
      const usesAsOf = /\bas_of\b/.test(code.replace(/project as_of =/, ""));
      expect(code.includes("declare query_parameters(as_of:datetime);"), name).toBe(usesAsOf);
    }
  });
});

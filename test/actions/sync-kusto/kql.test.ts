/**
 * Every .kql is analyzed by Microsoft's KQL analyzer (@kusto/language-service-next, via the simulator's glue) against
 * the declared upstream schema: zero diagnostics, the simulators' query contract, and result columns and types equal
 * to exactly what the normalizers read (EXTRACT_COLUMNS). A change on either side fails here.
 */
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { incrementalQueryFile, loadConfig, readQuery } from "../../../actions/sync-kusto/src/config.ts";
import { EXTRACT_COLUMNS, EXTRACT_NAMES } from "../../../actions/sync-kusto/src/extracts.ts";
import { NORMALIZERS } from "../../../actions/sync-kusto/src/normalize/index.ts";
import { createAnalyzer } from "../../../sim/kusto/analyzer.ts";
import { checkContract } from "../../../sim/kusto/contract.ts";
import { clusterByName, loadUpstream } from "../../../sim/kusto/upstream-schema.ts";

const config = loadConfig({});
const upstream = loadUpstream();

describe(".kql files against the upstream schema", () => {
  for (const name of EXTRACT_NAMES) {
    it(`${name}: no diagnostics, within the contract, result = what the normalizers read`, () => {
      const e = config.extracts[name];
      if (!e) throw new Error(`sources.json lacks ${name}`);
      const cluster = clusterByName(upstream, config.clusters[e.cluster].name);
      const analysis = createAnalyzer(cluster.database, cluster.tables)(readQuery(e.query));
      expect(analysis.errors).toEqual([]);
      const contract = checkContract(analysis, cluster.tables);
      expect(contract.ok ? contract.contract.table.name : contract.message).toBe(e.table);
      expect(analysis.columns).toEqual(EXTRACT_COLUMNS[name]);
    });
  }

  for (const name of EXTRACT_NAMES) {
    it(`${name} (incremental): no diagnostics, windowed on ingestion_time(), same result columns`, () => {
      const e = config.extracts[name];
      if (!e) throw new Error(`sources.json lacks ${name}`);
      const cluster = clusterByName(upstream, config.clusters[e.cluster].name);
      const analysis = createAnalyzer(cluster.database, cluster.tables)(readQuery(incrementalQueryFile(e.query)));
      expect(analysis.errors).toEqual([]);
      const contract = checkContract(analysis, cluster.tables);
      expect(contract.ok ? [contract.contract.table.name, contract.contract.windowOn] : contract.message).toEqual([
        e.table,
        "ingestion",
      ]);
      expect(analysis.columns).toEqual(EXTRACT_COLUMNS[name]);
    });
  }

  it("has one query file per extract and every extract is read by some normalizer", () => {
    const files = readdirSync(new URL("../../../actions/sync-kusto/queries/", import.meta.url)).filter((f) =>
      f.endsWith(".kql"),
    );
    expect(files.sort()).toEqual(EXTRACT_NAMES.map((n) => `${n}.kql`).sort());
    const incremental = readdirSync(
      new URL("../../../actions/sync-kusto/queries/incremental/", import.meta.url),
    ).filter((f) => f.endsWith(".kql"));
    expect(incremental.sort()).toEqual(files.sort());
    const read = new Set(Object.values(NORMALIZERS).flatMap((n) => n.reads));
    expect([...read].sort()).toEqual([...EXTRACT_NAMES].sort());
  });
});

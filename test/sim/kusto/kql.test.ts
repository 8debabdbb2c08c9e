/**
 * The aggregate database end to end through the real azure-kusto-data client: analyzer errors, constructs outside
 * the subset, parameter binding, result limits, and an S-scale check against an independent computation over the
 * committed CSVs (core/csv-read.ts).
 */
import { describe, expect, it } from "vitest";
import { readAll } from "#core/csv-read.ts";
import { DEFAULT_DATA_DIR, getSchema, loadSchemas } from "#core/schema.ts";
import { kustoEnv, start } from "../../../sim/kusto/index.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";
import { clientFor, rejection } from "../../harness/sim-kusto/helpers.ts";
import { useAggregateSim } from "./kql-helpers.ts";

const { fx, cluster, query, refusal } = useAggregateSim({ maxRecords: 1000 });

const AS_OF = { as_of: "datetime(2026-11-24T02:00:00Z)" };

describe("aggregate database: reaching it", () => {
  it("is the third cluster, ace_data, in kustoEnv", () => {
    const env = kustoEnv(fx.sim);
    expect(env.KUSTO_AGG_DATABASE).toBe("ace_data");
    expect(env.KUSTO_AGG_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

describe("aggregate database: schema", () => {
  it("lists one table per dataset with the schema's types (.show tables, .show table T schema as json)", async () => {
    const { url, database } = cluster();
    const client = clientFor(url);
    const tables = await client.execute(database, ".show tables");
    const names = [...(tables.primaryResults[0]?.rows() ?? [])].map((r) => r.toJSON()["TableName"]);
    expect(names).toEqual([...loadSchemas().keys()]);
    const schema = await client.execute(database, ".show table individual_exams schema as json");
    const row = [...(schema.primaryResults[0]?.rows() ?? [])][0]?.toJSON();
    const parsed = JSON.parse(String(row?.["Schema"])) as { OrderedColumns: { Name: string; CslType: string }[] };
    expect(parsed.OrderedColumns.map((c) => `${c.Name}:${c.CslType}`)).toEqual(
      getSchema("individual_exams").fields.map(
        (f) =>
          `${f.name}:${{ string: "string", integer: "long", number: "real", boolean: "bool", date: "datetime", datetime: "datetime" }[f.type]}`,
      ),
    );
  });
});

describe("aggregate database: errors", () => {
  it("refuses to start on a data directory that does not exist", async () => {
    const e = await rejection(
      start({ world: { kusto: createFixtureUpstream() }, aggregateDataDir: "/nonexistent/ace-data" }),
    );
    expect(e.message).toMatch(/no such data directory for the aggregate database/);
  });

  it("answers analyzer errors as Kusto does (400, semantic error with line:position)", async () => {
    const r = await refusal(`individual_exams | where no_such_column > 1`);
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/^Semantic error: KS\d+: .*no_such_column.*\[line:position=1:26\]$/);
    const unknownTable = await refusal(`NoTable | count`);
    expect(unknownTable.message).toMatch(/NoTable/);
  });

  it("refuses a construct outside the evaluated subset with a 400 that names it", async () => {
    const r = await refusal(`individual_exams | summarize make_set(certification)`);
    expect(r.status).toBe(400);
    expect(r.message).toMatch(/KQL subset does not evaluate the aggregation make_set\(\)/);
    const op = await refusal(`individual_exams | top 3 by score`);
    expect(op.message).toMatch(/does not evaluate the operator 'top'/);
  });

  it("binds declared parameters from the request and refuses a missing or malformed one", async () => {
    const q = `declare query_parameters(as_of:datetime); individual_exams | where registered_at < as_of | count`;
    const all = await query(q, AS_OF);
    const early = await query(q, { as_of: "2023-01-01T00:00:00Z" });
    expect((all.rows[0]?.["Count"] as number) > (early.rows[0]?.["Count"] as number)).toBe(true);
    const missing = await refusal(q);
    expect(missing.status).toBe(400);
    expect(missing.message).toMatch(/as_of.*no value was provided/);
    const bad = await refusal(q, { as_of: "datetime(yesterday)" });
    expect(bad.message).toMatch(/cannot parse 'datetime\(yesterday\)' as datetime/);
  });

  it("truncates results over the record limit unless `set notruncation;`", async () => {
    const e = await refusal(`individual_exams | project exam_id`);
    // a 200 whose result ends in a OneApiErrors row: the client rejects with the truncation error
    expect(e.status).toBeUndefined();
    expect(e.message).toContain("E_QUERY_RESULT_SET_TOO_LARGE");
    expect(fx.sim.requests.at(-1)).toMatchObject({ cluster: "agg", rows: 1000, truncated: true });
    const ok = await query(`set notruncation; individual_exams | project exam_id`);
    expect(ok.rows.length).toBe((await readAll(DEFAULT_DATA_DIR, getSchema("individual_exams"))).length);
  });
});

describe("aggregate database: S-scale numbers equal an independent computation over the CSVs", () => {
  it("exams by certification and fiscal year: count, countif, count_distinct, sum, min, max", async () => {
    const rows = await readAll(DEFAULT_DATA_DIR, getSchema("individual_exams"));
    const expected = new Map<string, { n: number; passed: number; people: Set<string>; score: number; hi: number }>();
    for (const r of rows) {
      const key = `${r["certification"]}|${r["fiscal_year"]}|${r["delivery"] ?? ""}`;
      const e = expected.get(key) ?? { n: 0, passed: 0, people: new Set(), score: 0, hi: -Infinity };
      e.n++;
      if (r["passed"] === true) e.passed++;
      e.people.add(String(r["user_id"]));
      if (typeof r["score"] === "number") {
        e.score += r["score"];
        e.hi = Math.max(e.hi, r["score"]);
      }
      expected.set(key, e);
    }
    const got = await query(
      `individual_exams
       | summarize n = count(), passed = countif(passed), people = count_distinct(user_id), score = sum(score), hi = max(score)
           by certification, fiscal_year, delivery
       | order by certification asc, fiscal_year asc, delivery asc`,
    );
    expect(got.rows.length).toBe(expected.size);
    for (const r of got.rows) {
      const e = expected.get(`${r["certification"]}|${r["fiscal_year"]}|${r["delivery"]}`);
      expect(e).toBeDefined();
      expect([r["n"], r["passed"], r["people"]]).toEqual([e?.n, e?.passed, e?.people.size]);
      expect(r["score"]).toBe(e?.score); // sum() of no values is 0 (documented default)
      expect(r["hi"]).toBe(e?.hi === -Infinity ? null : e?.hi);
    }
  });

  it("first certification per person joined to the users' regions (summarize min, join inner, fiscal-year function)", async () => {
    const certs = await readAll(DEFAULT_DATA_DIR, getSchema("certified_users"));
    const users = await readAll(DEFAULT_DATA_DIR, getSchema("unified_users"));
    const first = new Map<string, string>();
    for (const c of certs) {
      const id = String(c["user_id"]);
      const at = String(c["certified_at"]);
      const cur = first.get(id);
      if (cur === undefined || at < cur) first.set(id, at);
    }
    const fy = (iso: string) => {
      const y = Number(iso.slice(0, 4)) + (Number(iso.slice(5, 7)) >= 7 ? 1 : 0);
      return `FY${String(y % 100).padStart(2, "0")}`;
    };
    const expected = new Map<string, number>();
    for (const u of users) {
      const at = first.get(String(u["user_id"]));
      if (at === undefined) continue;
      const key = `${u["region"] ?? ""}|${fy(at)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const got = await query(
      `declare query_parameters(as_of:datetime);
       let fy = (t:datetime) { strcat("FY", substring(tostring(getyear(t) + iff(getmonth(t) >= 7, 1, 0)), 2, 2)) };
       let firsts = certified_users | where certified_at <= as_of | summarize first_at = min(certified_at) by user_id;
       unified_users
       | join kind=inner firsts on user_id
       | summarize people = count() by region, fy = fy(first_at)
       | order by region asc, fy asc`,
      AS_OF,
    );
    expect(new Map(got.rows.map((r) => [`${r["region"]}|${r["fy"]}`, r["people"]]))).toEqual(expected);
  });
});

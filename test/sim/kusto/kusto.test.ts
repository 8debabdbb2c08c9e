import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { start } from "../../../sim/kusto/index.ts";
import { createFixtureUpstream } from "../../harness/sim-kusto/fixture.ts";
import {
  ALL_TIME,
  clientFor,
  httpError,
  props,
  rejection,
  useKustoSim,
  WINDOW_QUERY,
} from "../../harness/sim-kusto/helpers.ts";

const EXAM_RESULTS = WINDOW_QUERY(
  "ExamResults",
  "EligibleAt",
  "EligibilityId, Email, EligibleAt, TakenAt, ScoreValue, Passed, Duration",
  "EligibilityId asc",
);

const fx = useKustoSim(() => ({ world: { kusto: createFixtureUpstream() }, limits: { maxRecords: 6 } }));

describe("kusto simulator with the real azure-kusto-data client", () => {
  it("answers a window query with v2 frames, exact encodings and the analyzer's result schema", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const r = await client.execute(
      "ace",
      EXAM_RESULTS,
      props({ window_start: "datetime(2026-01-02)", window_end: "datetime(2026-01-06)" }),
    );
    const table = r.primaryResults[0];
    expect(table?.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      "EligibilityId:string",
      "Email:string",
      "EligibleAt:datetime",
      "TakenAt:datetime",
      "ScoreValue:real",
      "Passed:bool",
      "Duration:timespan",
    ]);
    const rows = [...(table?.rows() ?? [])].map((row) => row.toJSON());
    expect(rows.map((x) => x["EligibilityId"])).toEqual([
      "EligibilityId-0001",
      "EligibilityId-0002",
      "EligibilityId-0003",
      "EligibilityId-0004",
    ]);
    expect(rows[1]?.["TakenAt"]).toBeNull();
    expect(rows[0]?.["EligibleAt"]).toEqual(new Date("2026-01-02T00:00:00Z"));
    expect(table?.["_rows"]).toBeDefined();
    const raw = (table as unknown as { _rows: unknown[][] })._rows;
    expect(raw[0]).toEqual([
      "EligibilityId-0001",
      "Person1@Example.com",
      "2026-01-02T00:00:00.0000000Z",
      "2026-01-02T01:00:00.0000000Z",
      1.25,
      false,
      "00:01:30.0001234",
    ]);
    expect(r.tables.map((t) => t.name)).toEqual(["@ExtendedProperties", "PrimaryResult", "QueryCompletionInformation"]);
    const log = fx.sim.requests.at(-1);
    expect(log).toMatchObject({ route: "kusto:query", db: "ace", status: 200, rows: 4, table: "ExamResults" });
    expect(log?.parameters).toEqual({ window_start: "datetime(2026-01-02)", window_end: "datetime(2026-01-06)" });
  });

  it("encodes long, int, guid, decimal, dynamic and empty strings", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const q = WINDOW_QUERY(
      "LearningEvents",
      "Timestamp",
      "Email, Timestamp, ItemId, ItemType, Completed, SessionId, Progress",
      "Email asc, Timestamp asc, ItemId asc",
    );
    const r = await client.execute(
      "ace",
      q,
      props({ window_start: "datetime(2026-01-02)", window_end: "2026-01-03T00:00:00Z" }),
    );
    const raw = (r.primaryResults[0] as unknown as { _rows: unknown[][] })._rows;
    expect(raw).toEqual([
      [
        "Person1@Example.com",
        "2026-01-02T00:00:00.0000000Z",
        "ItemId-0001",
        "",
        false,
        "00000000-0000-0000-0000-000000000001",
        "1.10",
      ],
    ]);
    const cse = clientFor(fx.sim.clusters.cse.url);
    const pq = WINDOW_QUERY(
      "PearsonExamResults",
      "RegisteredAt",
      "RegistrationId, Score, RawPayload",
      "RegistrationId asc",
      "GitHubHandle login",
    );
    const p = await cse.execute("ACE", pq, props({ ...ALL_TIME, login: "login-2" }));
    expect((p.primaryResults[0] as unknown as { _rows: unknown[][] })._rows).toEqual([
      ["RegistrationId-0002", 20, { i: 2, tags: ["a", 2] }],
      ["RegistrationId-0005", 50, { i: 5, tags: ["a", 5] }],
      ["RegistrationId-0008", 80, { i: 8, tags: ["a", 8] }],
    ]);
  });

  it("filters a person by user_key (normalized e-mail) and echoes the client request id", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const q = WINDOW_QUERY("Users", "FirstSeen", "Email, GitHubLogin", "Email asc", "Email user_key");
    const r = await client.execute(
      "ace",
      q,
      props({ ...ALL_TIME, user_key: "person0@example.com" }, (p) => {
        p.clientRequestId = "ace-test;fixed-id";
      }),
    );
    expect([...(r.primaryResults[0]?.rows() ?? [])].length).toBeGreaterThan(0);
    expect(fx.sim.requests.at(-1)?.clientRequestId).toBe("ace-test;fixed-id");
  });

  it("answers a misspelled column with a 400 OneApi body naming it (analyzer message)", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const q = WINDOW_QUERY("Users", "FirstSeen", "Emial, GitHubLogin", "Email asc");
    const e = await rejection(client.execute("ace", q, props(ALL_TIME)));
    const { status, data } = httpError(e);
    expect(status).toBe(400);
    const body = data as { error: { code: string; "@type": string; "@message": string } };
    expect(body.error.code).toBe("General_BadRequest");
    expect(body.error["@type"]).toBe("Kusto.Data.Exceptions.SemanticException");
    expect(body.error["@message"]).toContain("'Emial'");
  });

  it("answers queries outside the contract with a clear 400", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const cases: [string, string][] = [
      [
        "declare query_parameters(window_start:datetime, window_end:datetime);\nUsers | where FirstSeen >= window_start and FirstSeen < window_end | summarize count() by Country",
        "summarize",
      ],
      ["Users | take 3", "declare query_parameters"],
      [
        "declare query_parameters(window_start:datetime, window_end:datetime);\nUsers | where FirstSeen >= window_start and FirstSeen < window_end | order by Email",
        "order by Email asc",
      ],
      [
        "declare query_parameters(window_start:datetime, window_end:datetime);\nUsers | where Country == 'DE' | order by Email asc",
        "Country",
      ],
    ];
    for (const [q, needle] of cases) {
      const { status, data } = httpError(await rejection(client.execute("ace", q, props(ALL_TIME))));
      expect(status).toBe(400);
      expect(JSON.stringify(data)).toContain(needle);
    }
    const missing = await rejection(
      client.execute(
        "ace",
        WINDOW_QUERY("Users", "FirstSeen", "Email", "Email asc"),
        props({ window_start: "datetime(2026-01-01)" }),
      ),
    );
    expect(JSON.stringify(httpError(missing).data)).toContain("window_end");
    const wrongDb = await rejection(
      client.execute("ACE", WINDOW_QUERY("Users", "FirstSeen", "Email", "Email asc"), props(ALL_TIME)),
    );
    expect(httpError(wrongDb).status).toBe(400);
  });

  it("serves .show version, .show tables and .show table T schema as json in v1 format", async () => {
    const client = clientFor(fx.sim.clusters.cse.url);
    const version = await client.execute("ACE", ".show version");
    expect(version.primaryResults[0]?.columns.map((c) => c.name)).toContain("BuildVersion");
    const tables = await client.execute("ACE", ".show tables");
    expect([...(tables.primaryResults[0]?.rows() ?? [])].map((r) => r.toJSON()["TableName"])).toEqual([
      "PearsonExamResults",
    ]);
    const schema = await client.execute("ACE", ".show table PearsonExamResults schema as json");
    const row = [...(schema.primaryResults[0]?.rows() ?? [])][0]?.toJSON();
    const parsed = JSON.parse(String(row?.["Schema"])) as { OrderedColumns: { Name: string; CslType: string }[] };
    expect(parsed.OrderedColumns[0]).toMatchObject({
      Name: "RegistrationId",
      CslType: "string",
      Type: "System.String",
    });
    expect(httpError(await rejection(client.execute("ACE", ".drop table PearsonExamResults"))).status).toBe(400);
  });

  it("truncates over the record limit with E_QUERY_RESULT_SET_TOO_LARGE unless notruncation", async () => {
    const client = clientFor(fx.sim.clusters.gh.url);
    const q = WINDOW_QUERY("Users", "FirstSeen", "Email, FirstSeen", "Email asc");
    const e = await rejection(client.execute("ace", q, props(ALL_TIME)));
    expect(e.message).toContain("Kusto request had errors");
    expect(e.message).toContain("E_QUERY_RESULT_SET_TOO_LARGE");
    expect(fx.sim.requests.at(-1)).toMatchObject({ rows: 6, truncated: true });
    const raw = await client.execute(
      "ace",
      q,
      props(ALL_TIME, (p) => {
        p.raw = true;
      }),
    );
    const frames = raw as unknown as { FrameType: string; TableKind?: string; Rows?: unknown[]; HasErrors?: boolean }[];
    const primary = frames.find((f) => f.TableKind === "PrimaryResult");
    expect(primary?.Rows?.length).toBe(7);
    expect(JSON.stringify(primary?.Rows?.at(-1))).toContain("LimitsExceeded");
    expect(frames.at(-1)).toMatchObject({ FrameType: "DataSetCompletion", HasErrors: true });
    const ok = await client.execute(
      "ace",
      q,
      props(ALL_TIME, (p) => p.setOption("notruncation", true)),
    );
    expect([...(ok.primaryResults[0]?.rows() ?? [])].length).toBe(10);
    const viaSet = await client.execute("ace", `set notruncation;\n${q}`, props(ALL_TIME));
    expect([...(viaSet.primaryResults[0]?.rows() ?? [])].length).toBe(10);
  });

  it("answers a request body over its limit with 413 and a Kusto error body", async () => {
    const res = await fetch(`${fx.sim.clusters.gh.url}/v2/rest/query`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ db: "ace", csl: `print "${"x".repeat(4 * 1024 * 1024)}"` }),
    });
    expect(res.status).toBe(413);
    const body = (await res.json()) as { error?: { code?: string } };
    expect(body.error?.code).toBe("General_BadRequest");
  });

  it("accepts properties as a JSON string, gzips on request and sends x-ms-activity-id", async () => {
    const body = JSON.stringify({
      db: "ace",
      csl: WINDOW_QUERY("Users", "FirstSeen", "Email", "Email asc"),
      properties: JSON.stringify({ Options: { notruncation: true }, Parameters: ALL_TIME }),
    });
    const res = await fetch(`${fx.sim.clusters.gh.url}/v2/rest/query`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-ms-client-request-id": "plain;1" },
      body,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-ms-client-request-id")).toBe("plain;1");
    expect(res.headers.get("x-ms-activity-id")).toMatch(/^[0-9a-f-]{36}$/);
    const frames = (await res.json()) as { FrameType: string; TableKind?: string; Rows?: unknown[] }[];
    expect(frames.map((f) => f.FrameType)).toEqual([
      "DataSetHeader",
      "DataTable",
      "DataTable",
      "DataTable",
      "DataSetCompletion",
    ]);
    const { request } = await import("node:http");
    const gz = await new Promise<Buffer>((resolve, reject) => {
      const url = new URL(`${fx.sim.clusters.gh.url}/v2/rest/query`);
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: { "accept-encoding": "gzip" },
        },
        (r) => {
          expect(r.headers["content-encoding"]).toBe("gzip");
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => resolve(Buffer.concat(chunks)));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    expect(JSON.parse(gunzipSync(gz).toString("utf8"))).toHaveLength(5);
  });

  it("answers the auth metadata endpoint so the client uses public-cloud defaults", async () => {
    const res = await fetch(`${fx.sim.clusters.cse.url}/v1/rest/auth/metadata`);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { AzureAD: { LoginEndpoint: string } }).AzureAD.LoginEndpoint).toBe(
      "https://login.microsoftonline.com",
    );
  });
});

describe("bearer auth", () => {
  it("answers 401 without a token, 403 with a wrong one and 200 with the right one", async () => {
    const secured = await start({ world: { kusto: createFixtureUpstream() }, auth: { token: "s3cret" } });
    try {
      const q = WINDOW_QUERY("Users", "FirstSeen", "Email", "Email asc");
      expect(
        httpError(await rejection(clientFor(secured.clusters.gh.url).execute("ace", q, props(ALL_TIME)))).status,
      ).toBe(401);
      const forbidden = httpError(
        await rejection(clientFor(secured.clusters.gh.url, "wrong").execute("ace", q, props(ALL_TIME))),
      );
      expect(forbidden.status).toBe(403);
      expect(JSON.stringify(forbidden.data)).toContain("not authorized");
      const ok = await clientFor(secured.clusters.gh.url, "s3cret").execute("ace", q, props(ALL_TIME));
      expect([...(ok.primaryResults[0]?.rows() ?? [])].length).toBe(10);
    } finally {
      await secured.close();
    }
  });
});

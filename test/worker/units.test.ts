/** Pure parts: the v2 frame parser (every type encoding, partial failures), token caching, login rules. */
import { describe, expect, it } from "vitest";
import { KustoError } from "../../worker/src/kusto/errors.ts";
import { parseTimespan, parseV2 } from "../../worker/src/kusto/frames.ts";
import { clearTokenCache, kustoToken, TOKEN_REFRESH_MARGIN_MS } from "../../worker/src/kusto/token.ts";
import { isValidLogin, loginShard } from "../../worker/src/login.ts";

const col = (ColumnName: string, ColumnType: string) => ({ ColumnName, ColumnType });
const frames = (columns: object[], rows: unknown[], completion: object = { HasErrors: false, Cancelled: false }) =>
  JSON.stringify([
    { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0" },
    {
      FrameType: "DataTable",
      TableId: 0,
      TableKind: "QueryProperties",
      TableName: "@ExtendedProperties",
      Columns: [],
      Rows: [],
    },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: columns,
      Rows: rows,
    },
    { FrameType: "DataSetCompletion", ...completion },
  ]);

const kind = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof KustoError) return e.kind;
    throw e;
  }
  return "none";
};

describe("v2 frames", () => {
  it("decodes every type encoding", () => {
    const cols = [
      col("dt", "datetime"),
      col("ts", "timespan"),
      col("l", "long"),
      col("i", "int"),
      col("r", "real"),
      col("b", "bool"),
      col("dec", "decimal"),
      col("g", "guid"),
      col("s", "string"),
      col("d", "dynamic"),
    ];
    const t = parseV2(
      frames(cols, [
        [
          "2020-03-04T14:05:01.3109965Z",
          "1.02:03:04.5000000",
          9007199254740991,
          -3,
          "NaN",
          true,
          "12.30",
          "00000000-0000-0000-0000-000000000001",
          "",
          { a: [1, 2] },
        ],
        [null, null, null, null, 2.5, null, null, null, "x", null],
      ]),
    );
    const [a, b] = t.rows;
    expect(a?.dt).toEqual(new Date("2020-03-04T14:05:01.310Z"));
    expect(a?.ts).toBe(((24 + 2) * 3600 + 3 * 60 + 4.5) * 1000);
    expect(a?.l).toBe(9007199254740991);
    expect(a?.i).toBe(-3);
    expect(Number.isNaN(a?.r)).toBe(true);
    expect(a?.b).toBe(true);
    expect(a?.dec).toBe("12.30");
    expect(a?.g).toBe("00000000-0000-0000-0000-000000000001");
    expect(a?.s).toBe("");
    expect(a?.d).toEqual({ a: [1, 2] });
    expect(b).toEqual({ dt: null, ts: null, l: null, i: null, r: 2.5, b: null, dec: null, g: null, s: "x", d: null });
    expect(parseTimespan("-00:00:01")).toBe(-1000);
  });

  it("turns partial failures and malformed bodies into errors", () => {
    const cols = [col("n", "long")];
    expect(
      kind(() => parseV2(frames(cols, [[1]], { HasErrors: true, OneApiErrors: [{ error: { code: "X" } }] }))),
    ).toBe("has-errors");
    expect(kind(() => parseV2(frames(cols, [[1], { OneApiErrors: [{ error: { code: "Internal" } }] }])))).toBe(
      "inline-error",
    );
    const trunc = [{ error: { code: "LimitsExceeded", message: "E_QUERY_RESULT_SET_TOO_LARGE" } }];
    expect(
      kind(() => parseV2(frames(cols, [[1], { OneApiErrors: trunc }], { HasErrors: true, OneApiErrors: trunc }))),
    ).toBe("truncated");
    expect(kind(() => parseV2("<html>"))).toBe("malformed");
    expect(kind(() => parseV2("{}"))).toBe("malformed");
    expect(kind(() => parseV2(frames(cols, [[1]]).slice(0, -60)))).toBe("malformed");
    expect(kind(() => parseV2(frames(cols, [["x"]])))).toBe("malformed");
    expect(kind(() => parseV2(frames([col("d", "datetime")], [["yesterday"]])))).toBe("malformed");
    expect(kind(() => parseV2(JSON.stringify([{ FrameType: "DataSetCompletion", HasErrors: false }])))).toBe(
      "malformed",
    );
  });
});

describe("Entra token", () => {
  it("is fetched once and reused until shortly before expires_in; loopback is anonymous", async () => {
    clearTokenCache();
    let calls = 0;
    let bodySeen = "";
    const fetchFn = async (_: Request | string | URL, init?: RequestInit): Promise<Response> => {
      calls++;
      bodySeen = String(init?.body);
      return Response.json({ token_type: "Bearer", expires_in: 3599, access_token: `tok-${calls}` });
    };
    const cfg = { tenantId: "t", clientId: "c", clientSecret: "s", authorityHost: "https://login.example" };
    let t = 0;
    const now = () => t;
    const url = "https://cse-analytics.centralus.kusto.windows.net";
    expect(await kustoToken(url, cfg, fetchFn, now)).toBe("tok-1");
    expect(bodySeen).toContain("grant_type=client_credentials");
    expect(bodySeen).toContain(encodeURIComponent(`${url}/.default`));
    t = 3599_000 - TOKEN_REFRESH_MARGIN_MS - 1;
    expect(await kustoToken(url, cfg, fetchFn, now)).toBe("tok-1");
    t = 3599_000 - TOKEN_REFRESH_MARGIN_MS + 1;
    expect(await kustoToken(url, cfg, fetchFn, now)).toBe("tok-2");
    expect(await kustoToken("http://127.0.0.1:1234", cfg, fetchFn, now)).toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe("logins", () => {
  it("follows GitHub's rules and shards stably", () => {
    for (const ok of ["a", "octocat", "Octo-Cat", "a1-b2-c3", "x".repeat(39)]) expect(isValidLogin(ok), ok).toBe(true);
    for (const bad of ["", "-a", "a-", "a--b", "a_b", "x".repeat(40), "é", "a b"])
      expect(isValidLogin(bad), bad).toBe(false);
    expect(loginShard("OctoCat")).toBe(loginShard("octocat"));
    expect(loginShard("octocat")).toMatch(/^[0-9a-f]{2}$/);
  });
});

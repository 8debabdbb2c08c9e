/** The shared Kusto v2 reader: type aliases, every refusal kind, precedence, and messages free of upstream text. */
import { describe, expect, it } from "vitest";
import { canonicalType, KUSTO_TYPES, KustoFrameError, oneApiCodes, readPrimaryResult } from "#core/kusto-frames.ts";

const col = (name: string, type: string) => ({ ColumnName: name, ColumnType: type });

function body(opts: {
  columns?: unknown[];
  rows?: unknown[];
  completion?: Record<string, unknown> | null;
  qci?: unknown[][];
  extraTables?: unknown[];
}): unknown[] {
  const frames: unknown[] = [
    { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0" },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: opts.columns ?? [col("n", "long")],
      Rows: opts.rows ?? [[1], [2]],
    },
    ...(opts.extraTables ?? []),
    {
      FrameType: "DataTable",
      TableId: 2,
      TableKind: "QueryCompletionInformation",
      TableName: "QueryCompletionInformation",
      Columns: [col("Level", "int"), col("StatusCodeName", "string"), col("Payload", "string")],
      Rows: opts.qci ?? [[4, "S_OK (0)", "{}"]],
    },
  ];
  if (opts.completion !== null) {
    frames.push({ FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false, ...opts.completion });
  }
  return frames;
}

function failure(b: unknown): KustoFrameError {
  try {
    readPrimaryResult(b);
  } catch (e) {
    if (e instanceof KustoFrameError) return e;
    throw e;
  }
  throw new Error("expected a KustoFrameError");
}

const SECRET_ERROR = [
  { error: { code: "LimitsExceeded", message: "user ada@example.test", "@message": "value 'top-secret' in row" } },
];

describe("canonicalType", () => {
  it("keeps canonical names and resolves the SDK aliases in any letter case", () => {
    for (const t of KUSTO_TYPES) expect(canonicalType(t)).toBe(t);
    const aliases: Record<string, string> = {
      date: "datetime",
      time: "timespan",
      boolean: "bool",
      double: "real",
      uuid: "guid",
      uniqueid: "guid",
      int64: "long",
      int32: "int",
      DateTime: "datetime",
      " Boolean ": "bool",
      UniqueId: "guid",
      STRING: "string",
    };
    for (const [wire, canonical] of Object.entries(aliases)) expect(canonicalType(wire)).toBe(canonical);
    for (const unknown of ["int16", "System.Int64", "", "float", "object"])
      expect(canonicalType(unknown)).toBeUndefined();
  });
});

describe("readPrimaryResult", () => {
  it("returns the first PrimaryResult with canonical column types, from text or parsed JSON alike", () => {
    const b = body({
      columns: [col("d", "date"), col("b", "Boolean"), col("x", "weird")],
      rows: [["2026-01-01T00:00:00Z", true, 1]],
      extraTables: [
        { FrameType: "DataTable", TableKind: "PrimaryResult", Columns: [col("other", "string")], Rows: [["z"]] },
      ],
    });
    const t = readPrimaryResult(b);
    expect(t.columns).toEqual([
      { name: "d", type: "datetime", wireType: "date" },
      { name: "b", type: "bool", wireType: "Boolean" },
      { name: "x", type: undefined, wireType: "weird" },
    ]);
    expect(t.rows).toEqual([["2026-01-01T00:00:00Z", true, 1]]);
    expect(readPrimaryResult(JSON.stringify(b))).toEqual(t);
  });

  it("refuses Cancelled even when HasErrors is false; HasErrors wins when both are set", () => {
    expect(failure(body({ completion: { Cancelled: true } })).kind).toBe("cancelled");
    expect(failure(body({ completion: { Cancelled: true, HasErrors: true, OneApiErrors: SECRET_ERROR } })).kind).toBe(
      "has-errors",
    );
  });

  it("classifies HasErrors, inline rows, completion-information errors and truncation", () => {
    const has = failure(body({ completion: { HasErrors: true, OneApiErrors: SECRET_ERROR } }));
    expect([has.kind, has.codes]).toEqual(["has-errors", ["LimitsExceeded"]]);
    expect(failure(body({ rows: [[1], { OneApiErrors: SECRET_ERROR }] })).kind).toBe("inline-error");
    expect(failure(body({ qci: [[2, "E_LOW_MEMORY_CONDITION (0x80DA0007)", "{}"]] })).kind).toBe("has-errors");
    expect(failure(body({ qci: [[2, "E_QUERY_RESULT_SET_TOO_LARGE (0x80DA0003)", "{}"]] })).kind).toBe("truncated");
    const trunc = [{ error: { code: "LimitsExceeded", "@message": "… (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003)" } }];
    expect(failure(body({ rows: [[1], { OneApiErrors: trunc }] })).kind).toBe("truncated");
    expect(failure(body({ completion: { HasErrors: true, OneApiErrors: trunc } })).kind).toBe("truncated");
    // a warning (Level 3) is no failure
    expect(readPrimaryResult(body({ qci: [[3, "Warning", "{}"]] })).rows).toEqual([[1], [2]]);
  });

  it("calls anything that is not a complete frame array malformed, incomplete or without primary", () => {
    expect(failure("<html>502</html>").kind).toBe("malformed");
    expect(failure({ error: {} }).kind).toBe("malformed");
    expect(failure([null]).kind).toBe("malformed");
    expect(failure(body({ rows: [[1, 2]] })).kind).toBe("malformed");
    expect(failure(body({ rows: [{ n: 1 }] })).kind).toBe("malformed");
    expect(failure(body({ columns: [{ ColumnName: "n" }] })).kind).toBe("malformed");
    expect(failure(body({ completion: null })).kind).toBe("incomplete");
    expect(failure(JSON.stringify(body({})).slice(0, -30)).kind).toBe("malformed");
    expect(failure([{ FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false }]).kind).toBe("no-primary");
  });

  it("never puts upstream text into a message: codes only, and only code-shaped ones", () => {
    const messages = [
      failure(body({ completion: { HasErrors: true, OneApiErrors: SECRET_ERROR } })).message,
      failure(body({ rows: [{ OneApiErrors: SECRET_ERROR }] })).message,
      failure(body({ qci: [[2, "E_X", "payload 'top-secret' ada@example.test"]] })).message,
      failure("ada@example.test top-secret").message,
    ];
    for (const m of messages) expect(m).not.toMatch(/top-secret|ada@example|user /);
    expect(oneApiCodes([{ error: { code: "ada@example.test" } }, { error: { code: "x".repeat(200) } }])).toEqual([]);
    expect(oneApiCodes({ code: "General_BadRequest" })).toEqual(["General_BadRequest"]);
  });
});

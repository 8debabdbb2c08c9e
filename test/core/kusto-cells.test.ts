/** The shared cell decoder (both forms), the cell readers, and the vocabulary lookup: what they keep and refuse. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  datetime,
  decodeCell,
  decodeRecords,
  int,
  parseTimespan,
  recordViews,
  req,
  UpstreamValueError,
} from "#core/kusto-cells.ts";
import { readPrimaryResult } from "#core/kusto-frames.ts";
import { lookup, PEARSON_STATUS, regionOf } from "#core/vocab.ts";

const thrown = (f: () => unknown): UpstreamValueError => {
  try {
    f();
  } catch (e) {
    if (e instanceof UpstreamValueError) return e;
    throw e;
  }
  throw new Error("nothing thrown");
};

describe("decodeCell", () => {
  const wire = "2020-03-04T14:05:01.3109965Z";
  it("checks a cell the same way in both forms and differs only in the value's form", () => {
    const dt = { name: "d", type: "datetime" } as const;
    expect(decodeCell(dt, wire, "typed")).toEqual(new Date("2020-03-04T14:05:01.310Z"));
    expect(decodeCell(dt, wire, "wire")).toBe(wire);
    const ts = { name: "t", type: "timespan" } as const;
    expect(decodeCell(ts, "1.02:03:04.5", "typed")).toBe(((24 + 2) * 3600 + 3 * 60 + 4.5) * 1000);
    expect(decodeCell(ts, "1.02:03:04.5", "wire")).toBe("1.02:03:04.5");
    const s = { name: "s", type: "string" } as const;
    expect(decodeCell(s, "", "typed")).toBe("");
    expect(decodeCell(s, "", "wire")).toBeNull();
    for (const form of ["typed", "wire"] as const) {
      expect(decodeCell({ name: "l", type: "long" }, "42", form)).toBe(42);
      expect(Number.isNaN(decodeCell({ name: "r", type: "real" }, "NaN", form))).toBe(true);
      expect(decodeCell({ name: "b", type: "bool" }, 1, form)).toBe(true);
      expect(decodeCell({ name: "x", type: "int" }, null, form)).toBeNull();
      // a cell that does not match its type is refused in both forms, without quoting the value
      const e = thrown(() => decodeCell(dt, "yesterday-secret", form));
      expect(e.message).toBe("column d (datetime): unexpected string value");
      expect(e.message).not.toContain("secret");
      expect(() => decodeCell({ name: "l", type: "long" }, 1.5, form)).toThrow(UpstreamValueError);
    }
  });

  it("decodes a table's rows into records and releases the wire rows", () => {
    const table = readPrimaryResult([
      {
        FrameType: "DataTable",
        TableKind: "PrimaryResult",
        Columns: [
          { ColumnName: "Email", ColumnType: "string" },
          { ColumnName: "At", ColumnType: "date" },
        ],
        Rows: [["a@example.test", wire]],
      },
      { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false },
    ]);
    expect(decodeRecords(table, "wire")).toEqual([{ Email: "a@example.test", At: wire }]);
    expect(table.rows).toEqual([]);
  });

  it("reads the same records through row views as decodeRecords builds: values, JSON, refusals", () => {
    const types = ["string", "datetime", "long", "real", "bool", "timespan", "dynamic", "guid"] as const;
    const cell = fc.oneof(
      fc.constant(null),
      fc.constant(""),
      fc.constantFrom(wire, "2024-02-29T00:00:00Z", "2024-02-30T00:00:00Z", "1.02:03:04", "NaN", "x"),
      fc.integer({ min: -5, max: 5 }),
      fc.boolean(),
      fc.double({ noNaN: false }),
    );
    const frames = (names: readonly string[], ts: readonly string[], rows: unknown[][]) => [
      {
        FrameType: "DataTable",
        TableKind: "PrimaryResult",
        Columns: names.map((n, i) => ({ ColumnName: n, ColumnType: ts[i] })),
        Rows: rows,
      },
      { FrameType: "DataSetCompletion", HasErrors: false, Cancelled: false },
    ];
    const outcome = (f: () => unknown[]) => {
      try {
        return { ok: f() };
      } catch (e) {
        return { err: e instanceof UpstreamValueError ? e.message : String(e) };
      }
    };
    let decoded = 0;
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.constantFrom("Email", "At", "N", "r", "x", "toJSON", "Score"), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.array(fc.constantFrom(...types), { minLength: 4, maxLength: 4 }),
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { maxLength: 6 }),
        (names, ts, raw) => {
          const rows = () => raw.map((r) => r.slice(0, names.length));
          const a = outcome(() => decodeRecords(readPrimaryResult(frames(names, ts, rows())), "wire"));
          const b = outcome(() => recordViews(readPrimaryResult(frames(names, ts, rows())), "wire"));
          if ("err" in a) {
            expect(b).toEqual(a);
            return;
          }
          const views = (b as { ok: Record<string, unknown>[] }).ok;
          if (views.length > 0) decoded++;
          expect(JSON.stringify(views)).toBe(JSON.stringify(a.ok));
          (a.ok as Record<string, unknown>[]).forEach((rec, i) => {
            for (const n of names) expect(Object.is(views[i]?.[n], rec[n])).toBe(true);
          });
        },
      ),
      { numRuns: 2000 },
    );
    expect(decoded).toBeGreaterThan(100);
  });

  it("accepts exactly the datetimes the pattern and Date.parse accept (the fast path and its memo included)", () => {
    const pattern = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,7})?Z$/;
    const reference = (v: string) => pattern.test(v) && !Number.isNaN(Date.parse(v));
    const dt = { name: "d", type: "datetime" } as const;
    const accepted = (v: string) => {
      try {
        decodeCell(dt, v, "wire");
        return true;
      } catch {
        return false;
      }
    };
    const d2 = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, "0"));
    const text = fc
      .tuple(
        fc.constantFrom("1999", "2000", "2023", "2024", "2100", "0000", "9999"),
        d2(14),
        d2(33),
        d2(26),
        d2(61),
        d2(61),
        fc.constantFrom("", ".", ".1", ".123", ".1234567", ".12345678", ".12a"),
        fc.constantFrom("Z", "z", "", "+00:00"),
        fc.constantFrom("-", "/"),
        fc.constantFrom("T", " "),
      )
      .map(([y, mo, d, h, mi, s, f, z, sep, t]) => `${y}${sep}${mo}-${d}${t}${h}:${mi}:${s}${f}${z}`);
    fc.assert(
      fc.property(text, (v) => {
        expect(accepted(v)).toBe(reference(v));
      }),
      { numRuns: 5000 },
    );
    for (const v of [
      "2024-02-29T23:59:59.9999999Z",
      "2023-02-29T00:00:00Z",
      "2024-04-31T12:00:00Z",
      "2024-13-01T00:00:00Z",
    ])
      expect(accepted(v)).toBe(reference(v));
  });

  it("parses timespans", () => {
    expect(parseTimespan("-00:00:01")).toBe(-1000);
    expect(parseTimespan("nonsense")).toBeUndefined();
  });
});

describe("cell readers", () => {
  it("give the same canonical datetime for the wire text and the Date of a cell", () => {
    expect(datetime("2026-10-02T17:40:12.5000000Z")).toBe("2026-10-02T17:40:12Z");
    expect(datetime(new Date("2026-10-02T17:40:12.500Z"))).toBe("2026-10-02T17:40:12Z");
    expect(datetime(null)).toBeNull();
    expect(thrown(() => datetime("02/10/2026")).detail).toBe("not a datetime: 02/10/2026");
  });

  it("refuse empty required values and numbers that are not finite", () => {
    expect(thrown(() => req("", "Users.Email")).message).toBe("upstream Users.Email is empty");
    expect(int(2.5)).toBe(3);
    const e = thrown(() => int(Number.NaN));
    expect([e.message, e.detail]).toEqual(["not a number", "not a number: NaN"]);
  });
});

describe("vocabulary lookup", () => {
  it("maps known values and refuses others: the message names the place, the detail the value", () => {
    expect(lookup(PEARSON_STATUS, "NoShow", "PearsonExamResults.Status")).toBe("no_show");
    const e = thrown(() => lookup(PEARSON_STATUS, "Postponed", "PearsonExamResults.Status"));
    expect(e.message).toBe("unknown upstream value in PearsonExamResults.Status");
    expect(e.detail).toBe(
      'unknown upstream value "Postponed" in PearsonExamResults.Status ' +
        "(known: Registered, Scheduled, Completed, NoShow, Cancelled)",
    );
    expect(() => lookup(PEARSON_STATUS, null, "x")).toThrow(UpstreamValueError);
    expect([regionOf("BR"), regionOf("XX"), regionOf(null)]).toEqual(["LATAM", "UNKNOWN", "UNKNOWN"]);
  });
});

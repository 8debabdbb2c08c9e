import { describe, expect, it } from "vitest";
import { encoderFor, formatDatetime, formatTimespan } from "../../../sim/kusto/encode.ts";
import { parseDatetime, parseStringParam } from "../../../sim/kusto/params.ts";

describe("wire encodings", () => {
  it("formats datetimes with 7 fraction digits and timespans as [-][d.]hh:mm:ss[.fffffff]", () => {
    expect(formatDatetime(new Date("2020-03-04T14:05:01.310Z"))).toBe("2020-03-04T14:05:01.3100000Z");
    expect(formatTimespan(0)).toBe("00:00:00");
    expect(formatTimespan(90_000)).toBe("00:01:30");
    expect(formatTimespan(86_400_000 * 2 + 3_723_004.5)).toBe("2.01:02:03.0045000");
    expect(formatTimespan(-1_500)).toBe("-00:00:01.5000000");
  });

  it("encodes cells per Kusto type", () => {
    expect(encoderFor("string")(null)).toBe('""');
    expect(encoderFor("long")(42)).toBe("42");
    expect(encoderFor("int")(null)).toBe("null");
    expect(encoderFor("real")(Number.NaN)).toBe('"NaN"');
    expect(encoderFor("bool")(true)).toBe("true");
    expect(encoderFor("decimal")("1.10")).toBe('"1.10"');
    expect(encoderFor("guid")(null)).toBe("null");
    expect(encoderFor("dynamic")({ a: [1, 2] })).toBe('{"a":[1,2]}');
    expect(encoderFor("datetime")(new Date("2026-01-01T00:00:00Z"))).toBe('"2026-01-01T00:00:00.0000000Z"');
  });

  it("parses KQL datetime literals and string parameters", () => {
    expect(parseDatetime("datetime(2026-11-01)")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseDatetime("datetime(2026-11-01 10:30)")?.toISOString()).toBe("2026-11-01T10:30:00.000Z");
    expect(parseDatetime("datetime(2026-11-01T10:30:00.1234567Z)")?.toISOString()).toBe("2026-11-01T10:30:00.123Z");
    expect(parseDatetime("2026-11-01T00:00:00.000Z")?.toISOString()).toBe("2026-11-01T00:00:00.000Z");
    expect(parseDatetime("yesterday")).toBeUndefined();
    expect(parseStringParam("octocat")).toBe("octocat");
    expect(parseStringParam("'octo\\'cat'")).toBe("octo'cat");
    expect(parseStringParam("@'c:\\x'")).toBe("c:\\x");
  });
});

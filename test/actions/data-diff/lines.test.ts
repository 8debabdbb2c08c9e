import { describe, expect, it } from "vitest";
import { joinRecord, LineReader, splitRecord } from "../../../actions/data-diff/src/lines.ts";

async function records(chunks: readonly string[]): Promise<string[]> {
  const r = new LineReader(
    (async function* () {
      for (const c of chunks) yield Buffer.from(c, "utf8");
    })(),
  );
  const out: string[] = [];
  for (;;) {
    if (!r.ready()) await r.fill();
    const rec = r.peek();
    if (rec === undefined) return out;
    out.push(rec);
    r.next();
  }
}

describe("LineReader", () => {
  it("splits records across chunk boundaries, joins quoted newlines, drops CR", async () => {
    expect(await records(["a,b\nc,", '"x\ny",z\nd,e\n'])).toEqual(["a,b", 'c,"x\ny",z', "d,e"]);
    expect(await records(["a,b\r\n", "c,d\r\n"])).toEqual(["a,b", "c,d"]);
    expect(await records(["h\n1\n2"])).toEqual(["h", "1", "2"]);
    expect(await records(['a,"1\n', "2\n", '3"\nb\n'])).toEqual(['a,"1\n2\n3"', "b"]);
    // a multi-byte character split between chunks
    const euro = Buffer.from("x,€\n", "utf8");
    const r = new LineReader(
      (async function* () {
        yield euro.subarray(0, 4);
        yield euro.subarray(4);
      })(),
    );
    await r.fill();
    expect(r.peek()).toBe("x,€");
  });

  it("splits and joins CSV records like csv-stringify quotes them", () => {
    const cells = ["plain", 'say "hi"', "a,b", "line\nbreak", ""];
    expect(splitRecord(joinRecord(cells))).toEqual(cells);
    expect(splitRecord("a,,c")).toEqual(["a", "", "c"]);
  });
});

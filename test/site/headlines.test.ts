// Headline figures compare like with like: two complete periods of the same kind, back to back, never a period to
// date against a whole one; the partial period is shown apart, labelled, without a change. Checked on the committed
// demo data and on the fixture, from the computed headlines and from the rendered overview cards.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_DATA_DIR } from "#core/schema.ts";
import { before, headlines, spanAt, spanOf } from "../../site/_lib/headlines.ts";
import { kpiCards } from "../../site/_pages/kpis.ts";
import { loadAgg } from "../harness/site/agg.ts";
import { writeFixture } from "../harness/site/fixture.ts";

const DAY = 86_400_000;
const days = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / DAY) + 1;
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

describe("periods", () => {
  it("knows the bounds of fiscal years, quarters, months and ISO weeks", () => {
    expect(spanOf("fiscal year", "FY27")).toMatchObject({ start: "2026-07-01", end: "2027-06-30" });
    expect(spanOf("fiscal quarter", "FY27-Q2")).toMatchObject({ start: "2026-10-01", end: "2026-12-31" });
    expect(spanOf("month", "2024-02")).toMatchObject({ start: "2024-02-01", end: "2024-02-29" });
    expect(spanOf("ISO week", "2026-W48")).toMatchObject({ start: "2026-11-23", end: "2026-11-29" });
    expect(spanOf("ISO week", "2021-W01")).toMatchObject({ start: "2021-01-04", end: "2021-01-10" });
    expect(spanAt("ISO week", "2027-01-01").label).toBe("2026-W53");
    expect(before(spanOf("fiscal quarter", "FY27-Q1")).label).toBe("FY26-Q4");
  });
});

const tmp = mkdtempSync(join(tmpdir(), "ace-headlines-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.each([
  ["the committed demo data", DEFAULT_DATA_DIR],
  ["the site's test fixture", join(tmp, "fixture")],
])("no headline delta over unequal spans (%s)", (_name, dir) => {
  it("compares two complete, consecutive periods of one kind; the partial one is apart", async () => {
    if (dir.endsWith("fixture")) writeFixture(dir);
    const agg = await loadAgg(dir);
    const asOfDay = agg.kpis.as_of.slice(0, 10);
    const list = headlines(agg);
    expect(list.map((h) => h.id)).toEqual(agg.kpis.kpis.map((k) => k.id));
    for (const h of list) {
      expect(h.previous.kind, h.id).toBe(h.current.kind);
      expect(h.current.end < asOfDay, `${h.id}: ${h.current.label} is complete`).toBe(true);
      expect(nextDay(h.previous.end), `${h.id}: consecutive`).toBe(h.current.start);
      // same kind of calendar period: lengths differ by at most the month/quarter/year length variation
      const ratio = days(h.current.start, h.current.end) / days(h.previous.start, h.previous.end);
      expect(ratio, h.id).toBeGreaterThan(0.9);
      expect(ratio, h.id).toBeLessThan(1.11);
      if (h.current.kind === "ISO week") expect(ratio).toBe(1);
      if (h.value.value !== null && h.before.value !== null)
        expect(h.delta.value).toBeCloseTo(h.value.value - h.before.value, 4);
      else expect(h.delta.value).toBeNull();
      expect(h.words).toContain(h.current.label);
      expect(h.words).toContain(h.previous.label);
      expect(h.words).toMatch(/\(complete /);
      const td = h.toDate;
      expect(td?.span.start && td.span.start <= asOfDay && asOfDay <= td.span.end, h.id).toBe(true);
    }
    const page = kpiCards(agg, (p) => `/${p}`).toString();
    expect(page).not.toMatch(/vs previous/);
    for (const h of list) {
      const card = page.slice(page.indexOf(`id="kpi-${h.id}"`));
      const end = card.indexOf("</li>");
      const text = card.slice(0, end);
      expect(text, h.id).toContain(`vs ${h.previous.label}`);
      expect(text, h.id).toContain(h.words);
      expect(text, h.id).toMatch(/to date \(partial, through \d{4}-\d{2}-\d{2}\)/);
    }
  });
});

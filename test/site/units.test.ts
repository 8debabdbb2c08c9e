// Fast unit tests of the site's pure modules: privacy guard, freshness/banner, chart pipeline, paths, data source.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSchemas } from "#core/schema.ts";
import { personalFields, scanFile } from "../../site/_config/guard.ts";
import { renderChart, rowsToCsv } from "../../site/_lib/chart.ts";
import { esc, fmtNumber, html } from "../../site/_lib/html.ts";
import { normalizePrefix } from "../../site/_lib/paths.ts";
import { barSpec } from "../../site/_lib/specs.ts";
import { bannerItems, datasetHealth } from "../../site/_load/freshness.ts";
import { localSource } from "../../site/_load/source.ts";
import { fixtureStatus } from "../harness/site/fixture.ts";

const personal = personalFields();

describe("privacy guard", () => {
  it("knows the personal fields from data/schema", () => {
    expect(personal.has("user_id")).toBe(true);
    expect(personal.has("github_login")).toBe(true);
  });
  it("rejects personal keys, columns and pseudonyms", () => {
    expect(scanFile("a.json", JSON.stringify([{ user_id: "x", n: 1 }]), personal)).toHaveLength(1);
    expect(scanFile("a.csv", "month,github_login\n2026-01,x\n", personal)).toHaveLength(1);
    expect(scanFile("a.html", '<th scope="col">user_id</th>', personal)).toHaveLength(1);
    expect(scanFile("a.html", "<td>3fa9c0de12ab4567</td>", personal)[0]).toMatch(/pseudonym/);
  });
  it("accepts decimals, sha256 digests and the data dictionary's field names", () => {
    const ok = `<path d="M0.8333333333333286,1"/> ${"ab".repeat(32)} <th scope="row"><code>user_id</code></th>`;
    expect(scanFile("a.html", ok, personal)).toEqual([]);
    expect(scanFile("a.json", JSON.stringify({ sha256: "cd".repeat(32), month: "2026-01" }), personal)).toEqual([]);
  });
});

describe("freshness banner", () => {
  const schemas = loadSchemas();
  const now = new Date("2026-11-24T03:00:00Z");
  it("is empty when every dataset is fresh and ok", () => {
    expect(bannerItems(datasetHealth(schemas, fixtureStatus("2026-11-24T02:00:00Z"), now))).toEqual([]);
  });
  it("names stale, partial, refused, failed and never-synced datasets", () => {
    const status = fixtureStatus("2026-11-24T02:00:00Z", {
      certified_users: { last_success_at: "2026-11-20T00:00:00Z" },
      copilot_daily: { status: "partial" },
      individual_exams: { status: "refused" },
      skills_courses: { status: "failed" },
    });
    delete status.datasets.unified_users;
    const items = bannerItems(datasetHealth(schemas, status, now));
    expect(Object.fromEntries(items.map((i) => [i.name, i.problem]))).toEqual({
      certified_users: "stale",
      copilot_daily: "last sync partial",
      individual_exams: "last sync refused",
      skills_courses: "last sync failed",
      unified_users: "never synced",
    });
  });
  it("weekly datasets are stale only after 14 days", () => {
    const status = fixtureStatus("2026-11-24T02:00:00Z", {
      skills_courses: { last_success_at: "2026-11-12T00:00:00Z" },
    });
    expect(bannerItems(datasetHealth(schemas, status, now))).toEqual([]);
  });
});

describe("chart pipeline", () => {
  const columns = [
    { key: "k", label: "Key" },
    { key: "v", label: "Value", format: "int" },
    { key: "note", label: "Note" },
  ] as const;
  const rows = [
    { k: "a", v: 10, note: "" },
    { k: "b", v: null, note: "suppressed" },
  ];
  it("compiles Vega-Lite to Vega at build time and renders decorative SVG", async () => {
    const c = await renderChart({
      id: "t",
      title: "T",
      takeaway: "x",
      description: "d",
      columns,
      rows,
      spec: barSpec({ band: { field: "k", title: "Key" }, value: { field: "v", title: "Value" }, columns }),
      sources: [],
    });
    expect(c.svg.startsWith('<svg aria-hidden="true"')).toBe(true);
    expect(c.svg).not.toMatch(/ role="/);
    expect(c.svg).toContain("suppressed");
    expect(JSON.parse(c.vega).$schema).toMatch(/schema\/vega\/v/);
    expect(c.suppressed).toBe(1);
  });
  it("downloads hold exactly the plotted rows, missing values empty, never zero", () => {
    expect(rowsToCsv(columns, rows)).toBe("k,v,note\na,10,\nb,,suppressed\n");
  });
});

describe("html and paths", () => {
  it("escapes interpolations", () => {
    expect(html`<p>${"<b>&"}</p>`.toString()).toBe("<p>&#60;b&#62;&#38;</p>");
    expect(esc(`"'`)).toBe("&#34;&#39;");
  });
  it("formats numbers like en-US", () => {
    for (const [n, d] of [
      [0, 0],
      [999, 0],
      [1234, 0],
      [1234567.891, 1],
      [-1234.5, 1],
      [0.5, 1],
    ] as const) {
      expect(fmtNumber(n, d)).toBe(n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d }));
    }
  });
  it("normalizes the path prefix", () => {
    expect(normalizePrefix(undefined)).toBe("/");
    expect(normalizePrefix("ace")).toBe("/ace/");
    expect(normalizePrefix("/ace/")).toBe("/ace/");
  });
});

describe("data source", () => {
  it("reads only aggregated JSON and the status file, never a dataset CSV", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ace-src-"));
    try {
      const src = localSource(dir);
      await expect(src.read("certified_users.csv")).rejects.toThrow(/may only read/);
      await expect(src.read("aggregated/exams.json")).resolves.toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

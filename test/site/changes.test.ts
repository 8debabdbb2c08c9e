// The change log from git history (a real temporary repository with three syncs), the Changes page, the Atom feed's
// structure (well-formed XML, the elements RFC 4287 requires) and the shields.io badge.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { syncBadge, syncOverall } from "#core/badge.ts";
import { changeLog } from "../../site/_load/changes.ts";
import { atomFeed, changeFiles, changesPage } from "../../site/_pages/changes.ts";

let repo: string;
let data: string;

const status = (rows: Record<string, [string, number]>) => ({
  version: 1,
  datasets: Object.fromEntries(Object.entries(rows).map(([k, [sha, n]]) => [k, { sha256: sha, rows: n }])),
});
const kpis = (certified: number, rate: number) => ({
  period: { current: "FY27-Q2" },
  kpis: [
    {
      id: "certified_people",
      label: "Certified people",
      unit: "people",
      current: { value: certified, suppressed: false },
    },
    { id: "pass_rate", label: "Pass rate", unit: "rate", current: { value: rate, suppressed: false } },
  ],
});

function commit(files: Record<string, unknown>, subject: string, date: string): void {
  for (const [path, v] of Object.entries(files)) {
    mkdirSync(join(data, path, ".."), { recursive: true });
    writeFileSync(join(data, path), `${JSON.stringify(v)}\n`);
  }
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  execFileSync("git", ["-C", repo, "add", "-A"], { env });
  execFileSync("git", ["-C", repo, "commit", "-q", "-m", subject], { env });
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "ace-changes-"));
  data = join(repo, "data");
  execFileSync("git", ["-C", repo, "init", "-q"]);
  execFileSync("git", ["-C", repo, "config", "user.email", "sync@example.invalid"]);
  execFileSync("git", ["-C", repo, "config", "user.name", "sync"]);
  commit(
    { "sync_status.json": status({ a: ["s1", 100], b: ["t1", 50] }), "aggregated/kpis.json": kpis(100, 0.7) },
    "data: first sync (#1)",
    "2026-11-20T02:00:00Z",
  );
  // a and b change: a by 3 rows (small: hidden), b by 20; certified +2 (small), pass rate +0.05
  commit(
    { "sync_status.json": status({ a: ["s2", 103], b: ["t2", 70] }), "aggregated/kpis.json": kpis(102, 0.75) },
    "data: nightly sync (#7)",
    "2026-11-21T02:00:00Z",
  );
  // nothing changed (only a timestamp would): not listed
  commit(
    { "sync_status.json": { ...status({ a: ["s2", 103], b: ["t2", 70] }), note: 1 } },
    "data: checked",
    "2026-11-22T02:00:00Z",
  );
  commit(
    { "sync_status.json": status({ a: ["s3", 130], b: ["t2", 70] }), "aggregated/kpis.json": kpis(130, 0.75) },
    "Merge pull request #9 from org/data-sync",
    "2026-11-23T02:00:00Z",
  );
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe("change log from git history", () => {
  it("lists each sync that changed data, newest first, with small differences hidden", () => {
    const log = changeLog(data, { GITHUB_REPOSITORY: "org/ace-data" });
    expect(log.repoUrl).toBe("https://github.com/org/ace-data");
    const e = log.entries ?? [];
    expect(e.map((x) => [x.date, x.pr])).toEqual([
      ["2026-11-23T02:00:00Z", 9],
      ["2026-11-21T02:00:00Z", 7],
      ["2026-11-20T02:00:00Z", 1],
    ]);
    expect(e[0]?.datasets).toEqual([{ dataset: "a", rowsDelta: 27, small: false, added: false }]);
    expect(e[0]?.kpis).toEqual([
      { id: "certified_people", label: "Certified people", unit: "people", delta: 28, small: false },
    ]);
    expect(e[1]?.datasets).toEqual([
      { dataset: "a", rowsDelta: null, small: true, added: false },
      { dataset: "b", rowsDelta: 20, small: false, added: false },
    ]);
    expect(e[1]?.kpis).toEqual([
      { id: "certified_people", label: "Certified people", unit: "people", delta: null, small: true },
      { id: "pass_rate", label: "Pass rate", unit: "rate", delta: 0.05, small: false },
    ]);
    expect(e[2]?.datasets.every((d) => d.added)).toBe(true);
    // deterministic: the same history gives the same log
    expect(changeLog(data, { GITHUB_REPOSITORY: "org/ace-data" })).toEqual(log);
  });

  it("the page never shows a small difference's number and links the pull requests", () => {
    const page = changesPage(changeLog(data, { GITHUB_REPOSITORY: "org/ace-data" }), (p) => `/ace/${p}`).toString();
    expect(page).toContain('<a href="https://github.com/org/ace-data/pull/7">Pull request #7</a>');
    expect(page).toContain("a</a>: fewer than 5 rows changed");
    expect(page).toContain("Certified people: changed by fewer than 5");
    expect(page).toContain("Pass rate: +5.0 pts");
    expect(page).not.toMatch(/\+[1-4] rows|[+−][1-4]<|Certified people: [+−][1-4]\b/);
  });

  it("says so when there is no history", () => {
    const log = changeLog(join(tmpdir()), {});
    expect(log.entries).toBeNull();
    expect(changesPage(log, (p) => `/${p}`).toString()).toContain("No sync that changed data is recorded");
  });
});

/** Strict well-formedness: every tag closed in order, attributes quoted, only XML's predefined entities. */
function wellFormed(xml: string): string[] {
  const errors: string[] = [];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, "");
  const stack: string[] = [];
  for (const m of body.matchAll(
    /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<|&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g,
  )) {
    if (m[0] === "<") errors.push(`stray < at ${m.index}`);
    else if (m[0].startsWith("&")) errors.push(`bad entity at ${m.index}`);
    else if (m[1] === "/") {
      if (stack.pop() !== m[2]) errors.push(`mismatched </${m[2]}>`);
    } else if (m[4] !== "/") stack.push(m[2] ?? "");
  }
  if (stack.length > 0) errors.push(`unclosed ${stack.join(",")}`);
  return errors;
}

describe("Atom feed", () => {
  it("is well-formed Atom 1.0 with the required elements", () => {
    const xml = atomFeed(changeLog(data, {}), (p) => `/ace/${p}`, "2026-11-24T03:00:00.000Z");
    expect(wellFormed(xml)).toEqual([]);
    expect(xml.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">')).toBe(
      true,
    );
    const head = xml.slice(0, xml.indexOf("<entry>"));
    for (const el of ["<id>tag:", "<title>", "<updated>2026-11-23T02:00:00Z</updated>", "<author><name>", 'rel="self"'])
      expect(head).toContain(el);
    const entries = [...xml.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1] ?? "");
    expect(entries).toHaveLength(3);
    const ids = new Set<string>();
    for (const e of entries) {
      expect(e).toMatch(/<id>tag:ace-data,2026:sync\/[0-9a-f]{40}<\/id>/);
      expect(e).toMatch(/<title>[^<]+<\/title>/);
      expect(e).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/updated>/);
      expect(e).toMatch(/<link rel="alternate" type="text\/html" href="\/ace\/changes\/#sync-[0-9a-f]{12}"\/>/);
      ids.add(/<id>([^<]+)<\/id>/.exec(e)?.[1] ?? "");
    }
    expect(ids.size).toBe(3);
    expect(wellFormed("<feed><a>x</feed>")).not.toEqual([]);
    expect(wellFormed("<feed>a & b</feed>")).not.toEqual([]);
  });
});

describe("status badge (shields.io endpoint)", () => {
  it("maps the overall state, stale over degraded", () => {
    expect(syncOverall([{ freshness: "fresh", status: "ok" }])).toEqual({ overall: "ok", problems: 0 });
    expect(
      syncOverall([
        { freshness: "stale", status: "failed" },
        { freshness: "fresh", status: "partial" },
      ]),
    ).toEqual({ overall: "stale", problems: 1 });
    expect(syncBadge("degraded", 2, 11)).toEqual({
      schemaVersion: 1,
      label: "data sync",
      message: "degraded (2 of 11)",
      color: "orange",
    });
  });

  it("the site's static copy is written with the feed", () => {
    const files = changeFiles(
      changeLog(data, {}),
      [
        { state: "fresh", status: "ok" },
        { state: "fresh", status: "unchanged" },
      ] as unknown as Parameters<typeof changeFiles>[1],
      (p) => `/${p}`,
      "2026-11-24T03:00:00.000Z",
    );
    const badge = files.find((f) => f.path === "badge/sync.json");
    expect(JSON.parse(badge?.content ?? "{}")).toEqual({
      schemaVersion: 1,
      label: "data sync",
      message: "fresh (2 datasets)",
      color: "brightgreen",
    });
    expect(files.map((f) => f.path)).toContain("feed.xml");
  });
});

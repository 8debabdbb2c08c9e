/**
 * Security suite: hostile upstream values against every text channel that leaves the runner — the committed status,
 * logs, the job summary, sync-run.json, the site (whose build must still succeed from the last good data), the
 * worker's public answers, the data PR body and the failure issue body. Every `it` is one attack.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAll } from "#core/csv.ts";
import { hashDataset } from "#core/files.ts";
import type { Row } from "#core/format.ts";
import { PSEUDONYM_TOKEN, personalDataIn } from "#core/public-text.ts";
import { getSchema } from "#core/schema.ts";
import { readSyncStatus } from "#core/status.ts";
import { type DatasetResult, runSync, silentReporter } from "../../actions/sync-core/src/index.ts";
import { SyncRefusal } from "../../actions/sync-core/src/source.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { syncStatusReport } from "../../worker/src/sync-status.ts";
import { runBuild } from "../harness/site/build.ts";
import { dataCopy, HOSTILE, hostileSource, leaks, removeTempDirs, tempDir, textFiles } from "./hostile.ts";

const NOW = new Date("2026-11-25T02:00:00Z");
let data = "";
const lines: string[] = [];
let results: readonly DatasetResult[] = [];
const before = new Map<string, string | undefined>();

async function rows(name: string): Promise<Row[]> {
  return readAll(data, getSchema(name));
}

beforeAll(async () => {
  data = dataCopy();
  const users = await rows("unified_users");
  const journey = await rows("journey_complete");
  const courses = await rows("skills_courses");
  const withLogin = users.findIndex((u) => typeof u.github_login === "string" && u.github_login !== "");
  const emailed = users.map((u, i) => (i === withLogin ? { ...u, github_login: HOSTILE.email } : u));
  const dup = journey[3] ?? {};
  const duplicated = [...journey, { ...dup }];
  const huge = courses.map((c, i) => (i === 0 ? { ...c, title: HOSTILE.huge } : c));
  for (const n of ["unified_users", "journey_complete", "skills_courses", "certified_users", "product_usage"]) {
    before.set(n, await hashDataset(data, getSchema(n)));
  }
  const source = hostileSource({
    unified_users: () => emailed,
    journey_complete: () => duplicated,
    skills_courses: () => huge,
    certified_users: () => {
      throw new Error(`Kusto: cannot convert "${HOSTILE.email}" <script>alert(1)</script> for column UserEmail`);
    },
    product_usage: () => {
      throw new SyncRefusal(`unknown product '${HOSTILE.email}' for user ${HOSTILE.mention}\r> [!CAUTION] injected`);
    },
  });
  const r = await runSync({ dataDir: data, sources: [source], now: NOW, env: {}, reporter: silentReporter(lines) });
  results = r.results;
}, 120_000);
afterAll(removeTempDirs);

const result = (name: string): DatasetResult | undefined => results.find((r) => r.dataset === name);

describe("hostile upstream values vs the sync's text channels", () => {
  it("attack: an e-mail as a GitHub login — refused, last good CSV kept, the address in no status, log or summary", async () => {
    expect(result("unified_users")?.status).toBe("refused");
    expect(result("unified_users")?.message).toMatch(
      /unified_users\/\d{4}-\d{2}\.csv:\d+:\d+: github_login: does not match/,
    );
    expect(await hashDataset(data, getSchema("unified_users"))).toBe(before.get("unified_users"));
    const status = readFileSync(join(data, "sync_status.json"), "utf8");
    const run = readFileSync(join(data, "sync-run.json"), "utf8");
    for (const text of [status, run, lines.join("\n")]) expect(leaks(text)).toEqual([]);
  });

  it("attack: a duplicated user_id — refused with line numbers, no pseudonym in any message, CSV kept", async () => {
    const r = result("journey_complete");
    expect(r?.status).toBe("refused");
    expect(r?.message).toMatch(/duplicate primary key \(user_id\)/);
    expect(await hashDataset(data, getSchema("journey_complete"))).toBe(before.get("journey_complete"));
    const errors = Object.values(readSyncStatus(data).datasets).map((e) => e.error ?? "");
    for (const text of [...errors, ...lines, ...results.map((x) => x.message)]) {
      expect(text.match(PSEUDONYM_TOKEN)).toBeNull();
    }
  });

  it("attack: a 2 MB course title — refused by the length cap, file:line:column named, nothing 2 MB anywhere", async () => {
    const r = result("skills_courses");
    expect(r?.status).toBe("refused");
    expect(r?.message).toMatch(/skills_courses\.csv:2:2: title: longer than 350 characters/);
    expect(await hashDataset(data, getSchema("skills_courses"))).toBe(before.get("skills_courses"));
    expect(readFileSync(join(data, "sync_status.json"), "utf8").length).toBeLessThan(20_000);
    expect(lines.join("\n").length).toBeLessThan(40_000);
  });

  it("attack: upstream error texts quoting values (e-mail, HTML, @mention, lone CR) — scrubbed everywhere", () => {
    expect(result("certified_users")?.status).toBe("failed");
    expect(result("product_usage")?.status).toBe("refused");
    const status = readSyncStatus(data);
    for (const n of ["certified_users", "product_usage"]) {
      const e = status.datasets[n]?.error ?? "";
      expect(e).not.toBe("");
      expect(leaks(e)).toEqual([]);
      expect(e).not.toMatch(/@ace-demo|<script|\r/);
    }
    const summary = lines.find((l) => l.startsWith("### ")) ?? "";
    expect(summary).toContain("product_usage");
    expect(leaks(summary)).toEqual([]);
    expect(summary).not.toMatch(/(^|[^\w\u2060])@ace-demo/);
  });

  it("attack: the invalid-rows status — the committed reason is generic, the location only in the log", () => {
    const e = readSyncStatus(data).datasets.unified_users?.error ?? "";
    expect(e).toMatch(/^invalid rows from upstream/);
    expect(e).not.toMatch(/github_login|:\d+:\d+/);
  });
});

describe("the same attacks vs the public outputs built from that data", () => {
  it("attack: hostile sync failures vs the site — it still builds from the last good data, and shows no value", async () => {
    const out = tempDir("site");
    const r = await runBuild(data, out, { ACE_NOW: "2026-11-25T02:00:00Z" });
    expect(r.status, r.output.slice(-2000)).toBe(0);
    expect(leaks(r.output)).toEqual([]);
    const files = textFiles(out, (rel) => rel.startsWith("assets"));
    expect(files.size).toBeGreaterThan(10);
    for (const [rel, text] of files) {
      expect(leaks(text), rel).toEqual([]);
      expect(personalDataIn(text), rel).toEqual([]);
    }
    expect([...files.keys()].some((k) => k.includes("data"))).toBe(true);
  }, 180_000);

  it("attack: hostile sync failures vs the worker's public answers (status, metrics, aggregates)", async () => {
    const out = tempDir("worker");
    await buildWorkerAssets(data, out, NOW);
    const files = textFiles(out, (rel) => rel.startsWith("_private"));
    expect(files.has("sync_status.json")).toBe(true);
    for (const [rel, text] of files) {
      expect(leaks(text), rel).toEqual([]);
      expect(personalDataIn(text), rel).toEqual([]);
    }
    const published = JSON.parse(files.get("sync_status.json") ?? "{}") as Parameters<typeof syncStatusReport>[0];
    const report = JSON.stringify(syncStatusReport(published, { certified_users: "nightly" }, NOW));
    expect(leaks(report)).toEqual([]);
  });
});

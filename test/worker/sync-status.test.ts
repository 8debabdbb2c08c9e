/**
 * Live sync status: the worker reads the published site's status and run record (a site double on 127.0.0.1),
 * caches them 5 minutes, and falls back to its deployed copy when the site's is unreachable, invalid or older.
 */
import { afterAll, describe, expect, inject, it } from "vitest";
import { liveSyncStatus, type RemoteDeps } from "../../worker/src/sync-status.ts";
import { call, envFor, freshCache } from "./helpers.ts";

const control = (): string => `http://127.0.0.1:${inject("controlPort")}`;
const T1 = "2026-11-24T02:00:00Z";
const T2 = "2026-12-24T02:00:00Z";
const cadences = { certified_users: "nightly", github_activity: "weekly" } as const;
const opened: string[] = [];

function status(at: string, overrides: Record<string, unknown> = {}) {
  const entry = (name: string) => ({
    status: "ok",
    last_success_at: at,
    last_changed_at: at,
    sha256: null,
    rows: 10,
    sources: [],
    progress: null,
    not_ready_days: [],
    error: null,
    ...((overrides[name] as object | undefined) ?? {}),
  });
  return {
    version: 1,
    datasets: { certified_users: entry("certified_users"), github_activity: entry("github_activity") },
  };
}

function run(clock: string, datasets: Record<string, { status: string; checked_at: string | null; sha256?: string }>) {
  return { version: 1, clock, datasets };
}

const unchangedAt = (at: string) =>
  run(at, {
    certified_users: { status: "unchanged", checked_at: at },
    github_activity: { status: "unchanged", checked_at: at },
  });

async function site(files: Record<string, unknown>): Promise<{ id: string; url: string }> {
  const body = JSON.stringify({
    files: Object.fromEntries(
      Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
    ),
  });
  const s = (await (await fetch(`${control()}/site-start`, { method: "POST", body })).json()) as {
    id: string;
    url: string;
  };
  opened.push(s.id);
  return s;
}

async function replaceFiles(id: string, files: Record<string, unknown>): Promise<void> {
  const body = JSON.stringify({
    files: Object.fromEntries(Object.entries(files).map(([k, v]) => [k, JSON.stringify(v)])),
  });
  await (await fetch(`${control()}/site-files/${id}`, { method: "POST", body })).text();
}

async function hits(id: string): Promise<number> {
  return ((await (await fetch(`${control()}/site-hits/${id}`)).json()) as { hits: number }).hits;
}

afterAll(async () => {
  for (const id of opened) await (await fetch(`${control()}/site-close/${id}`, { method: "POST" })).text();
});

async function deps(now = () => Date.parse(T2)): Promise<RemoteDeps> {
  return { fetch: (i, init) => fetch(i, init), cache: await freshCache(), now, timeoutMs: 2000 };
}

describe("live sync status from the published site", () => {
  it("a run that checked unchanged data 30 days later is fresh; checked and changed are reported apart", async () => {
    const s = await site({ "data/sync_status.json": status(T1), "data/sync-run.json": unchangedAt(T2) });
    const a = await liveSyncStatus(status(T1), cadences, new Date(T2), s.url, await deps());
    expect(a).toMatchObject({ overall: "ok", source: "site", run_record: "used" });
    expect(a.datasets.certified_users).toMatchObject({
      freshness: "fresh",
      last_checked_at: T2,
      last_changed_at: T1,
      last_success_at: T1,
      age_hours: 0,
    });
    // without the run record the same status is stale: the committed status alone did not move
    const bare = await site({ "data/sync_status.json": status(T1) });
    const b = await liveSyncStatus(status(T1), cadences, new Date(T2), bare.url, await deps());
    expect(b).toMatchObject({ overall: "stale", source: "site", run_record: "absent" });
  });

  it("a failed or refused dataset in the run record is not made fresh", async () => {
    const s = await site({
      "data/sync_status.json": status(T1, { certified_users: { status: "failed", error: "HTTP 500" } }),
      "data/sync-run.json": run(T2, {
        certified_users: { status: "failed", checked_at: null },
        github_activity: { status: "unchanged", checked_at: T2 },
      }),
    });
    const a = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, await deps());
    expect(a.datasets.certified_users).toMatchObject({ freshness: "stale", last_checked_at: T1 });
    expect(a.datasets.github_activity).toMatchObject({ freshness: "fresh", last_checked_at: T2 });
    expect(a.overall).toBe("stale");
  });

  it("a run whose new data still waits in the data PR does not make the published older copy fresh", async () => {
    const [A, B] = ["a".repeat(64), "b".repeat(64)];
    const s = await site({
      "data/sync_status.json": status(T1, { certified_users: { sha256: A }, github_activity: { sha256: A } }),
      "data/sync-run.json": run(T2, {
        certified_users: { status: "ok", checked_at: T2, sha256: B },
        github_activity: { status: "unchanged", checked_at: T2, sha256: A },
      }),
    });
    const a = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, await deps());
    expect(a.datasets.certified_users).toMatchObject({ freshness: "stale", last_checked_at: T1 });
    expect(a.datasets.github_activity).toMatchObject({ freshness: "fresh", last_checked_at: T2 });
  });

  it("ignores an invalid run record, and one older than the status", async () => {
    const bad = await site({ "data/sync_status.json": status(T1), "data/sync-run.json": "{not json" });
    const a = await liveSyncStatus(undefined, cadences, new Date(T2), bad.url, await deps());
    expect(a.run_record).toBe("ignored: invalid (not valid JSON)");
    expect(a.datasets.certified_users?.freshness).toBe("stale");
    const shape = await site({ "data/sync_status.json": status(T1), "data/sync-run.json": { version: 2 } });
    expect((await liveSyncStatus(undefined, cadences, new Date(T2), shape.url, await deps())).run_record).toMatch(
      /^ignored: invalid/,
    );
    const old = await site({ "data/sync_status.json": status(T2), "data/sync-run.json": unchangedAt(T1) });
    const c = await liveSyncStatus(undefined, cadences, new Date(T2), old.url, await deps());
    expect(c.run_record).toBe("ignored: older than sync_status.json");
    expect(c.datasets.certified_users?.last_checked_at).toBe(T2);
  });

  it("falls back to the deployed copy when the site's is unreachable, invalid or older, and says so", async () => {
    const deployed = status(T2);
    const down = await liveSyncStatus(deployed, cadences, new Date(T2), "http://127.0.0.1:9/", await deps());
    expect(down).toMatchObject({ source: "deployed", source_note: "site copy unreachable", overall: "ok" });
    const missing = await site({});
    expect((await liveSyncStatus(deployed, cadences, new Date(T2), missing.url, await deps())).source_note).toBe(
      "site copy unreachable",
    );
    const invalid = await site({
      "data/sync_status.json": status(T2, { certified_users: { rows: -1 } }),
      "data/sync-run.json": unchangedAt(T2),
    });
    expect(await liveSyncStatus(deployed, cadences, new Date(T2), invalid.url, await deps())).toMatchObject({
      source: "deployed",
      source_note: "site copy invalid",
      run_record: "absent",
    });
    const older = await site({ "data/sync_status.json": status(T1), "data/sync-run.json": unchangedAt(T1) });
    expect(await liveSyncStatus(deployed, cadences, new Date(T2), older.url, await deps())).toMatchObject({
      source: "deployed",
      source_note: "site copy older than the deployed one",
    });
  });

  it("never repeats an upstream value from a remote error message", async () => {
    const s = await site({
      "data/sync_status.json": status(T1, {
        certified_users: { status: "failed", error: "row 3: value 'alice@example.com' for 0123456789abcdef" },
      }),
    });
    const a = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, await deps());
    const error = a.datasets.certified_users?.error ?? "";
    expect(error).not.toContain("alice@example.com");
    expect(error).not.toContain("0123456789abcdef");
  });

  it("caches the site's copy 5 minutes: a new sync shows within 5 minutes, without a redeploy", async () => {
    const s = await site({ "data/sync_status.json": status(T1) });
    let clock = 1_000_000;
    const d = await deps(() => clock);
    const first = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, d);
    expect(first.datasets.certified_users?.last_checked_at).toBe(T1);
    const fetched = await hits(s.id);
    await replaceFiles(s.id, { "data/sync_status.json": status(T1), "data/sync-run.json": unchangedAt(T2) });
    clock += 4 * 60_000;
    const cached = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, d);
    expect(cached.datasets.certified_users?.last_checked_at).toBe(T1);
    expect(await hits(s.id)).toBe(fetched);
    clock += 60_000;
    const next = await liveSyncStatus(undefined, cadences, new Date(T2), s.url, d);
    expect(next.datasets.certified_users).toMatchObject({ last_checked_at: T2, freshness: "fresh" });
    expect(await hits(s.id)).toBeGreaterThan(fetched);
  });

  it("GET /api/metrics/sync-status reads WORKER_SITE_URL", async () => {
    const s = await site({ "data/sync_status.json": status(T1), "data/sync-run.json": unchangedAt(T2) });
    const res = await call("/api/metrics/sync-status", {
      env: envFor(undefined, { WORKER_SITE_URL: s.url, ACE_NOW: T2 }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { source: string; run_record: string; checked_at: string };
    expect(body).toMatchObject({ source: "site", run_record: "used", checked_at: T2 });
    const without = (await (await call("/api/metrics/sync-status")).json()) as { source: string; source_note: string };
    expect(without).toMatchObject({ source: "deployed", source_note: "no WORKER_SITE_URL configured" });
  });
});

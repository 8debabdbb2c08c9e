/**
 * Copilot against the demo world, starting from the committed data: the day the simulator answers 204 stays
 * `not_ready` and is filled by the next run (the world one day later); days older than the API's one-year window
 * survive byte-identical (even when they could not be re-fetched); a changed report for a recent day updates only
 * that day's rows.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "#core/schema.ts";
import { runSync, silentReporter } from "../../../actions/sync-core/src/index.ts";
import { githubSource } from "../../../actions/sync-github/src/source.ts";
import { startSimulators } from "../../../sim/start.ts";
import { createWorld } from "../../../sim/world/index.ts";
import type { GitHubUpstream } from "../../../sim/world/types.ts";

const COPILOT = ["copilot_daily", "copilot_languages"];
const NEXT_NOW = "2026-11-25T02:00:00Z";

function committedCopy(): string {
  const d = mkdtempSync(join(tmpdir(), "ace-gh-copilot-"));
  cpSync(join(REPO_ROOT, "data"), d, { recursive: true });
  return d;
}

const lines = (dir: string, name: string) => readFileSync(join(dir, `${name}.csv`), "utf8").split("\n");
const byDay = (dir: string, name: string) => {
  const out = new Map<string, string[]>();
  for (const l of lines(dir, name).slice(1)) {
    const day = l.split(",")[1] ?? "";
    if (l !== "") out.set(day, [...(out.get(day) ?? []), l]);
  }
  return out;
};

async function syncCopilot(dataDir: string, world: ReturnType<typeof createWorld>) {
  const sims = await startSimulators({ world });
  try {
    const report = await runSync({
      dataDir,
      sources: [githubSource({ timing: "fast" })],
      datasets: COPILOT,
      now: world.now,
      env: { ...sims.env, GITHUB_RATE_RESERVE: "10" },
      reporter: silentReporter(),
    });
    return Object.fromEntries(report.results.map((r) => [r.dataset, r.status]));
  } finally {
    await sims.close();
  }
}

/** The demo world with one field of one day's organization report changed. */
function withChangedReport(day: string) {
  const world = createWorld();
  const base = world.github;
  const github: GitHubUpstream = Object.create(base, {
    copilotOrgRecord: {
      value: (d: string) => {
        const r = base.copilotOrgRecord(d);
        if (!r || d !== day) return r;
        return { ...r, day_totals: { ...r.day_totals, weekly_active_users: r.day_totals.weekly_active_users + 7 } };
      },
    },
  });
  return { ...world, github } as ReturnType<typeof createWorld>;
}

describe("Copilot report days", () => {
  it("a 204 day stays not_ready, the next run fills it; days beyond the API window survive byte-identical", async () => {
    const dir = committedCopy();
    const before = byDay(dir, "copilot_daily");
    const notReady = [...before].filter(([, ls]) => ls.some((l) => l.includes(",not_ready,"))).map(([d]) => d);
    expect(notReady).toEqual(["2026-11-23"]);
    // a day older than the window, altered locally: the API can no longer show it, so the sync must keep it as is
    const oldDay = "2025-10-20";
    const tampered = (before.get(oldDay)?.[0] ?? "").replace(
      /,complete,(\d+),/,
      (_m, n) => `,complete,${Number(n) + 1},`,
    );
    const text = readFileSync(join(dir, "copilot_daily.csv"), "utf8").replace(before.get(oldDay)?.[0] ?? "?", tampered);
    writeFileSync(join(dir, "copilot_daily.csv"), text);

    const next = createWorld({ now: NEXT_NOW });
    expect(await syncCopilot(dir, next)).toEqual({ copilot_daily: "ok", copilot_languages: "ok" });
    const after = byDay(dir, "copilot_daily");
    const filled = [...next.goldens.rows("copilot_daily")].find((r) => r.day === "2026-11-23");
    expect(filled?.report_status).toBe("complete");
    expect(after.get("2026-11-23")?.[0]).toMatch(/^ace-demo,2026-11-23,complete,\d/);
    expect(after.get("2026-11-23")?.[0]).toContain(`,complete,${filled?.daily_active_users},`);
    expect(after.get("2026-11-24")?.[0]).toMatch(/^ace-demo,2026-11-24,not_ready,/);
    expect(after.get(oldDay)).toEqual([tampered]);
    for (const [day, ls] of before) if (day !== "2026-11-23" && day !== oldDay) expect(after.get(day)).toEqual(ls);
    expect(byDay(dir, "copilot_languages").get("2026-11-23")?.length ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it("a changed report for a recent day updates only that day", async () => {
    const dir = committedCopy();
    const before = byDay(dir, "copilot_daily");
    const changed = "2026-11-20";
    expect(await syncCopilot(dir, withChangedReport(changed))).toMatchObject({
      copilot_daily: "ok",
      copilot_languages: "unchanged",
    });
    const after = byDay(dir, "copilot_daily");
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [day, ls] of before) {
      if (day === changed) expect(after.get(day)).not.toEqual(ls);
      else expect(after.get(day)).toEqual(ls);
    }
  }, 120_000);
});

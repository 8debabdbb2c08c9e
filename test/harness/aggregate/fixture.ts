/**
 * Small random worlds for the aggregation tests: every dataset written with the shared writer (so the CSVs are
 * exactly what the sync commits), plus a sync_status.json. Deterministic per seed; sizes are tiny on purpose so
 * small cells (1–4 people) are frequent.
 */

import { CERTIFICATIONS } from "#core/aggregated/schemas.ts";
import { writeDataset } from "#core/csv.ts";
import { fiscalYear } from "#core/fiscal.ts";
import type { Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { type StatusEntry, writeSyncStatus } from "#core/status.ts";
import { rng } from "../rng.ts";

export const FIXTURE_NOW = "2026-11-24T02:00:00Z";
const START = Date.UTC(2021, 6, 1);
const END = Date.parse(FIXTURE_NOW);
const DAY = 86_400_000;

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthStart = (ms: number) => `${new Date(ms).toISOString().slice(0, 7)}-01`;

export interface FixtureOptions {
  readonly seed: number;
  readonly people: number;
  readonly copilotDays?: number;
}

export async function writeFixture(dataDir: string, opts: FixtureOptions): Promise<void> {
  const r = rng(opts.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const when = (from = START, to = END) => from + Math.floor(r() * Math.max(1, to - from));
  const tables: Record<string, Row[]> = {};
  const push = (name: string, row: Row) => {
    const list = tables[name] ?? [];
    list.push(row);
    tables[name] = list;
  };
  let examSeq = 0;
  const courses = ["intro-to-github", "hello-github-actions", "code-with-copilot", "secure-repository"];
  for (let p = 0; p < opts.people; p++) {
    const user_id = (opts.seed * 100_003 + p).toString(16).padStart(16, "0").slice(-16);
    const login = r() < 0.7 ? `user${p}` : null;
    const seen = when();
    let stage = 0;
    const dates: (string | null)[] = [null, null, null, null, null, null];
    if (r() < 0.8) {
      dates[0] = day(seen);
      stage = 1;
      push("learning_activity", {
        user_id,
        date: day(seen),
        item_id: "learn-module/intro",
        item_type: "module",
        completed: r() < 0.5,
      });
    }
    if (login && r() < 0.5) {
      const t = when(seen);
      dates[1] = day(t);
      stage = 2;
      push("skills_enrollments", {
        repository: `${login}/${pick(courses)}`,
        owner: login,
        course: pick(courses),
        method: r() < 0.6 ? "template" : "fork",
        created_at: iso(t),
        pushed_at: null,
      });
    }
    const firstPass = new Map<string, { at: number; id: string; src: string; last: number }>();
    const exams = r() < 0.6 ? 1 + Math.floor(r() * 3) : 0;
    for (let e = 0; e < exams; e++) {
      const reg = when(seen);
      const cert = pick(CERTIFICATIONS);
      const src = reg >= Date.UTC(2025, 6, 1) ? "pearson" : "legacy";
      const status = pick([
        "completed",
        "completed",
        "completed",
        "no_show",
        "cancelled",
        "scheduled",
        "eligible",
      ] as const);
      const taken = status === "completed" ? Math.min(END - DAY, reg + Math.floor(r() * 60) * DAY) : null;
      const score = taken === null ? null : Math.floor(r() * 1001);
      const exam_id = `${src === "legacy" ? "L" : "P"}-${++examSeq}`;
      push("individual_exams", {
        exam_id,
        user_id,
        certification: cert,
        exam_source: src,
        fiscal_year: fiscalYear(new Date(reg)),
        registered_at: iso(reg),
        scheduled_at: status === "eligible" ? null : iso(reg),
        taken_at: taken === null ? null : iso(taken),
        status,
        delivery: status === "eligible" ? null : pick(["online", "test_center"]),
        score,
        passed: score === null ? null : score >= 700,
      });
      dates[2] = dates[2] && dates[2] < day(reg) ? dates[2] : day(reg);
      if (taken !== null) dates[3] = dates[3] && dates[3] < day(taken) ? dates[3] : day(taken);
      if (taken !== null && score !== null && score >= 700) {
        const old = firstPass.get(cert);
        if (!old || taken < old.at)
          firstPass.set(cert, { at: taken, id: exam_id, src, last: Math.max(taken, old?.last ?? 0) });
        else old.last = Math.max(old.last, taken);
      }
    }
    for (const [cert, f] of firstPass) {
      push("certified_users", {
        user_id,
        certification: cert,
        certified_at: iso(f.at),
        expires_at: iso(f.last + 730 * DAY),
        fiscal_year: fiscalYear(new Date(f.at)),
        exam_source: f.src,
        exam_id: f.id,
      });
      dates[4] = dates[4] && dates[4] < day(f.at) ? dates[4] : day(f.at);
    }
    if (dates[2]) stage = 3;
    if (dates[3]) stage = 4;
    if (dates[4]) stage = 5;
    if (r() < 0.5) {
      const m = when(seen);
      push("product_usage", {
        user_id,
        month: monthStart(m),
        product: pick(["actions", "copilot", "codespaces"]),
        active_days: 1 + Math.floor(r() * 20),
        events: 1 + Math.floor(r() * 200),
      });
      if (dates[4] && monthStart(m) >= `${dates[4].slice(0, 7)}-01`) {
        dates[5] = monthStart(m);
        stage = 6;
      }
    }
    if (login && r() < 0.5) {
      const w = new Date(when(seen));
      push("github_activity", {
        github_login: login,
        week: `${w.getUTCFullYear()}-W${String(1 + Math.floor(r() * 52)).padStart(2, "0")}`,
        event_type: "PushEvent",
        events: 1 + Math.floor(r() * 30),
        distinct_repos: 1,
      });
    }
    push("unified_users", {
      user_id,
      github_login: login,
      first_seen_at: iso(seen),
      country: null,
      region: "UNKNOWN",
      touched_learning: dates[0] !== null,
      touched_exams: exams > 0,
      touched_product: dates[5] !== null,
    });
    const stages = ["none", "learning", "skills", "registered", "examined", "certified", "product"];
    push("journey_complete", {
      user_id,
      github_login: login,
      first_learning_on: dates[0] ?? null,
      first_skills_on: dates[1] ?? null,
      first_registration_on: dates[2] ?? null,
      first_exam_on: dates[3] ?? null,
      first_certification_on: dates[4] ?? null,
      first_product_use_after_cert_on: dates[5] ?? null,
      current_stage: stages[stage] ?? "none",
    });
  }
  for (const c of courses) {
    push("skills_courses", {
      course: c,
      title: `Course ${c}`,
      is_template: true,
      archived: false,
      topics: null,
      stargazers: Math.floor(r() * 12),
      forks: Math.floor(r() * 12),
      created_at: "2021-01-01T00:00:00Z",
    });
  }
  const days = opts.copilotDays ?? 60;
  for (let d = 0; d < days; d++) {
    const t = END - (days - d) * DAY;
    const ready = r() > 0.1;
    const dau = Math.floor(r() * 12);
    push("copilot_daily", {
      org: "ace-demo",
      day: day(t),
      report_status: ready ? "complete" : "not_ready",
      daily_active_users: ready ? dau : null,
      weekly_active_users: ready ? dau + 3 : null,
      monthly_active_users: ready ? dau + 8 : null,
      engaged_users: ready ? Math.floor(dau / 2) : null,
      chat_users: ready ? Math.floor(dau / 3) : null,
      agent_users: ready ? Math.floor(dau / 4) : null,
      cli_users: ready ? 0 : null,
      code_generation_activity_count: ready ? dau * 20 : null,
      code_acceptance_activity_count: ready ? dau * 6 : null,
      loc_suggested_to_add_sum: ready ? dau * 50 : null,
      loc_added_sum: ready ? dau * 15 : null,
      loc_deleted_sum: ready ? dau * 2 : null,
    });
    if (ready)
      for (const language of ["typescript", "python", "go"]) {
        const users = Math.floor(r() * (dau + 1));
        push("copilot_languages", {
          org: "ace-demo",
          day: day(t),
          language,
          users,
          code_generation_activity_count: users * 7,
          code_acceptance_activity_count: users * 2,
          loc_suggested_to_add_sum: users * 10,
          loc_added_sum: users * 3,
        });
      }
  }
  const update: Record<string, StatusEntry> = {};
  for (const [name, rows] of Object.entries(tables).sort()) {
    const staged = await writeDataset(dataDir, getSchema(name), dedupe(name, rows));
    update[name] = {
      status: "ok",
      last_success_at: FIXTURE_NOW,
      last_changed_at: FIXTURE_NOW,
      sha256: staged.sha256,
      rows: staged.rows,
      sources: ["fixture"],
      progress: null,
      not_ready_days: [],
      error: null,
    };
  }
  writeSyncStatus(dataDir, update);
}

/** Keeps the first row per primary key (random draws may collide). */
function dedupe(name: string, rows: readonly Row[]): Row[] {
  const pk = getSchema(name).primaryKey;
  const seen = new Set<string>();
  return rows.filter((row) => {
    const k = pk.map((f) => String(row[f])).join("\u0000");
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

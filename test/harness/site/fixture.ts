/**
 * A small, deterministic, schema-valid data directory for the site's tests and for building the site before the
 * committed demo data exists: `aggregated/*.json` (validated with the aggregation schemas) and `sync_status.json`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Activity,
  AGGREGATED_SCHEMAS,
  CERTIFICATIONS,
  type Cell,
  type Certifications,
  type Copilot,
  type Exams,
  JOURNEY_STAGES,
  type Journey,
  type Kpis,
  type Skills,
} from "#core/aggregated/schemas.ts";
import { loadSchemas } from "#core/schema.ts";
import { type SyncStatus, serializeSyncStatus } from "#core/status.ts";
import { regionsFixture } from "./fixture-regions.ts";

let seed = 7;
const rnd = (): number => {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
};
const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
const c = (v: number): Cell => (v > 0 && v < 5 ? { value: null, suppressed: true } : { value: v, suppressed: false });
const rate = (n: number, d: number): Cell =>
  d < 5 ? { value: null, suppressed: true } : { value: Math.round((n / d) * 1e4) / 1e4, suppressed: false };
const S = { value: null, suppressed: true } as const;

const FYS = ["FY22", "FY23", "FY24", "FY25", "FY26", "FY27"];
const AS_OF = "2026-11-24T02:00:00Z";

function envelope<F extends string>(file: F, datasets: readonly string[], stale: readonly string[]) {
  return {
    schema_version: 1 as const,
    file,
    as_of: AS_OF,
    min_cell: 5 as const,
    generated_from: datasets.map((d) => ({
      dataset: d,
      sha256: "ab".repeat(32),
      last_success_at: AS_OF,
      rows: 100,
      status: "ok",
      freshness: stale.includes(d) ? ("stale" as const) : ("fresh" as const),
      partial: false,
    })),
    flags: {
      stale: stale.length > 0,
      partial: false,
      missing: false,
      stale_datasets: [...stale],
      partial_datasets: [],
      missing_datasets: [],
    },
  };
}

function quarters(): string[] {
  return FYS.slice(0, 6)
    .flatMap((fy) => [1, 2, 3, 4].map((q) => `${fy}-Q${q}`))
    .slice(0, 22);
}

function certifications(): Certifications {
  const certs = ["all", ...CERTIFICATIONS] as const;
  const series = (periods: string[]) =>
    certs.flatMap((cert) => {
      let cum = 0;
      return periods.map((period) => {
        const n = cert === "all" ? int(40, 120) : int(0, 30);
        cum += n;
        return { certification: cert, period, new: c(n), cumulative: n > 0 && n < 5 ? S : c(cum) };
      });
    });
  return {
    ...envelope("certifications", ["certified_users", "individual_exams"], []),
    by_quarter: series(quarters()),
    by_fiscal_year: series(FYS.slice(0, 6)),
    status: certs.map((cert) => ({
      certification: cert,
      active: c(int(20, 300)),
      expired: c(int(0, 90)),
      total: c(int(100, 400)),
    })),
    time_to_certify: certs.map((cert) => ({
      certification: cert,
      people: c(int(3, 300)),
      median_days: c(int(10, 60)),
      p90_days: c(int(60, 200)),
    })),
  };
}

function examRow() {
  const reg = int(3, 400);
  const completed = Math.floor(reg * 0.8);
  const passed = Math.floor(completed * 0.7);
  return {
    registrations: c(reg),
    completed: c(completed),
    passed: c(passed),
    failed: c(completed - passed),
    no_show: c(int(0, 20)),
    cancelled: c(int(0, 15)),
    pending: c(int(0, 10)),
    pass_rate: rate(passed, completed),
  };
}

function exams(): Exams {
  const certs = ["all", ...CERTIFICATIONS] as const;
  return {
    ...envelope("exams", ["individual_exams"], []),
    by_exam_year: certs.flatMap((cert) =>
      [...FYS.slice(0, 6), "all"].map((fy) => ({ certification: cert, fiscal_year: fy, ...examRow() })),
    ),
    by_source: FYS.slice(0, 6).map((fy) => ({
      fiscal_year: fy,
      exam_source: fy < "FY26" ? ("legacy" as const) : ("pearson" as const),
      ...examRow(),
    })),
    delivery: FYS.slice(0, 6).flatMap((fy) =>
      (["online", "test_center", "unknown"] as const).map((d) => ({
        fiscal_year: fy,
        delivery: d,
        exams: c(int(0, 200)),
      })),
    ),
    retakes: certs.map((cert) => ({
      certification: cert,
      people_examined: c(int(50, 300)),
      people_single_attempt: c(int(40, 250)),
      people_retook: c(int(2, 50)),
      retake_rate: rate(int(1, 20), 100),
    })),
    score_distribution: certs.map((cert) => ({
      certification: cert,
      scored: c(int(100, 400)),
      bins: Array.from({ length: 10 }, (_, i) => ({ from: i * 100, to: i * 100 + 100, exams: c(int(0, 60)) })),
    })),
  };
}

function journey(): Journey {
  return {
    ...envelope(
      "journey",
      ["learning_activity", "skills_enrollments", "individual_exams", "certified_users", "product_usage"],
      [],
    ),
    stages: [...JOURNEY_STAGES],
    cohorts: [...FYS.slice(0, 6), "all"].map((cohort) => {
      let n = int(800, 1200);
      return {
        cohort,
        stages: JOURNEY_STAGES.map((stage, i) => {
          const prev = n;
          n = i === 0 ? n : Math.floor(n * (0.4 + rnd() * 0.5));
          return {
            stage,
            reached: c(n),
            conversion_from_previous: i === 0 ? { value: null, suppressed: false } : rate(n, prev),
            median_days_from_previous: i === 0 ? { value: null, suppressed: false } : c(int(5, 90)),
            people_with_both_dates: i === 0 ? { value: null, suppressed: false } : c(n),
          };
        }),
      };
    }),
  };
}

function measures() {
  const gen = int(500, 3000);
  const acc = Math.floor(gen * 0.3);
  return {
    code_generations: c(gen),
    code_acceptances: c(acc),
    acceptance_rate: rate(acc, gen),
    loc_suggested: c(gen * 3),
    loc_added: c(acc * 2),
  };
}

function copilot(): Copilot {
  const days = Array.from({ length: 75 }, (_, i) => {
    const day = new Date(Date.UTC(2025, 9, 10 + i)).toISOString().slice(0, 10);
    const notReady = i >= 43;
    const na = { value: null, suppressed: false };
    return {
      day,
      status: notReady ? ("not_ready" as const) : ("complete" as const),
      daily_active_users: notReady ? na : c(int(20, 50)),
      weekly_active_users: notReady ? na : c(int(40, 55)),
      monthly_active_users: notReady ? na : c(int(50, 60)),
      engaged_users: notReady ? na : c(int(10, 40)),
      chat_users: notReady ? na : c(int(3, 20)),
      agent_users: notReady ? na : c(int(0, 8)),
      cli_users: notReady ? na : c(int(0, 6)),
      ...(notReady
        ? { code_generations: na, code_acceptances: na, acceptance_rate: na, loc_suggested: na, loc_added: na }
        : measures()),
      loc_deleted: notReady ? na : c(int(0, 100)),
    };
  });
  const rollup = () => ({
    days_complete: 7,
    days_not_ready: 0,
    avg_daily_active_users: c(int(20, 50)),
    avg_engaged_users: c(int(10, 30)),
    max_monthly_active_users: c(int(50, 60)),
    ...measures(),
    loc_deleted: c(int(0, 100)),
  });
  const langs = ["TypeScript", "Python", "Go", "Java", "other"];
  return {
    ...envelope("copilot", ["copilot_daily", "copilot_languages"], []),
    org: "ace-demo",
    days,
    weeks: ["2025-W41", "2025-W42", "2025-W43", "2025-W44", "2025-W45", "2025-W46", "2025-W47"].map((week) => ({
      week,
      ...rollup(),
    })),
    months: ["2025-10", "2025-11"].map((month) => ({ month, ...rollup() })),
    languages: {
      top_n: 4,
      totals: langs.map((language) => ({ language, max_daily_users: c(int(2, 40)), ...measures() })),
      by_month: ["2025-10", "2025-11"].flatMap((month) =>
        langs.map((language) => ({ month, language, max_daily_users: c(int(2, 40)), ...measures() })),
      ),
    },
  };
}

function skills(): Skills {
  const courses = [
    "introduction-to-github",
    "hello-github-actions",
    "getting-started-with-github-copilot",
    "secure-repository-supply-chain",
  ];
  const months = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];
  return {
    ...envelope("skills", ["skills_enrollments", "skills_courses"], []),
    courses: courses.map((course, i) => ({
      course,
      title: course.replace(/-/g, " "),
      is_template: i % 2 === 0,
      archived: false,
      stargazers: c(int(10, 900)),
      forks: c(int(10, 300)),
      enrollments: c(int(3, 200)),
      fork: c(int(3, 100)),
      template: c(int(0, 100)),
    })),
    popular: courses.map((course, i) => ({ rank: i + 1, course, enrollments: 200 - i * 30 })),
    by_month: ["all", ...courses].flatMap((course) =>
      months.map((month) => ({
        course,
        month,
        enrollments: c(int(2, 60)),
        fork: c(int(1, 30)),
        template: c(int(1, 30)),
      })),
    ),
  };
}

function activity(): Activity {
  const months = ["2026-06", "2026-07", "2026-08", "2026-09", "2026-10", "2026-11"];
  const split = () => {
    const a = int(20, 300);
    const cp = int(3, a);
    return {
      active_people: c(a),
      certified_people: c(cp),
      not_certified_people: c(a - cp),
      certified_events_per_person: c(int(5, 40)),
      not_certified_events_per_person: c(int(2, 30)),
    };
  };
  const products = ["actions", "codespaces", "copilot", "advanced-security"];
  return {
    ...envelope("activity", ["product_usage", "github_activity", "certified_users"], ["github_activity"]),
    products,
    product_by_month: months.flatMap((month) => products.map((product) => ({ month, product, ...split() }))),
    github_by_month: months.map((month) => ({ month, ...split() })),
  };
}

function kpis(): Kpis {
  const k = (
    id: Kpis["kpis"][number]["id"],
    label: string,
    unit: Kpis["kpis"][number]["unit"],
    kind: "stock" | "flow",
    cur: number,
    prev: number,
  ) => ({
    id,
    label,
    unit,
    kind,
    current: c(cur),
    previous: c(prev),
    delta: c(Math.round((cur - prev) * 1e4) / 1e4),
  });
  return {
    ...envelope(
      "kpis",
      ["certified_users", "individual_exams", "skills_enrollments", "copilot_daily", "product_usage"],
      [],
    ),
    period: { current: "FY27-Q2", previous: "FY27-Q1", current_through: "2026-11-23" },
    kpis: [
      k("certified_people", "Certified people", "people", "stock", 1204, 1100),
      k("exams_completed", "Exams completed", "exams", "flow", 310, 290),
      {
        ...k("pass_rate", "Pass rate", "rate", "flow", 0, 0),
        current: rate(71, 100),
        previous: rate(69, 100),
        delta: rate(2, 100),
      },
      k("skills_enrollments", "Skills enrollments", "enrollments", "flow", 88, 95),
      k("copilot_avg_daily_active_users", "Copilot daily active users (avg)", "users", "flow", 38, 35),
      k("product_active_people", "People active in GitHub products", "people", "flow", 420, 400),
    ],
  };
}

export function fixtureStatus(
  lastSuccessAt: string,
  overrides: Partial<Record<string, Partial<SyncStatus["datasets"][string]>>> = {},
): SyncStatus {
  const datasets: SyncStatus["datasets"] = {};
  for (const s of loadSchemas().values()) {
    datasets[s.name] = {
      status: "ok",
      last_success_at: lastSuccessAt,
      last_changed_at: lastSuccessAt,
      sha256: "ab".repeat(32),
      rows: 1000,
      sources: s.source.kind === "github" ? s.source.endpoints : [`kusto:${s.name}`],
      progress: null,
      not_ready_days: s.name === "copilot_daily" ? ["2025-11-22", "2025-11-23"] : [],
      error: null,
      ...overrides[s.name],
    };
  }
  return { version: 1, datasets };
}

/** Writes the fixture data directory and returns its path. */
export function writeFixture(dir: string, status: SyncStatus = fixtureStatus(AS_OF)): string {
  seed = 7;
  mkdirSync(join(dir, "aggregated"), { recursive: true });
  const files = {
    certifications: certifications(),
    exams: exams(),
    journey: journey(),
    copilot: copilot(),
    skills: skills(),
    activity: activity(),
    kpis: kpis(),
    regions: regionsFixture(envelope("regions", ["certified_users", "individual_exams", "unified_users"], [])),
  };
  for (const [name, data] of Object.entries(files)) {
    const schema = AGGREGATED_SCHEMAS[name as keyof typeof AGGREGATED_SCHEMAS];
    schema.parse(data);
    writeFileSync(join(dir, "aggregated", `${name}.json`), `${JSON.stringify(data, null, 2)}\n`);
  }
  writeFileSync(join(dir, "sync_status.json"), serializeSyncStatus(status));
  return dir;
}

if (import.meta.main) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node test/harness/site/fixture.ts DIR");
  console.log(writeFixture(dir));
}

/**
 * The live path: the fixed `.kql` files against both clusters, under one deadline (KUSTO_TIMEOUT_MS); exam rows are
 * assembled by core/exams.ts, the functions the sync writes individual_exams with. Any failure, including the
 * deadline or an upstream value core/ refuses, rejects, and the caller falls back.
 */
import metricLegacyResults from "../queries/metric-legacy-results.kql";
import metricPearsonExams from "../queries/metric-pearson-exams.kql";
import personEligibility from "../queries/person-eligibility.kql";
import personPearson from "../queries/person-pearson.kql";
import personResults from "../queries/person-results.kql";
import personScheduling from "../queries/person-scheduling.kql";
import personUsers from "../queries/person-users.kql";
import type { WorkerConfig } from "./config.ts";
import { type ExamRecord, fiscalYearOf, fiscalYearStart, legacyExams, pearsonExam, sortExams } from "./exams.ts";
import { datetimeParam, type KustoTarget, kustoQuery } from "./kusto/client.ts";
import { KustoError } from "./kusto/errors.ts";
import type { KRow } from "./kusto/frames.ts";
import type { Fetch } from "./kusto/token.ts";
import { computeMetric, type ExamFact, examFact, type MetricBody, type MetricName } from "./metrics.ts";

/** Every query text the worker can send: the injection test checks the simulator never sees anything else. */
export const QUERIES = {
  personPearson,
  personUsers,
  personEligibility,
  personScheduling,
  personResults,
  metricPearsonExams,
  metricLegacyResults,
} as const;

export interface LiveDeps {
  readonly config: WorkerConfig;
  readonly fetch: Fetch;
  readonly now: () => number;
  /** real-clock instant (Date.now()) by which the live answer must be in: request arrival + KUSTO_TIMEOUT_MS */
  readonly deadlineAt: number;
}

/** What is left of the request's live budget. */
function budget(deps: LiveDeps): number {
  return Math.max(1, deps.deadlineAt - Date.now());
}

/** Start of all data: the program began with FY22. */
const EPOCH = new Date(Date.UTC(2021, 6, 1));

/** Runs `fn` under the configured deadline; the signal aborts the in-flight fetches when it passes. */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new KustoError("timeout", `no answer within ${ms} ms`));
    }, ms);
  });
  try {
    return await Promise.race([fn(controller.signal), deadline]);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
}

function runner(deps: LiveDeps, signal: AbortSignal) {
  return async (target: KustoTarget, csl: string, params: Record<string, string>): Promise<readonly KRow[]> => {
    const t = await kustoQuery(target, csl, params, {
      signal,
      tokenConfig: deps.config.token,
      fetch: deps.fetch,
      now: deps.now,
      timeoutMs: deps.config.timeoutMs,
    });
    return t.rows;
  };
}

function wholeWindow(dataNow: Date): Record<string, string> {
  const end = new Date(Date.UTC(dataNow.getUTCFullYear(), dataNow.getUTCMonth(), dataNow.getUTCDate() + 1));
  return { window_start: datetimeParam(EPOCH), window_end: datetimeParam(end) };
}

/** One person's exam history from both clusters (login lower-cased and already validated). */
export function liveExams(login: string, deps: LiveDeps): Promise<ExamRecord[]> {
  const { config } = deps;
  return withDeadline(budget(deps), async (signal) => {
    const q = runner(deps, signal);
    const window = wholeWindow(config.dataNow);
    const [pearson, users] = await Promise.all([
      q(config.cse, QUERIES.personPearson, { ...window, login }),
      q(config.gh, QUERIES.personUsers, { ...window, login }),
    ]);
    const keys = [...new Set(users.map((u) => (typeof u.Email === "string" ? u.Email.trim().toLowerCase() : "")))];
    const legacy = await Promise.all(
      keys
        .filter((k) => k !== "")
        .map(async (user_key) => {
          const p = { ...window, user_key };
          const [e, s, r] = await Promise.all([
            q(config.gh, QUERIES.personEligibility, p),
            q(config.gh, QUERIES.personScheduling, p),
            q(config.gh, QUERIES.personResults, p),
          ]);
          return legacyExams(e, s, r);
        }),
    );
    return sortExams([...pearson.map(pearsonExam), ...legacy.flat()]);
  });
}

const personOf = (v: unknown): string => (typeof v === "string" ? v.trim().toLowerCase() : "");

/** Pearson registrations as facts: the exam records of core/exams.ts, as the committed CSV's rows become facts. */
function pearsonFacts(rows: readonly KRow[]): ExamFact[] {
  return rows.map((r) => examFact(personOf(r.CandidateEmail), pearsonExam(r)));
}

function legacyFacts(rows: readonly KRow[]): ExamFact[] {
  return rows.map((r) => ({
    person: personOf(r.Email),
    certification: "",
    fiscal_year: r.EligibleAt instanceof Date ? fiscalYearOf(r.EligibleAt) : "",
    completed: true,
    passed: typeof r.Passed === "boolean" ? r.Passed : null,
    registered_at: r.EligibleAt instanceof Date ? r.EligibleAt.toISOString() : "",
    completed_at: r.EligibleAt instanceof Date ? r.EligibleAt.toISOString() : null,
  }));
}

/** A headline metric, live. exams-fy / pass-rate cover the fiscal year of the last closed day (Pearson, FY26 on). */
export function liveMetric(name: MetricName, deps: LiveDeps): Promise<MetricBody> {
  const { config } = deps;
  const now = config.dataNow;
  return withDeadline(budget(deps), async (signal) => {
    const q = runner(deps, signal);
    if (name === "certified-people") {
      const window = wholeWindow(config.dataNow);
      const [pearson, legacy] = await Promise.all([
        q(config.cse, QUERIES.metricPearsonExams, window),
        q(config.gh, QUERIES.metricLegacyResults, window),
      ]);
      return computeMetric(name, [...pearsonFacts(pearson), ...legacyFacts(legacy)], now);
    }
    // period-closed (metrics.ts): the fiscal year of the last closed day, up to the first of the current month
    const start = fiscalYearStart(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 0)));
    const end = new Date(Date.UTC(start.getUTCFullYear() + 1, 6, 1));
    const rows = await q(config.cse, QUERIES.metricPearsonExams, {
      window_start: datetimeParam(start),
      window_end: datetimeParam(end),
    });
    return computeMetric(name, pearsonFacts(rows), now);
  });
}

/**
 * The GitHub source of the sync core: Copilot usage-metrics reports, public activity, Skills. Each dataset runs
 * independently; the Copilot pair and the Skills pair share one fetch per run.
 */
import { readAll } from "#core/csv.ts";
import type { Row } from "#core/format.ts";
import { getSchema } from "#core/schema.ts";
import { readSkillsState, serializeSkillsState } from "#core/state.ts";
import { readSyncStatus } from "#core/status.ts";
import { type DatasetRun, type Source, type SyncContext, SyncSkip } from "../../sync-core/src/source.ts";
import { syncActivity } from "./activity.ts";
import { RateBudget } from "./budget.ts";
import { createClient, type GitHubClient } from "./client.ts";
import { githubConfig } from "./config.ts";
import { type CopilotSyncResult, syncCopilot } from "./copilot.ts";
import { type SkillsResult, shouldSearch, syncSkills } from "./skills-sync.ts";

export const GITHUB_DATASETS = [
  "copilot_daily",
  "copilot_languages",
  "skills_courses",
  "skills_enrollments",
  "github_activity",
] as const;

export interface GitHubSourceOptions {
  /** transport for the API and the download links (tests may inject) */
  readonly fetch?: typeof fetch;
  /** "fast": no request spacing and millisecond back-offs (loopback tests and the demo only) */
  readonly timing?: "real" | "fast";
}

interface Clients {
  readonly public: { client: GitHubClient; budget: RateBudget } | undefined;
  readonly copilot: { client: GitHubClient; budget: RateBudget } | undefined;
}

export function githubSource(opts: GitHubSourceOptions = {}): Source {
  let clients: Clients | undefined;
  let copilot: Promise<CopilotSyncResult> | undefined;
  let skills: Promise<SkillsResult> | undefined;

  const getClients = (ctx: SyncContext): Clients => {
    if (clients) return clients;
    const cfg = githubConfig(ctx.env);
    const make = (token: string | undefined, inActions: boolean) => {
      if (!token) return undefined;
      const budget = new RateBudget({ reserve: cfg.reserve, timeBudgetMs: cfg.timeBudgetMs });
      const client = createClient({
        token,
        baseUrl: cfg.apiUrl,
        budget,
        inActions,
        log: (m) => ctx.log.info(m),
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
        timing: opts.timing ?? cfg.timing,
      });
      return { client, budget };
    };
    clients = { public: make(cfg.token, cfg.inActions), copilot: make(cfg.copilotToken, false) };
    return clients;
  };

  const runCopilot = (ctx: SyncContext): Promise<CopilotSyncResult> => {
    copilot ??= (async () => {
      const cfg = githubConfig(ctx.env);
      const c = getClients(ctx).copilot;
      if (!c || !cfg.org)
        throw new SyncSkip(
          "COPILOT_TOKEN and GITHUB_ORG are needed for the Copilot usage-metrics reports (an org-level token with 'View Organization Copilot Metrics')",
        );
      return syncCopilot({
        client: c.client,
        org: cfg.org,
        now: ctx.now,
        existingDaily: await readAll(ctx.dataDir, getSchema("copilot_daily")).catch(() => []),
        existingLanguages: await readAll(ctx.dataDir, getSchema("copilot_languages")).catch(() => []),
        budget: c.budget,
        ...(opts.fetch ? { fetch: opts.fetch } : {}),
      });
    })();
    return copilot;
  };

  const runSkills = (ctx: SyncContext): Promise<SkillsResult> => {
    skills ??= (async () => {
      const c = getClients(ctx).public;
      if (!c) throw new SyncSkip("GITHUB_TOKEN is needed for the Skills repositories");
      const existingEnrollments = await readAll(ctx.dataDir, getSchema("skills_enrollments")).catch(() => null);
      const previous = readSyncStatus(ctx.dataDir).datasets.skills_enrollments;
      return syncSkills({
        client: c.client,
        now: ctx.now,
        state: readSkillsState(ctx.dataDir),
        existingEnrollments: existingEnrollments ?? [],
        budget: c.budget,
        searchTemplates: existingEnrollments === null || shouldSearch(previous, ctx.now),
        log: (m) => ctx.log.info(m),
      });
    })();
    return skills;
  };

  const copilotRun = (rows: Row[], r: CopilotSyncResult, budget: RateBudget | undefined): DatasetRun => ({
    rows,
    sources: ["github:/orgs/{org}/copilot/metrics/reports"],
    outcome: () => ({
      notReadyDays: r.notReadyDays,
      ...(r.remaining > 0 ? { partial: { done: r.fetched, total: r.fetched + r.remaining, cursor: null } } : {}),
    }),
    details: () => ({ days_fetched: r.fetched, days_remaining: r.remaining, requests: budget?.requests ?? 0 }),
  });

  return {
    name: "github",
    datasets: GITHUB_DATASETS,
    async dataset(name, ctx) {
      switch (name) {
        case "copilot_daily": {
          const r = await runCopilot(ctx);
          return copilotRun(r.daily, r, clients?.copilot?.budget);
        }
        case "copilot_languages": {
          const r = await runCopilot(ctx);
          return copilotRun(r.languages, r, clients?.copilot?.budget);
        }
        case "skills_courses": {
          const r = await runSkills(ctx);
          return {
            rows: r.courses,
            sources: ["github:/orgs/skills/repos"],
            details: () => ({ courses: r.courses.length }),
          };
        }
        case "skills_enrollments": {
          const r = await runSkills(ctx);
          return {
            rows: r.enrollments,
            sources: ["github:/repos/skills/{repo}/forks", "github:/search/repositories"],
            outcome: () => ({
              stateFiles: new Map([["state/skills.json", serializeSkillsState(r.state)]]),
              ...(r.partial ? { partial: r.partial } : {}),
            }),
            details: () => ({ ...r.details }),
          };
        }
        case "github_activity": {
          const c = getClients(ctx).public;
          if (!c) throw new SyncSkip("GITHUB_TOKEN is needed for public events");
          const { maxVisits } = githubConfig(ctx.env);
          return syncActivity({ client: c.client, budget: c.budget, ctx, ...(maxVisits ? { maxVisits } : {}) });
        }
        default:
          throw new Error(`the GitHub source does not produce ${name}`);
      }
    },
  };
}

/** Typed view of the worker's variables and secrets (documented in docs/worker.md). */
import type { KustoTarget } from "./kusto/client.ts";
import type { TokenConfig } from "./kusto/token.ts";

export const DEFAULT_TIMEOUT_MS = 2500;
export const CACHE_TTL_MS = 5 * 60_000;

export interface WorkerConfig {
  readonly cse: KustoTarget;
  readonly gh: KustoTarget;
  readonly timeoutMs: number;
  readonly token: TokenConfig;
  readonly corsOrigin: string;
  /** "now" of the data (ACE_NOW for the demo world), distinct from the cache clock */
  readonly dataNow: Date;
  /** the published site whose data/sync_status.json and data/sync-run.json give live sync status ("" = none) */
  readonly siteUrl: string;
}

export function readConfig(env: Env, now: () => number): WorkerConfig {
  const timeout = Number(env.KUSTO_TIMEOUT_MS);
  const aceNow = env.ACE_NOW ? new Date(env.ACE_NOW) : undefined;
  return {
    cse: { url: env.KUSTO_CSE_URL ?? "", database: env.KUSTO_CSE_DATABASE || "ACE" },
    gh: { url: env.KUSTO_GH_URL ?? "", database: env.KUSTO_GH_DATABASE || "ace" },
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : DEFAULT_TIMEOUT_MS,
    token: {
      tenantId: env.AZURE_TENANT_ID ?? "",
      clientId: env.AZURE_CLIENT_ID ?? "",
      clientSecret: env.AZURE_CLIENT_SECRET,
      authorityHost: env.AZURE_AUTHORITY_HOST || "https://login.microsoftonline.com",
    },
    corsOrigin: env.WORKER_CORS_ORIGIN ?? "",
    dataNow: aceNow !== undefined && !Number.isNaN(aceNow.getTime()) ? aceNow : new Date(now()),
    siteUrl: (env.WORKER_SITE_URL ?? "").trim(),
  };
}

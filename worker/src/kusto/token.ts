/**
 * Entra ID client-credentials tokens for Kusto, fetched with plain `fetch` and cached per isolate until shortly
 * before `expires_in`. Loopback cluster URLs (the simulators) are anonymous, like a local Kusto emulator.
 */
import { KustoError } from "./errors.ts";

export interface TokenConfig {
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  readonly authorityHost: string;
}

export type Fetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/** Refresh this long before the token expires. */
export const TOKEN_REFRESH_MARGIN_MS = 5 * 60_000;

interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
}

const tokens = new Map<string, CachedToken>();
const pending = new Map<string, Promise<CachedToken>>();

export function isLoopback(clusterUrl: string): boolean {
  const host = new URL(clusterUrl).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]" || host === "::1";
}

/** Test hook: forget every cached token. */
export function clearTokenCache(): void {
  tokens.clear();
  pending.clear();
}

async function requestToken(cfg: TokenConfig, scope: string, fetchFn: Fetch, now: () => number): Promise<CachedToken> {
  if (cfg.tenantId === "" || cfg.clientId === "" || cfg.clientSecret === undefined || cfg.clientSecret === "") {
    throw new KustoError("config", "AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET are required");
  }
  const url = `${cfg.authorityHost.replace(/\/$/, "")}/${encodeURIComponent(cfg.tenantId)}/oauth2/v2.0/token`;
  const body = new URLSearchParams({
    client_id: cfg.clientId,
    client_secret: cfg.clientSecret,
    grant_type: "client_credentials",
    scope,
  });
  let res: Response;
  try {
    res = await fetchFn(url, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
  } catch {
    throw new KustoError("network", "token endpoint unreachable");
  }
  if (!res.ok) throw new KustoError("auth", `token endpoint answered ${res.status}`, res.status);
  const json: unknown = await res.json().catch(() => null);
  const t = json as { access_token?: unknown; expires_in?: unknown } | null;
  if (typeof t?.access_token !== "string") throw new KustoError("auth", "token response without access_token");
  const expiresIn = typeof t.expires_in === "number" ? t.expires_in : Number(t.expires_in ?? 0);
  return { token: t.access_token, refreshAt: now() + Math.max(0, expiresIn * 1000 - TOKEN_REFRESH_MARGIN_MS) };
}

/** Bearer token for `clusterUrl`, or undefined for loopback clusters. */
export async function kustoToken(
  clusterUrl: string,
  cfg: TokenConfig,
  fetchFn: Fetch,
  now: () => number,
): Promise<string | undefined> {
  if (isLoopback(clusterUrl)) return undefined;
  const scope = `${new URL(clusterUrl).origin}/.default`;
  const key = `${cfg.tenantId}|${cfg.clientId}|${scope}`;
  const cached = tokens.get(key);
  if (cached !== undefined && now() < cached.refreshAt) return cached.token;
  let p = pending.get(key);
  if (p === undefined) {
    p = requestToken(cfg, scope, fetchFn, now).finally(() => pending.delete(key));
    pending.set(key, p);
  }
  const fresh = await p;
  tokens.set(key, fresh);
  return fresh.token;
}

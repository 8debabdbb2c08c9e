/**
 * The identity settings of the worker (docs/worker.md, "Profiles and sign-in"): the GitHub OAuth app, the session
 * key and the Cloudflare Access application. Read from the environment on every request; nothing here is logged.
 */
import { isDemoUpstream, isLoopbackUrl, upstreamUrls } from "#core/demo.ts";

/** The demo's session key: documented, not secret, accepted only when the worker is the demo (loopback upstreams). */
export const DEMO_SESSION_KEY = "ace-demo-session-key-not-secret-0123456789";

export interface IdentityConfig {
  /** GitHub OAuth app (empty: sign-in not configured → 503) */
  readonly clientId: string;
  readonly clientSecret: string;
  /** github.com, or the simulator: /login/oauth/authorize and /login/oauth/access_token */
  readonly webUrl: string;
  /** api.github.com, or the simulator: GET /user */
  readonly apiUrl: string;
  /** HMAC key of the session and sign-in cookies (undefined: sessions not configured → 503) */
  readonly sessionKey: Uint8Array | undefined;
  /** Access team origin (`https://<team>.cloudflareaccess.com`; the JWT's `iss`), "" = staff reads refused */
  readonly accessTeam: string;
  /** the Access application's AUD tag, "" = staff reads refused */
  readonly accessAud: string;
  /** the worker is the demo: every Kusto URL is loopback (core/demo.ts) */
  readonly demo: boolean;
}

const trimSlash = (u: string): string => u.trim().replace(/\/+$/, "");

/** `team.cloudflareaccess.com` or a URL → its origin; plain http only on loopback (the tests' key server). */
export function teamOrigin(value: string): string {
  const v = value.trim();
  if (v === "") return "";
  try {
    const u = new URL(/^[a-z]+:\/\//i.test(v) ? v : `https://${v}`);
    if (u.protocol !== "https:" && !(u.protocol === "http:" && isLoopbackUrl(u.href))) return "";
    return u.origin;
  } catch {
    return "";
  }
}

export function readIdentity(env: Env): IdentityConfig {
  const demo = isDemoUpstream(upstreamUrls(env as unknown as Record<string, unknown>));
  const key = (env.SESSION_KEY ?? "").trim() || (demo ? DEMO_SESSION_KEY : "");
  // a short key, or the published demo key outside the demo, is no key
  const usable = key.length >= 32 && (demo || key !== DEMO_SESSION_KEY);
  return {
    clientId: (env.GITHUB_OAUTH_CLIENT_ID ?? "").trim(),
    clientSecret: (env.GITHUB_OAUTH_CLIENT_SECRET ?? "").trim(),
    webUrl: trimSlash(env.GITHUB_WEB_URL || "https://github.com"),
    apiUrl: trimSlash(env.GITHUB_API_URL || "https://api.github.com"),
    sessionKey: usable ? new TextEncoder().encode(key) : undefined,
    accessTeam: teamOrigin(env.ACCESS_TEAM_DOMAIN ?? ""),
    accessAud: (env.ACCESS_AUD ?? "").trim(),
    demo,
  };
}

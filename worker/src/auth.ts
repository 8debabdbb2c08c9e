/**
 * Bearer-token check for personal data, in constant time (both sides hashed first, so lengths leak nothing). The
 * demo's published token is accepted only in the demo (loopback upstream URLs: core/demo.ts).
 */
import { DEMO_API_TOKEN, isDemoUpstream, upstreamUrls } from "#core/demo.ts";

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

export function bearerToken(req: Request): string | undefined {
  const h = req.headers.get("authorization");
  const m = h === null ? null : /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m?.[1];
}

/** The API token the worker accepts: API_TOKEN, unless it is the demo token outside the demo. */
export function configuredToken(env: Env): string | undefined {
  const t = env.API_TOKEN;
  if (t === DEMO_API_TOKEN && !isDemoUpstream(upstreamUrls(env as unknown as Record<string, unknown>)))
    return undefined;
  return t;
}

/** True only when API_TOKEN is configured and the request carries exactly it. */
export async function authorized(req: Request, apiToken: string | undefined): Promise<boolean> {
  const given = bearerToken(req);
  if (apiToken === undefined || apiToken === "" || given === undefined) return false;
  const [a, b] = await Promise.all([digest(given), digest(apiToken)]);
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Short, non-reversible id of a token for cache keys: entries are never shared across tokens. */
export async function tokenTag(req: Request): Promise<string> {
  const bytes = await digest(`ace-cache|${bearerToken(req) ?? ""}`);
  return [...bytes.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

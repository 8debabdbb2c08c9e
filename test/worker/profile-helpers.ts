/** Helpers of the profile and Access tests (inside workerd): the identity environment and the sign-in walk. */
import { importJWK, type JWTPayload, SignJWT } from "jose";
import { inject } from "vitest";
import { defaultDeps, handle } from "../../worker/src/app.ts";
import { envFor, freshCache } from "./helpers.ts";

export const SESSION_KEY = "test-session-key-0123456789abcdef0123";
export const ACCESS_AUD = "test-access-aud-4714";

/** The worker's environment with the GitHub simulator's OAuth app, a session key and the Access team stand-in. */
export function identityEnv(overrides: Partial<Env> = {}): Env {
  const id = inject("identity");
  return envFor(undefined, {
    GITHUB_WEB_URL: id.githubUrl,
    GITHUB_API_URL: id.githubUrl,
    GITHUB_OAUTH_CLIENT_ID: id.oauthClientId,
    GITHUB_OAUTH_CLIENT_SECRET: id.oauthClientSecret,
    SESSION_KEY,
    ACCESS_TEAM_DOMAIN: id.accessUrl,
    ACCESS_AUD,
    ...overrides,
  });
}

export interface Client {
  readonly env: Env;
  readonly cache: Cache;
  now: number;
  readonly log: string[];
}

export async function client(env: Env = identityEnv()): Promise<Client> {
  return { env, cache: await freshCache(), now: Date.now(), log: [] };
}

/** One request to the handler with the client's clock, cache and log. */
export function send(c: Client, path: string, init: RequestInit = {}): Promise<Response> {
  return handle(new Request(`https://worker.test${path}`, init), c.env, {
    ...defaultDeps,
    now: () => c.now,
    cache: () => c.cache,
    log: (line) => c.log.push(line),
  });
}

/** `name=value` of a Set-Cookie header naming `name` ("" when cleared, undefined when absent). */
export function cookieFrom(res: Response, name: string): string | undefined {
  for (const line of res.headers.getSetCookie()) {
    const [pair = ""] = line.split(";");
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1);
  }
  return undefined;
}

export interface Walk {
  readonly signInCookie: string;
  /** the callback path GitHub (the simulator) redirected to */
  readonly callbackPath: string;
}

/** /auth/login?login=… → the simulator's authorize → the callback URL, without following it. */
export async function authorize(c: Client, login: string, query = ""): Promise<Walk> {
  const start = await send(c, `/auth/login?login=${encodeURIComponent(login)}${query}`);
  if (start.status !== 302) throw new Error(`login answered ${start.status}: ${await start.text()}`);
  const signInCookie = cookieFrom(start, "ace_signin") ?? "";
  const gh = await fetch(start.headers.get("location") ?? "", { redirect: "manual" });
  await gh.arrayBuffer();
  const back = new URL(gh.headers.get("location") ?? "");
  return { signInCookie, callbackPath: `${back.pathname}${back.search}` };
}

/** The whole sign-in: returns the callback's answer and the session cookie value it set. */
export async function signIn(c: Client, login: string): Promise<{ res: Response; session: string | undefined }> {
  const walk = await authorize(c, login);
  const res = await send(c, walk.callbackPath, { headers: { cookie: `ace_signin=${walk.signInCookie}` } });
  return { res, session: cookieFrom(res, "ace_session") };
}

export const withSession = (session: string, extra: Record<string, string> = {}): RequestInit => ({
  headers: { cookie: `ace_session=${session}`, ...extra },
});

export const STAFF_SUB = "7335d417-61da-459d-899c-0a01c76a2f94";

/** A Cf-Access-Jwt-Assertion signed with the stand-in team's key (or a stranger's), claims as Access sets them. */
export async function assertion(
  opts: { key?: "team" | "stranger"; aud?: string; iss?: string; expiresIn?: number; nowS?: number } = {},
): Promise<string> {
  const id = inject("identity");
  const jwk = JSON.parse(opts.key === "stranger" ? id.strangerKey : id.accessKey) as Parameters<typeof importJWK>[0];
  const key = await importJWK(jwk, "RS256");
  const now = opts.nowS ?? Math.floor(Date.now() / 1000);
  const claims: JWTPayload = { email: "staff@example.com", type: "app", identity_nonce: "n0nce" };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: "team-key-1" })
    .setIssuer(opts.iss ?? id.accessUrl)
    .setAudience(opts.aud ?? ACCESS_AUD)
    .setSubject(STAFF_SUB)
    .setIssuedAt(now)
    .setNotBefore(now)
    .setExpirationTime(now + (opts.expiresIn ?? 300))
    .sign(key);
}

export const staff = (jwt: string): RequestInit => ({ headers: { "cf-access-jwt-assertion": jwt } });

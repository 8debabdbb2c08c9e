/**
 * "Sign in with GitHub" on the worker's own origin: GitHub's OAuth web application flow with `state` and PKCE (S256)
 * (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps).
 *   GET  /auth/login[?login=…&next=/me]  → 302 to GitHub's authorize page (the `login` suggestion passed through)
 *   GET  /auth/callback?code&state        → state checked against the sign-in cookie, code exchanged with the PKCE
 *                                           verifier, GET /user, login mapped to a person, session cookie, 303 to next
 *   POST /auth/logout                     → the session revoked and its cookie cleared
 * Every refusal is a JSON problem (401/403); the GitHub token is used once and never stored or logged.
 */
import { problem } from "../http.ts";
import { isValidLogin } from "../login.ts";
import { page } from "../me.ts";
import { type Ctx, isPerson } from "../profile.ts";
import {
  clearCookie,
  cookie,
  issueSession,
  issueSignIn,
  randomToken,
  readSession,
  readSignIn,
  revocations,
  SESSION_COOKIE,
  SESSION_TTL_S,
  SIGNIN_COOKIE,
  SIGNIN_TTL_S,
  sameText,
} from "./session.ts";

/** Where a sign-in may lead: this worker's profile routes only (no open redirect). */
const NEXT = new Set(["/me", "/api/me/exams"]);

const notConfigured = (): Response => problem(503, "sign-in is not configured");

/** A cross-site request that is not a top-level navigation (a form post, fetch or frame from another site). */
export function crossSite(req: Request): boolean {
  const site = req.headers.get("sec-fetch-site");
  const mode = req.headers.get("sec-fetch-mode");
  const self = new URL(req.url).origin;
  const origin = req.headers.get("origin");
  if (origin !== null && origin !== self) {
    return !(req.method === "GET" && mode === "navigate");
  }
  if (site === "cross-site" || site === "same-site") return mode !== "navigate" || req.method !== "GET";
  return false;
}

async function challengeOf(verifier: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
  return btoa(String.fromCharCode(...digest))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

const redirectUri = (req: Request): string => `${new URL(req.url).origin}/auth/callback`;

export async function login(ctx: Ctx): Promise<Response> {
  const { identity, req } = ctx;
  if (identity.sessionKey === undefined || identity.clientId === "" || identity.clientSecret === "")
    return notConfigured();
  const q = new URL(req.url).searchParams;
  const suggested = q.get("login");
  if (suggested !== null && !isValidLogin(suggested)) return problem(400, "invalid GitHub login");
  const next = NEXT.has(q.get("next") ?? "") ? (q.get("next") ?? "/me") : "/me";
  const state = randomToken();
  const verifier = randomToken();
  const authorize = new URL(`${identity.webUrl}/login/oauth/authorize`);
  authorize.searchParams.set("client_id", identity.clientId);
  authorize.searchParams.set("redirect_uri", redirectUri(req));
  authorize.searchParams.set("scope", "");
  authorize.searchParams.set("state", state);
  authorize.searchParams.set("code_challenge", await challengeOf(verifier));
  authorize.searchParams.set("code_challenge_method", "S256");
  authorize.searchParams.set("allow_signup", "false");
  if (suggested !== null) authorize.searchParams.set("login", suggested);
  const signIn = await issueSignIn({ state, verifier, next }, identity.sessionKey, ctx.now());
  return new Response(null, {
    status: 302,
    headers: {
      location: authorize.toString(),
      "set-cookie": cookie(SIGNIN_COOKIE, signIn, SIGNIN_TTL_S, "/auth/"),
      "cache-control": "no-store",
    },
  });
}

interface TokenAnswer {
  readonly access_token?: unknown;
  readonly error?: unknown;
}

/** The code → token exchange and GET /user; undefined when GitHub refuses (bad, used or expired code). */
async function githubLogin(ctx: Ctx, code: string, verifier: string): Promise<string | undefined> {
  const { identity } = ctx;
  const signal = AbortSignal.timeout(Math.max(1000, ctx.config.timeoutMs));
  const exchange = await ctx.fetch(`${identity.webUrl}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json", "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: identity.clientId,
      client_secret: identity.clientSecret,
      code,
      redirect_uri: redirectUri(ctx.req),
      code_verifier: verifier,
    }).toString(),
    signal,
  });
  const answer = (await exchange.json().catch(() => ({}))) as TokenAnswer;
  if (!exchange.ok || typeof answer.access_token !== "string" || answer.error !== undefined) return undefined;
  const user = await ctx.fetch(`${identity.apiUrl}/user`, {
    headers: {
      accept: "application/vnd.github+json",
      authorization: `Bearer ${answer.access_token}`,
      "user-agent": "ace-data-worker",
      "x-github-api-version": "2022-11-28",
    },
    signal,
  });
  if (!user.ok) {
    await user.body?.cancel();
    return undefined;
  }
  const body = (await user.json().catch(() => ({}))) as { login?: unknown };
  return typeof body.login === "string" && isValidLogin(body.login) ? body.login.toLowerCase() : undefined;
}

export async function callback(ctx: Ctx): Promise<Response> {
  const { identity, req } = ctx;
  if (identity.sessionKey === undefined || identity.clientId === "") return notConfigured();
  const q = new URL(req.url).searchParams;
  const signIn = await readSignIn(req, identity.sessionKey, ctx.now());
  if (signIn === undefined) return problem(403, "sign-in expired or not started here: start again at /auth/login");
  const state = q.get("state") ?? "";
  if (!sameText(state, signIn.state)) return problem(403, "state mismatch: start again at /auth/login");
  const code = q.get("code");
  if (q.get("error") !== null || code === null || code === "")
    return problem(403, "GitHub did not authorize the sign-in");
  const login = await githubLogin(ctx, code, signIn.verifier).catch(() => undefined);
  if (login === undefined) return problem(403, "GitHub refused the sign-in code (used, expired or wrong)");
  if (!(await isPerson(ctx, login))) {
    return problem(403, "no ACE learner is linked to this GitHub account");
  }
  const session = await issueSession(login, identity.sessionKey, ctx.now());
  const headers = new Headers({ location: signIn.next, "cache-control": "no-store" });
  headers.append("set-cookie", cookie(SESSION_COOKIE, session, SESSION_TTL_S));
  headers.append("set-cookie", clearCookie(SIGNIN_COOKIE, "/auth/"));
  return new Response(null, { status: 303, headers });
}

export async function logout(ctx: Ctx): Promise<Response> {
  const { identity, req } = ctx;
  if (crossSite(req)) return problem(403, "cross-site request refused");
  const headers = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" };
  if (identity.sessionKey !== undefined) {
    const store = revocations(ctx.cacheDeps.cache, ctx.now);
    const s = await readSession(req, identity.sessionKey, ctx.now(), store.isRevoked);
    if (typeof s !== "string") await store.revoke(s.sid);
  }
  if ((req.headers.get("accept") ?? "").includes("text/html")) {
    // the /me page's sign-out form (no JavaScript): a page, not JSON
    const res = await page("Signed out", `<h1>Signed out</h1><p><a href="/auth/login">Sign in again</a></p>`);
    res.headers.set("set-cookie", clearCookie(SESSION_COOKIE));
    return res;
  }
  return new Response(JSON.stringify({ signed_out: true }), {
    status: 200,
    headers: { ...headers, "set-cookie": clearCookie(SESSION_COOKIE) },
  });
}

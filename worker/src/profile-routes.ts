/**
 * The personal routes: `/me` and `/api/me/exams` behind the learner's session cookie, and the staff route
 * `/api/users/{login}/exams` behind Cloudflare Access (the shared API_TOKEN only in the demo). Each staff read leaves
 * one structured JSON log line: who (the Access `sub`), whose (the login), when, source — never the content.
 * Authentication is middleware (`sessionAuth`, `staffAuth`: routes of app.ts); the handlers get who was let in.
 */
import { createMiddleware } from "hono/factory";
import { isDemoUpstream, upstreamUrls } from "#core/demo.ts";
import { verifyAccess } from "./auth/access.ts";
import { crossSite } from "./auth/oauth.ts";
import {
  clearCookie,
  dueForRotation,
  issueSession,
  readSession,
  revocations,
  SESSION_COOKIE,
  SESSION_TTL_S,
  type Session,
  cookie as setCookie,
} from "./auth/session.ts";
import { authorized, configuredToken, tokenTag } from "./auth.ts";
import type { AppEnv, Reader } from "./context.ts";
import { challenge, dataResponse, problem } from "./http.ts";
import { isValidLogin } from "./login.ts";
import { profileJson, profilePage } from "./me.ts";
import { type Ctx, personExams } from "./profile.ts";
import { CERTIFICATIONS } from "./vocab.ts";

/** The session of the request (and its rotated cookie, if due), or the refusal to answer. */
async function session(ctx: Ctx, page: boolean): Promise<{ s: Session; cookie?: string } | Response> {
  const { req, identity } = ctx;
  if (crossSite(req)) return problem(403, "cross-site request refused");
  if (identity.sessionKey === undefined) return problem(503, "sign-in is not configured");
  const store = revocations(ctx.cacheDeps.cache, ctx.now);
  const s = await readSession(req, identity.sessionKey, ctx.now(), store.isRevoked);
  if (s === "no session" && page) {
    return new Response(null, {
      status: 303,
      headers: { location: "/auth/login?next=/me", "cache-control": "no-store" },
    });
  }
  if (typeof s === "string") {
    const res = problem(401, s === "no session" ? "sign in first: /auth/login" : s);
    res.headers.set("www-authenticate", 'Cookie realm="ace", cookie="ace_session"');
    if (s !== "no session") res.headers.set("set-cookie", clearCookie(SESSION_COOKIE));
    return res;
  }
  if (!dueForRotation(s, ctx.now())) return { s };
  const fresh = await issueSession(s.login, identity.sessionKey, ctx.now(), s);
  return { s, cookie: setCookie(SESSION_COOKIE, fresh, SESSION_TTL_S) };
}

/**
 * Middleware of `/me` (`page`: no session → 303 to the sign-in) and `/api/me/exams` (no session → 401): the
 * learner's session as `c.var.session`, or the refusal; a cookie due for rotation is renewed on the answer.
 */
export function sessionAuth(page: boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const got = await session(c.var.ctx, page);
    if (got instanceof Response) return got;
    c.set("session", got.s);
    await next();
    if (got.cookie !== undefined) c.res.headers.append("set-cookie", got.cookie);
    return undefined;
  });
}

export async function mePage(ctx: Ctx, login: string): Promise<Response> {
  return profilePage(ctx, await personExams(ctx, login), Object.keys(CERTIFICATIONS));
}

export async function meExams(ctx: Ctx, login: string): Promise<Response> {
  return profileJson(await personExams(ctx, login), ctx.now());
}

/** The reader of a staff request: an Access identity, or (demo only) the shared API token; else the refusal. */
async function staffReader(ctx: Ctx): Promise<Reader | Response> {
  const { req, env } = ctx;
  const staff = await verifyAccess(req, ctx.identity, ctx.now());
  if (typeof staff !== "string") return { who: staff.sub, tag: "staff" };
  const demo = isDemoUpstream(upstreamUrls(env as unknown as Record<string, unknown>));
  if (staff === "no Access assertion" && demo && (await authorized(req, configuredToken(env)))) {
    return { who: "demo-api-token", tag: await tokenTag(req) };
  }
  const status = staff === "no Access assertion" ? 401 : 403;
  return challenge(status, status === 401 ? "unauthorized" : staff, { "cache-control": "no-store" });
}

/** Middleware of the staff route: the reader as `c.var.reader` (Access, or the token in the demo), or 401/403. */
export const staffAuth = createMiddleware<AppEnv>(async (c, next) => {
  const reader = await staffReader(c.var.ctx);
  if (reader instanceof Response) return reader;
  c.set("reader", reader);
  return next();
});

export async function staffExams(ctx: Ctx, reader: Reader, segment: string): Promise<Response> {
  if (!isValidLogin(segment)) return problem(400, "invalid GitHub login");
  const login = segment.toLowerCase();
  const outcome = await personExams(ctx, login, reader.tag);
  ctx.log(
    JSON.stringify({
      event: "profile-read",
      who: reader.who,
      whose: login,
      at: new Date(ctx.now()).toISOString(),
      source: outcome.source,
    }),
  );
  return dataResponse(outcome, { personal: true, now: ctx.now() });
}

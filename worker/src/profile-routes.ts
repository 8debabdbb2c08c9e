/**
 * The personal routes: `/me` and `/api/me/exams` behind the learner's session cookie, and the staff route
 * `/api/users/{login}/exams` behind Cloudflare Access (the shared API_TOKEN only in the demo). Each staff read leaves
 * one structured JSON log line: who (the Access `sub`), whose (the login), when, source — never the content.
 */
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
import { dataResponse, problem } from "./http.ts";
import { isValidLogin } from "./login.ts";
import { profileJson, profilePage } from "./me.ts";
import { type Ctx, personExams } from "./profile.ts";
import { CERTIFICATIONS } from "./vocab.ts";

/** The session of the request (and its rotated cookie, if due), or the refusal to answer. */
async function session(ctx: Ctx, page: boolean): Promise<{ s: Session; cookie?: string } | Response> {
  const { req, identity } = ctx;
  if (crossSite(req)) return problem(req, 403, "cross-site request refused", {});
  if (identity.sessionKey === undefined) return problem(req, 503, "sign-in is not configured", {});
  const store = revocations(ctx.cacheDeps.cache, ctx.now);
  const s = await readSession(req, identity.sessionKey, ctx.now(), store.isRevoked);
  if (s === "no session" && page) {
    return new Response(null, {
      status: 303,
      headers: { location: "/auth/login?next=/me", "cache-control": "no-store" },
    });
  }
  if (typeof s === "string") {
    const res = problem(req, 401, s === "no session" ? "sign in first: /auth/login" : s, {});
    res.headers.set("www-authenticate", 'Cookie realm="ace", cookie="ace_session"');
    if (s !== "no session") res.headers.set("set-cookie", clearCookie(SESSION_COOKIE));
    return res;
  }
  if (!dueForRotation(s, ctx.now())) return { s };
  const fresh = await issueSession(s.login, identity.sessionKey, ctx.now(), s);
  return { s, cookie: setCookie(SESSION_COOKIE, fresh, SESSION_TTL_S) };
}

function withCookie(res: Response, cookie: string | undefined): Response {
  if (cookie !== undefined) res.headers.append("set-cookie", cookie);
  return res;
}

export async function mePage(ctx: Ctx): Promise<Response> {
  const got = await session(ctx, true);
  if (got instanceof Response) return got;
  const outcome = await personExams(ctx, got.s.login);
  return withCookie(await profilePage(ctx, outcome, Object.keys(CERTIFICATIONS)), got.cookie);
}

export async function meExams(ctx: Ctx): Promise<Response> {
  const got = await session(ctx, false);
  if (got instanceof Response) return got;
  const outcome = await personExams(ctx, got.s.login);
  const res = await profileJson(ctx, outcome);
  return withCookie(new Response(res.body, res), got.cookie);
}

/** The reader of a staff request: an Access identity, or (demo only) the shared API token; else the refusal. */
async function staffReader(ctx: Ctx): Promise<{ who: string; tag: string } | Response> {
  const { req, env } = ctx;
  const staff = await verifyAccess(req, ctx.identity, ctx.now());
  if (typeof staff !== "string") return { who: staff.sub, tag: "staff" };
  const demo = isDemoUpstream(upstreamUrls(env as unknown as Record<string, unknown>));
  if (staff === "no Access assertion" && demo && (await authorized(req, configuredToken(env)))) {
    return { who: "demo-api-token", tag: await tokenTag(req) };
  }
  const status = staff === "no Access assertion" ? 401 : 403;
  return new Response(JSON.stringify({ error: status === 401 ? "unauthorized" : staff, status }), {
    status,
    headers: {
      "content-type": "application/json",
      "cache-control": "no-store",
      "www-authenticate": 'Bearer realm="ace"',
      ...ctx.cors,
    },
  });
}

export async function staffExams(ctx: Ctx, segment: string): Promise<Response> {
  const reader = await staffReader(ctx);
  if (reader instanceof Response) return reader;
  if (!isValidLogin(segment)) return problem(ctx.req, 400, "invalid GitHub login", ctx.cors);
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
  return dataResponse(ctx.req, outcome, { personal: true, now: ctx.now(), cors: ctx.cors });
}

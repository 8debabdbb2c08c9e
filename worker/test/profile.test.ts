/**
 * "Sign in with GitHub" and the learner's own profile, end to end against the GitHub simulator's OAuth flow and the
 * Kusto simulator, inside workerd — and the attacks on it, each refused with a 401/403 JSON problem.
 */
import { SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import type { PublicExam } from "../src/exams.ts";
import {
  authorize,
  client,
  cookieFrom,
  identityEnv,
  SESSION_KEY,
  send,
  signIn,
  withSession,
} from "./profile-helpers.ts";

interface ExamsBody {
  login: string;
  exams: PublicExam[];
}

async function problemOf(res: Response): Promise<{ error: string; status: number }> {
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as { error: string; status: number };
}

describe("sign-in and /me", () => {
  it("signs in through GitHub's web flow (state, PKCE) and shows the learner's own exams", async () => {
    const c = await client();
    const login = inject("pearsonLogin");
    const walk = await authorize(c, login);
    expect(walk.callbackPath).toMatch(/^\/auth\/callback\?code=[0-9a-f]+&state=/);
    const { res, session } = await signIn(c, login);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/me");
    const set = res.headers.getSetCookie().find((l) => l.startsWith("ace_session=")) ?? "";
    for (const attr of ["HttpOnly", "Secure", "SameSite=Lax", "Path=/", "Max-Age=1800"]) expect(set).toContain(attr);
    expect(cookieFrom(res, "ace_signin")).toBe("");

    const page = await send(c, "/me", withSession(session ?? ""));
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await page.text();
    expect(html).toContain(`@${login.toLowerCase()}`);
    expect(html).toContain("Live from Kusto");
    expect(html).toContain("Learning journey");
    expect(html).not.toContain("<script");

    const api = await send(c, "/api/me/exams", withSession(session ?? ""));
    expect(api.status).toBe(200);
    expect(api.headers.get("cache-control")).toBe("no-store");
    expect(api.headers.get("access-control-allow-origin")).toBeNull();
    const body = (await api.json()) as ExamsBody;
    expect(body.login).toBe(login.toLowerCase());
    expect(body.exams.length).toBeGreaterThan(0);
    for (const e of body.exams) expect(html).toContain(e.exam_ref);
  });

  it("with Kusto down answers the committed rows (the same as live) within the deadline", async () => {
    const login = inject("legacyLogin");
    const live = await client();
    const { session } = await signIn(live, login);
    const liveRows = (await (await send(live, "/api/me/exams", withSession(session ?? ""))).json()) as ExamsBody;
    const down = await client(
      identityEnv({ KUSTO_CSE_URL: "http://127.0.0.1:9", KUSTO_GH_URL: "http://127.0.0.1:9", KUSTO_TIMEOUT_MS: "800" }),
    );
    const started = Date.now();
    const res = await send(down, "/api/me/exams", withSession(session ?? ""));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.headers.get("x-data-source")).toBe("csv-fallback");
    expect(((await res.json()) as ExamsBody).exams).toEqual(liveRows.exams);
    const page = await (await send(down, "/me", withSession(session ?? ""))).text();
    expect(page).toContain("From the nightly data of");
  });

  it("without a session: /me redirects to sign-in, /api/me/exams is 401", async () => {
    const c = await client();
    const page = await send(c, "/me");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/auth/login?next=/me");
    const api = await send(c, "/api/me/exams");
    expect(api.status).toBe(401);
    expect((await problemOf(api)).status).toBe(401);
  });

  it("rotates a session cookie older than 5 minutes, keeping the sign-in", async () => {
    const c = await client();
    const { session } = await signIn(c, inject("pearsonLogin"));
    c.now += 6 * 60_000;
    const res = await send(c, "/api/me/exams", withSession(session ?? ""));
    expect(res.status).toBe(200);
    const rotated = cookieFrom(res, "ace_session");
    expect(rotated).toBeDefined();
    expect(rotated).not.toBe(session);
    await res.arrayBuffer();
  });

  it("one person's cached answer is never served to another", async () => {
    const c = await client();
    const a = await signIn(c, inject("pearsonLogin"));
    const b = await signIn(c, inject("legacyLogin"));
    const first = (await (await send(c, "/api/me/exams", withSession(a.session ?? ""))).json()) as ExamsBody;
    const res = await send(c, "/api/me/exams", withSession(b.session ?? ""));
    expect(res.headers.get("x-cache")).toBe("MISS");
    const second = (await res.json()) as ExamsBody;
    expect(first.login).toBe(inject("pearsonLogin").toLowerCase());
    expect(second.login).toBe(inject("legacyLogin").toLowerCase());
    expect(second.exams).not.toEqual(first.exams);
  });
});

describe("attacks on the session and the sign-in", () => {
  it("forged, tampered, expired and replayed cookies → 401", async () => {
    const c = await client();
    const login = inject("pearsonLogin");
    const { session = "" } = await signIn(c, login);
    const forged = await new SignJWT({ sid: "x", auth_time: Math.floor(c.now / 1000) })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(inject("legacyLogin"))
      .setIssuer("ace-data-worker")
      .setAudience("ace-session")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(new TextEncoder().encode("not-the-worker-key-0123456789abcdef"));
    const [h, p, s] = session.split(".");
    const other = JSON.parse(atob((p ?? "").replace(/-/g, "+").replace(/_/g, "/"))) as Record<string, unknown>;
    const tamperedPayload = btoa(JSON.stringify({ ...other, sub: inject("legacyLogin") }))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    for (const [what, cookie] of [
      ["forged", forged],
      ["tampered", `${h}.${tamperedPayload}.${s}`],
      ["garbage", "not-a-jwt"],
    ] as const) {
      const res = await send(c, "/api/me/exams", withSession(cookie));
      expect(res.status, what).toBe(401);
      expect((await problemOf(res)).error, what).toBe("invalid session");
      expect(cookieFrom(res, "ace_session"), what).toBe("");
    }
    const later = await client(c.env);
    later.now = c.now + 31 * 60_000;
    const expired = await send(later, "/me", withSession(session));
    expect(expired.status).toBe(401);
    expect((await problemOf(expired)).error).toBe("session expired");

    const out = await send(c, "/auth/logout", {
      method: "POST",
      headers: { cookie: `ace_session=${session}`, accept: "text/html", origin: "https://worker.test" },
    });
    expect(out.status).toBe(200);
    expect(cookieFrom(out, "ace_session")).toBe("");
    expect(await out.text()).toContain("Signed out");
    const replayed = await send(c, "/api/me/exams", withSession(session));
    expect(replayed.status).toBe(401);
    expect((await problemOf(replayed)).error).toBe("session signed out");
  });

  it("a state mismatch, a missing sign-in cookie and a code used twice → 403", async () => {
    const c = await client();
    const walk = await authorize(c, inject("pearsonLogin"));
    const wrongState = walk.callbackPath.replace(/state=[^&]+/, "state=attacker");
    const mismatch = await send(c, wrongState, { headers: { cookie: `ace_signin=${walk.signInCookie}` } });
    expect(mismatch.status).toBe(403);
    expect((await problemOf(mismatch)).error).toMatch(/^state mismatch/);
    const noCookie = await send(c, walk.callbackPath);
    expect(noCookie.status).toBe(403);
    await noCookie.arrayBuffer();

    const ok = await send(c, walk.callbackPath, { headers: { cookie: `ace_signin=${walk.signInCookie}` } });
    expect(ok.status).toBe(303);
    const again = await send(c, walk.callbackPath, { headers: { cookie: `ace_signin=${walk.signInCookie}` } });
    expect(again.status).toBe(403);
    expect((await problemOf(again)).error).toMatch(/refused the sign-in code/);
  });

  it("a GitHub account with no ACE learner behind it → 403, no session", async () => {
    const c = await client();
    const { res, session } = await signIn(c, "nobody-at-all-4711");
    expect(res.status).toBe(403);
    expect(session).toBeUndefined();
    expect((await problemOf(res)).error).toMatch(/no ACE learner/);
  });

  it("cross-site requests with a valid cookie → 403", async () => {
    const c = await client();
    const { session = "" } = await signIn(c, inject("pearsonLogin"));
    const fromEvil = await send(c, "/api/me/exams", withSession(session, { origin: "https://evil.example" }));
    expect(fromEvil.status).toBe(403);
    expect((await problemOf(fromEvil)).error).toBe("cross-site request refused");
    const framed = await send(
      c,
      "/me",
      withSession(session, { "sec-fetch-site": "cross-site", "sec-fetch-mode": "nested-navigate" }),
    );
    expect(framed.status).toBe(403);
    await framed.arrayBuffer();
    const logoutCsrf = await send(c, "/auth/logout", {
      method: "POST",
      ...withSession(session, { origin: "https://evil.example" }),
    });
    expect(logoutCsrf.status).toBe(403);
    await logoutCsrf.arrayBuffer();
    // a link from the dashboard (top-level navigation) is welcome
    const link = await send(
      c,
      "/me",
      withSession(session, { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" }),
    );
    expect(link.status).toBe(200);
    await link.arrayBuffer();
  });

  it("sign-in only goes back to this worker's profile routes; no key → 503", async () => {
    const c = await client();
    const res = await send(c, "/auth/login?next=https://evil.example/");
    expect(res.status).toBe(302);
    await res.arrayBuffer();
    const bad = await send(c, "/auth/login?login=bad--login");
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
    const unconfigured = await client(
      identityEnv({ SESSION_KEY: "short", KUSTO_CSE_URL: "https://x.kusto.windows.net" }),
    );
    const off = await send(unconfigured, "/auth/login");
    expect(off.status).toBe(503);
    await off.arrayBuffer();
    expect(SESSION_KEY.length).toBeGreaterThanOrEqual(32);
  });
});

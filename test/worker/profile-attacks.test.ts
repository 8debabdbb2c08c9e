/**
 * Attacks on "Sign in with GitHub" and the learner's session, inside workerd against the GitHub simulator's OAuth
 * flow: each refused with a 401/403 JSON problem (run by `npm run test:security` too).
 */
import { SignJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
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

async function problemOf(res: Response): Promise<{ error: string; status: number }> {
  expect(res.headers.get("content-type")).toContain("application/json");
  expect(res.headers.get("cache-control")).toBe("no-store");
  return (await res.json()) as { error: string; status: number };
}

describe("attacks on the session and the sign-in", () => {
  it("attack: forged, tampered, expired and replayed cookies → 401", async () => {
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

  it("attack: a state mismatch, a missing sign-in cookie and a code used twice → 403", async () => {
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

  it("attack: a GitHub account with no ACE learner behind it → 403, no session", async () => {
    const c = await client();
    const { res, session } = await signIn(c, "nobody-at-all-4711");
    expect(res.status).toBe(403);
    expect(session).toBeUndefined();
    expect((await problemOf(res)).error).toMatch(/no ACE learner/);
  });

  it("attack: cross-site requests with a valid cookie → 403", async () => {
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

  it("attack: an open redirect through next=, a bad login, a missing key → refused", async () => {
    const c = await client();
    const walk = await authorize(c, inject("pearsonLogin"), "&next=https%3A%2F%2Fevil.example%2F");
    const res = await send(c, walk.callbackPath, { headers: { cookie: `ace_signin=${walk.signInCookie}` } });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/me");
    const bad = await send(c, "/auth/login?login=bad--login");
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();
    const deployed = { KUSTO_CSE_URL: "https://x.kusto.windows.net" };
    for (const key of ["short", "ace-demo-session-key-not-secret-0123456789"]) {
      const off = await send(await client(identityEnv({ SESSION_KEY: key, ...deployed })), "/auth/login");
      expect(off.status, key).toBe(503);
      await off.arrayBuffer();
    }
    expect(SESSION_KEY.length).toBeGreaterThanOrEqual(32);
  });
});

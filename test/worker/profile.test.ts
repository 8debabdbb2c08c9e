import { describe, expect, inject, it } from "vitest";
import type { PublicExam } from "../../worker/src/exams.ts";
import { authorize, client, cookieFrom, identityEnv, send, signIn, withSession } from "./profile-helpers.ts";

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

/**
 * Staff reads of `/api/users/{login}/exams` through Cloudflare Access: the `Cf-Access-Jwt-Assertion` verified against
 * the team's keys (a stand-in team on 127.0.0.1 serving /cdn-cgi/access/certs), one structured log line per read.
 */
import { importJWK, type JWTPayload, SignJWT, UnsecuredJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { ACCESS_AUD, client, identityEnv, send } from "./profile-helpers.ts";

const STAFF_SUB = "7335d417-61da-459d-899c-0a01c76a2f94";

async function assertion(
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

const staff = (jwt: string): RequestInit => ({ headers: { "cf-access-jwt-assertion": jwt } });

describe("staff reads through Cloudflare Access", () => {
  it("a valid assertion reads a profile and leaves one structured log line without the content", async () => {
    const c = await client();
    const login = inject("pearsonLogin");
    const res = await send(c, `/api/users/${login}/exams`, staff(await assertion()));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { login: string; exams: { exam_ref: string; certification: string }[] };
    expect(body.exams.length).toBeGreaterThan(0);
    const reads = c.log.filter((l) => l.startsWith("{"));
    expect(reads).toHaveLength(1);
    const line = JSON.parse(reads[0] ?? "{}") as Record<string, unknown>;
    expect(line).toEqual({
      event: "profile-read",
      who: STAFF_SUB,
      whose: login.toLowerCase(),
      at: new Date(c.now).toISOString(),
      source: "kusto",
    });
    expect(reads[0]).not.toContain("@");
    for (const e of body.exams) expect(reads[0]).not.toContain(e.exam_ref);
  });

  it("wrong audience, wrong key, wrong issuer, alg none and expired assertions → 403; none → 401", async () => {
    const c = await client();
    const path = `/api/users/${inject("pearsonLogin")}/exams`;
    const past = Math.floor(Date.now() / 1000) - 3600;
    const none = new UnsecuredJWT({ email: "staff@example.com" })
      .setIssuer(inject("identity").accessUrl)
      .setAudience(ACCESS_AUD)
      .setSubject(STAFF_SUB)
      .setIssuedAt()
      .setExpirationTime("5m")
      .encode();
    const cases: [string, string][] = [
      ["wrong audience", await assertion({ aud: "another-application" })],
      ["wrong key", await assertion({ key: "stranger" })],
      ["wrong issuer", await assertion({ iss: "https://other-team.cloudflareaccess.com" })],
      ["alg none", none],
      ["expired", await assertion({ nowS: past, expiresIn: 300 })],
      ["garbage", "eyJhbGciOi.not.a-jwt"],
    ];
    for (const [what, jwt] of cases) {
      const res = await send(c, path, staff(jwt));
      expect(res.status, what).toBe(403);
      expect((await res.json()) as unknown, what).toEqual({ error: "invalid Access assertion", status: 403 });
    }
    const anonymous = await send(c, path);
    expect(anonymous.status).toBe(401);
    await anonymous.arrayBuffer();
    expect(c.log.filter((l) => l.startsWith("{"))).toEqual([]);
  });

  it("Access not configured refuses every assertion; the API token works only in the demo", async () => {
    const unset = await client(identityEnv({ ACCESS_AUD: "" }));
    const path = `/api/users/${inject("pearsonLogin")}/exams`;
    const res = await send(unset, path, staff(await assertion()));
    expect(res.status).toBe(403);
    await res.arrayBuffer();
    const deployed = await client(
      identityEnv({
        API_TOKEN: "a-real-deployment-token-0123456789",
        KUSTO_CSE_URL: "https://cse-analytics.westeurope.kusto.windows.net",
        KUSTO_GH_URL: "https://gh-analytics.westeurope.kusto.windows.net",
        GITHUB_API_URL: "https://api.github.com",
      }),
    );
    const token = await send(deployed, path, {
      headers: { authorization: "Bearer a-real-deployment-token-0123456789" },
    });
    expect(token.status).toBe(401);
    await token.arrayBuffer();
  });
});

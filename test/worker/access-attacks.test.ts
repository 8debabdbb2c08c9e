/**
 * Attacks on the staff route: forged, misdirected, unsigned and expired Cloudflare Access assertions, and the shared
 * API token outside the demo — each refused (run by `npm run test:security` too).
 */
import { UnsecuredJWT } from "jose";
import { describe, expect, inject, it } from "vitest";
import { ACCESS_AUD, assertion, client, identityEnv, STAFF_SUB, send, staff } from "./profile-helpers.ts";

describe("attacks on the staff route", () => {
  it("attack: wrong audience, wrong key, wrong issuer, alg none and expired assertions → 403; none → 401", async () => {
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

  it("attack: Access not configured refuses every assertion; the API token works only in the demo", async () => {
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

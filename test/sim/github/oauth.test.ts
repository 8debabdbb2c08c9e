/** The simulator's OAuth web application flow: authorize → code (single use, PKCE S256) → token → GET /user. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_OAUTH_CLIENT_ID as ID, DEMO_OAUTH_CLIENT_SECRET as SECRET } from "../../../sim/github/oauth.ts";
import { start } from "../../../sim/github/server.ts";
import type { GitHubSim } from "../../../sim/github/types.ts";
import { createFixture } from "../../harness/sim-github/fixture.ts";

let sim: GitHubSim;
beforeAll(async () => {
  sim = await start({ world: createFixture() });
});
afterAll(async () => {
  await sim.close();
});

const VERIFIER = "a-verifier-of-at-least-43-characters-0123456789";
const CHALLENGE = createHash("sha256").update(VERIFIER).digest("base64url");
const REDIRECT = "http://127.0.0.1:9/auth/callback";

async function authorize(login: string, extra: Record<string, string> = {}): Promise<URL> {
  const q = new URLSearchParams({ client_id: ID, redirect_uri: REDIRECT, state: "st4te", login, ...extra });
  const res = await fetch(`${sim.url}/login/oauth/authorize?${q}`, { redirect: "manual" });
  expect(res.status).toBe(302);
  return new URL(res.headers.get("location") ?? "");
}

function exchange(code: string, verifier: string, accept = "application/json"): Promise<Response> {
  return fetch(`${sim.url}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      client_id: ID,
      client_secret: SECRET,
      code,
      redirect_uri: REDIRECT,
      code_verifier: verifier,
    }),
  });
}

describe("GitHub simulator: OAuth web flow", () => {
  it("approves as the `login` account, exchanges the code once (PKCE verified), and GET /user names the account", async () => {
    const back = await authorize("Mona-Lisa", { code_challenge: CHALLENGE, code_challenge_method: "S256" });
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("st4te");
    const code = back.searchParams.get("code") ?? "";
    const token = (await (await exchange(code, VERIFIER)).json()) as { access_token: string; token_type: string };
    expect(token.token_type).toBe("bearer");
    expect(token.access_token).toMatch(/^gho_/);
    const user = await fetch(`${sim.url}/user`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(user.status).toBe(200);
    expect(await user.json()).toMatchObject({ login: "Mona-Lisa", type: "User" });
    const again = (await (await exchange(code, VERIFIER)).json()) as { error: string };
    expect(again.error).toBe("bad_verification_code");
  });

  it("refuses a wrong PKCE verifier, wrong client secret, and answers form-encoded without Accept: json", async () => {
    const code =
      (await authorize("octocat", { code_challenge: CHALLENGE, code_challenge_method: "S256" })).searchParams.get(
        "code",
      ) ?? "";
    expect(((await (await exchange(code, "another-verifier")).json()) as { error: string }).error).toBe(
      "bad_verification_code",
    );
    const bad = await fetch(`${sim.url}/login/oauth/access_token`, {
      method: "POST",
      headers: { accept: "application/json" },
      body: new URLSearchParams({ client_id: ID, client_secret: "wrong", code: "x" }),
    });
    expect(((await bad.json()) as { error: string }).error).toBe("incorrect_client_credentials");
    const plain = (await authorize("octocat")).searchParams.get("code") ?? "";
    const form = await exchange(plain, "", "*/*");
    expect(form.headers.get("content-type")).toContain("application/x-www-form-urlencoded");
    expect(new URLSearchParams(await form.text()).get("token_type")).toBe("bearer");
    const unknown = await fetch(`${sim.url}/user`, { headers: { authorization: "Bearer gho_unknown" } });
    expect(unknown.status).toBe(401);
    await unknown.arrayBuffer();
  });
});

/**
 * GitHub's OAuth web application flow, as the loopback simulator serves it (docs: "Authorizing OAuth apps",
 * https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps, and "Troubleshooting OAuth
 * app access token request errors"):
 *   GET  /login/oauth/authorize     approves at once as the account named by `login` (GitHub's own parameter for
 *                                   suggesting an account), redirecting to `redirect_uri` with `code` and `state`
 *   POST /login/oauth/access_token  form or JSON body; `code` single-use, 10 minutes, PKCE (`S256`) verified;
 *                                   `Accept: application/json` → JSON, else form-encoded; errors are 200 + `error`
 *   GET  /user                      the signed-in account for a token this module issued
 * No browser, no consent screen: tests and the demo sign in with plain HTTP requests.
 */
import { createHash, randomBytes } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { Reply } from "./errors.ts";
import { userId } from "./shapes.ts";

/** The demo's OAuth app (documented, not secret; only ever valid against this simulator). */
export const DEMO_OAUTH_CLIENT_ID = "Iv1.acedemo0000000001";
export const DEMO_OAUTH_CLIENT_SECRET = "ace-demo-oauth-secret-not-secret";

const CODE_TTL_MS = 10 * 60_000;
const TROUBLE =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

interface Grant {
  readonly login: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly challenge: string | undefined;
  readonly issuedAt: number;
}

export interface OAuthReply extends Reply {
  /** request-log route name */
  readonly route: string;
}

export interface OAuthSim {
  /** The answer for an OAuth or `/user` request, or undefined when the request is not one (the REST routes go on). */
  handle(method: string, url: URL, body: string, headers: IncomingHttpHeaders): OAuthReply | undefined;
}

const b64url = (buf: Buffer): string => buf.toString("base64url");

function params(body: string, contentType: string | undefined): URLSearchParams {
  if ((contentType ?? "").includes("application/json")) {
    try {
      const parsed = JSON.parse(body) as unknown;
      if (typeof parsed === "object" && parsed !== null) {
        return new URLSearchParams(
          Object.entries(parsed).map(([k, v]): [string, string] => [k, typeof v === "string" ? v : String(v)]),
        );
      }
    } catch {
      return new URLSearchParams();
    }
  }
  return new URLSearchParams(body);
}

function tokenReply(headers: IncomingHttpHeaders, fields: Record<string, string>): OAuthReply {
  const route = "github:oauth-token";
  if ((headers.accept ?? "").includes("application/json")) return { route, status: 200, body: fields };
  return {
    route,
    status: 200,
    raw: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
  };
}

const tokenError = (headers: IncomingHttpHeaders, error: string, description: string, anchor: string): OAuthReply =>
  tokenReply(headers, { error, error_description: description, error_uri: `${TROUBLE}#${anchor}` });

export function oauthSim(
  clients: Readonly<Record<string, string>> = {
    [DEMO_OAUTH_CLIENT_ID]: DEMO_OAUTH_CLIENT_SECRET,
  },
): OAuthSim {
  const codes = new Map<string, Grant>();
  const tokens = new Map<string, string>();

  function authorize(url: URL): OAuthReply {
    const route = "github:oauth-authorize";
    const q = url.searchParams;
    const clientId = q.get("client_id") ?? "";
    const redirect = q.get("redirect_uri") ?? "";
    const login = q.get("login") ?? "";
    const method = q.get("code_challenge_method");
    if (!(clientId in clients)) return { route, status: 404, raw: "Not Found" };
    let target: URL;
    try {
      target = new URL(redirect);
    } catch {
      return {
        route,
        status: 400,
        raw: "The redirect_uri MUST match the registered callback URL for this application.",
      };
    }
    const challenge = q.get("code_challenge") ?? undefined;
    if (challenge !== undefined && method !== "S256") {
      target.searchParams.set("error", "invalid_request");
      target.searchParams.set("error_description", "code_challenge_method must be S256");
    } else if (!LOGIN.test(login)) {
      // the real site would show its sign-in form; the simulator has no one to sign in as
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "The user has denied your application access.");
    } else {
      const code = randomBytes(10).toString("hex");
      codes.set(code, { login, clientId, redirectUri: redirect, challenge, issuedAt: Date.now() });
      target.searchParams.set("code", code);
    }
    const state = q.get("state");
    if (state !== null) target.searchParams.set("state", state);
    return { route, status: 302, headers: { location: target.toString() } };
  }

  function exchange(body: string, headers: IncomingHttpHeaders): OAuthReply {
    const p = params(body, headers["content-type"]);
    const clientId = p.get("client_id") ?? "";
    if (clients[clientId] === undefined || clients[clientId] !== p.get("client_secret")) {
      return tokenError(
        headers,
        "incorrect_client_credentials",
        "The client_id and/or client_secret passed are incorrect.",
        "incorrect-client-credentials",
      );
    }
    const code = p.get("code") ?? "";
    const grant = codes.get(code);
    codes.delete(code); // single use, whatever happens next
    const expired = grant === undefined || Date.now() - grant.issuedAt > CODE_TTL_MS || grant.clientId !== clientId;
    if (grant === undefined || expired) {
      return tokenError(
        headers,
        "bad_verification_code",
        "The code passed is incorrect or expired.",
        "bad-verification-code",
      );
    }
    const redirect = p.get("redirect_uri");
    if (redirect !== null && redirect !== grant.redirectUri) {
      return tokenError(
        headers,
        "redirect_uri_mismatch",
        "The redirect_uri MUST match the registered callback URL for this application.",
        "redirect-uri-mismatch",
      );
    }
    if (grant.challenge !== undefined) {
      const verifier = p.get("code_verifier") ?? "";
      if (b64url(createHash("sha256").update(verifier).digest()) !== grant.challenge) {
        return tokenError(
          headers,
          "bad_verification_code",
          "The code passed is incorrect or expired.",
          "bad-verification-code",
        );
      }
    }
    const token = `gho_${randomBytes(18).toString("base64url").replace(/[-_]/g, "0")}`;
    tokens.set(token, grant.login);
    return tokenReply(headers, { access_token: token, token_type: "bearer", scope: "" });
  }

  function user(headers: IncomingHttpHeaders): OAuthReply | undefined {
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(headers.authorization ?? "");
    const login = m?.[1] === undefined ? undefined : tokens.get(m[1]);
    if (login === undefined) return undefined;
    const id = userId(login);
    return {
      route: "github:user",
      status: 200,
      body: {
        login,
        id,
        node_id: `U_${Buffer.from(String(id)).toString("base64url")}`,
        avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
        html_url: `https://github.com/${login}`,
        type: "User",
        site_admin: false,
        name: null,
      },
    };
  }

  return {
    handle(method, url, body, headers) {
      if (url.pathname === "/login/oauth/authorize" && method === "GET") return authorize(url);
      if (url.pathname === "/login/oauth/access_token" && method === "POST") return exchange(body, headers);
      if (url.pathname === "/user" && method === "GET") return user(headers);
      return undefined;
    },
  };
}

/**
 * The learner's session: a cookie holding an HS256 JWT (jose) signed with SESSION_KEY — `sub` the GitHub login,
 * `sid` the sign-in it belongs to, `auth_time` when that sign-in happened. HttpOnly, Secure, SameSite=Lax, 30
 * minutes; a request with a cookie older than 5 minutes gets a fresh one (rotation), and no session outlives 8 hours
 * from its sign-in. Sign-out revokes the `sid` (per isolate and in the Cache API), so a replayed cookie is refused.
 *
 * The sign-in cookie carries the OAuth `state`, the PKCE verifier and where to go next, signed the same way, for 10
 * minutes, on `/auth/` only.
 */
import { errors, jwtVerify, SignJWT } from "jose";

export const SESSION_COOKIE = "ace_session";
export const SIGNIN_COOKIE = "ace_signin";
export const SESSION_TTL_S = 30 * 60;
export const ROTATE_AFTER_S = 5 * 60;
export const SESSION_MAX_S = 8 * 3600;
export const SIGNIN_TTL_S = 10 * 60;

const ISSUER = "ace-data-worker";
const SESSION_AUD = "ace-session";
const SIGNIN_AUD = "ace-signin";

export interface Session {
  readonly login: string;
  readonly sid: string;
  /** seconds: this cookie's issue time, and the sign-in's */
  readonly iat: number;
  readonly authTime: number;
}

export interface SignIn {
  readonly state: string;
  readonly verifier: string;
  readonly next: string;
}

/** Why a cookie was refused (the 401 problem says it). */
export type Refusal = "no session" | "session expired" | "invalid session" | "session signed out";

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

export function cookie(name: string, value: string, maxAge: number, path = "/"): string {
  return `${name}=${value}; Path=${path}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Lax`;
}

export const clearCookie = (name: string, path = "/"): string => cookie(name, "", 0, path);

/** 32 random bytes, base64url (state, PKCE verifier, session ids). */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

/** A session cookie's value for `login` (a new sign-in, or a rotation of `previous`). */
export function issueSession(login: string, key: Uint8Array, nowMs: number, previous?: Session): Promise<string> {
  const now = seconds(nowMs);
  const authTime = previous?.authTime ?? now;
  const exp = Math.min(now + SESSION_TTL_S, authTime + SESSION_MAX_S);
  return new SignJWT({ sid: previous?.sid ?? randomToken(), auth_time: authTime })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(login)
    .setIssuer(ISSUER)
    .setAudience(SESSION_AUD)
    .setIssuedAt(now)
    .setExpirationTime(exp)
    .sign(key);
}

/** The session of a request, or why there is none. Signature, issuer, audience, expiry and revocation are checked. */
export async function readSession(
  req: Request,
  key: Uint8Array,
  nowMs: number,
  revoked: (sid: string) => Promise<boolean>,
): Promise<Session | Refusal> {
  const token = readCookie(req, SESSION_COOKIE);
  if (token === undefined || token === "") return "no session";
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: SESSION_AUD,
      currentDate: new Date(nowMs),
      requiredClaims: ["sub", "sid", "iat", "exp", "auth_time"],
    });
    const { sub, sid, iat, auth_time: authTime } = payload;
    if (typeof sub !== "string" || typeof sid !== "string" || typeof iat !== "number" || typeof authTime !== "number")
      return "invalid session";
    if (iat > seconds(nowMs) + 60) return "invalid session";
    if (await revoked(sid)) return "session signed out";
    return { login: sub, sid, iat, authTime };
  } catch (e) {
    return e instanceof errors.JWTExpired ? "session expired" : "invalid session";
  }
}

/** Whether a session cookie is due for rotation. */
export const dueForRotation = (s: Session, nowMs: number): boolean => seconds(nowMs) - s.iat >= ROTATE_AFTER_S;

export function issueSignIn(s: SignIn, key: Uint8Array, nowMs: number): Promise<string> {
  return new SignJWT({ state: s.state, verifier: s.verifier, next: s.next })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(SIGNIN_AUD)
    .setIssuedAt(seconds(nowMs))
    .setExpirationTime(seconds(nowMs) + SIGNIN_TTL_S)
    .sign(key);
}

export async function readSignIn(req: Request, key: Uint8Array, nowMs: number): Promise<SignIn | undefined> {
  const token = readCookie(req, SIGNIN_COOKIE);
  if (token === undefined || token === "") return undefined;
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: ISSUER,
      audience: SIGNIN_AUD,
      currentDate: new Date(nowMs),
    });
    const { state, verifier, next } = payload;
    if (typeof state !== "string" || typeof verifier !== "string" || typeof next !== "string") return undefined;
    return { state, verifier, next };
  } catch {
    return undefined;
  }
}

/** Equality of two strings without an early exit (state comparison). */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

const REVOKED_ORIGIN = "https://cache.ace-data-worker.internal/v1/sessions/revoked/";
const revokedHere = new Map<string, number>();
const REVOKED_MAX = 10_000;

/** Signed-out sessions: per isolate, and in the Cache API of the colo (a KV namespace would make it global). */
export function revocations(cache: Cache, nowMs: () => number) {
  return {
    async revoke(sid: string): Promise<void> {
      const until = nowMs() + SESSION_MAX_S * 1000;
      if (revokedHere.size >= REVOKED_MAX) {
        for (const [k, t] of revokedHere) if (t <= nowMs()) revokedHere.delete(k);
        // still full: the oldest entries go (the Cache API copy remains)
        for (const k of revokedHere.keys()) if (revokedHere.size >= REVOKED_MAX) revokedHere.delete(k);
      }
      revokedHere.set(sid, until);
      const res = new Response("revoked", { headers: { "cache-control": `max-age=${SESSION_MAX_S}` } });
      await cache.put(`${REVOKED_ORIGIN}${encodeURIComponent(sid)}`, res).catch(() => undefined);
    },
    async isRevoked(sid: string): Promise<boolean> {
      const until = revokedHere.get(sid);
      if (until !== undefined) return until > nowMs();
      const hit = await cache.match(`${REVOKED_ORIGIN}${encodeURIComponent(sid)}`).catch(() => undefined);
      if (hit === undefined) return false;
      await hit.body?.cancel();
      return true;
    },
  };
}

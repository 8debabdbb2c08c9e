/**
 * Staff identity through Cloudflare Access: the `Cf-Access-Jwt-Assertion` header is verified with jose against the
 * team's keys (`https://<team>.cloudflareaccess.com/cdn-cgi/access/certs`), for RS256 only (so `alg: none` and HMAC
 * confusion are refused), with the application's AUD tag, the team as issuer, and expiry. Docs:
 * https://developers.cloudflare.com/cloudflare-one/identity/authorization-cookie/validating-json/
 */
import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from "jose";
import type { IdentityConfig } from "./config.ts";

export const ACCESS_HEADER = "cf-access-jwt-assertion";

export interface StaffIdentity {
  /** the Access user id (`sub`); the e-mail address is never logged */
  readonly sub: string;
}

const keySets = new Map<string, JWTVerifyGetKey>();

/** One remote key set per team per isolate (jose caches the keys and refetches on an unknown `kid`). */
function keySet(team: string): JWTVerifyGetKey {
  let set = keySets.get(team);
  if (set === undefined) {
    set = createRemoteJWKSet(new URL(`${team}/cdn-cgi/access/certs`), { timeoutDuration: 2000 });
    keySets.set(team, set);
  }
  return set;
}

/** The staff member of a request, or why not ("no Access assertion", "Access not configured", "invalid …"). */
export async function verifyAccess(
  req: Request,
  config: IdentityConfig,
  nowMs: number,
): Promise<StaffIdentity | string> {
  const token = req.headers.get(ACCESS_HEADER);
  if (token === null || token === "") return "no Access assertion";
  if (config.accessTeam === "" || config.accessAud === "") return "Access not configured";
  try {
    const { payload } = await jwtVerify(token, keySet(config.accessTeam), {
      algorithms: ["RS256"],
      audience: config.accessAud,
      issuer: config.accessTeam,
      currentDate: new Date(nowMs),
      requiredClaims: ["exp", "sub"],
    });
    return typeof payload.sub === "string" && payload.sub !== "" ? { sub: payload.sub } : "invalid Access assertion";
  } catch {
    return "invalid Access assertion";
  }
}

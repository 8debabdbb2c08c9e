/**
 * GitHub's login rules: 1–39 characters, ASCII letters, digits and single hyphens, not starting or ending with a
 * hyphen. Anything else is a 400 before any lookup, so a login can never reach Kusto except as a clean parameter.
 */
const LOGIN = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export function isValidLogin(login: string): boolean {
  return LOGIN.test(login);
}

/** 2 hex digits of a 32-bit FNV-1a hash of the lower-cased login: the shard of the per-person index. */
export function loginShard(login: string): string {
  let h = 0x811c9dc5;
  const s = login.toLowerCase();
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return ((h >>> 0) & 0xff).toString(16).padStart(2, "0");
}

/**
 * Text that can leave the runner (sync_status.json `error`, logs, job summary, PR and issue bodies, the site, the
 * worker's public answers) carries no upstream value. `scrubMessage` is the last line of defence for messages built
 * elsewhere: quoted text, e-mail addresses, pseudonym-like tokens, HTML tags and `@handles` are replaced by
 * placeholders, control characters dropped and the length capped. `personalDataIn` is the detector the privacy guards share.
 */

/**
 * An e-mail address (local part, @, a dotted domain). The lookbehind anchors a match at the start of a run, so a long
 * run without `@` is scanned once, not once per position (no quadratic blow-up on a 2 MB cell).
 */
export const EMAIL = /(?<![A-Za-z0-9._%+'-])[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
/** 16 lowercase hex digits standing alone and containing a letter: a `user_id` pseudonym (all-digit runs are decimals). */
export const PSEUDONYM_TOKEN = /(?<![0-9a-zA-Z.])(?=[0-9]*[a-f])[0-9a-f]{16}(?![0-9a-zA-Z])/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Longest message kept in a status entry or a log line. */
export const MAX_MESSAGE = 400;

/** A message with every quoted value, e-mail and pseudonym replaced, control characters removed, capped. */
export function scrubMessage(message: string, max = MAX_MESSAGE): string {
  // bound the work first (a 2 MB upstream text), closing a quote the cut left open so its value is still removed
  const bounded = message.length > 8 * max ? `${message.slice(0, 8 * max)}"` : message;
  const s = bounded
    .replace(/\r\n|\r|\n/g, " ")
    .replace(CONTROL, "")
    .replace(/"[^"]+"|“[^”]*”|(?<![A-Za-z0-9])'[^'\n]*'(?![A-Za-z0-9])/g, "(value)")
    .replace(EMAIL, "(e-mail)")
    .replace(PSEUDONYM_TOKEN, "(id)")
    .replace(/<[^>]*>?/g, "(markup)")
    .replace(/(^|[^\w])@[\w][\w./-]*/g, "$1(handle)");
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

export interface Finding {
  readonly kind: "e-mail" | "pseudonym";
  /** character offset of the finding (never the value itself: guards report where, not what) */
  readonly at: number;
}

/** Person-level data found in a public text: e-mail addresses and `user_id`-like pseudonyms. */
export function personalDataIn(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(EMAIL)) {
    // an npm scope or a version string (`@scope/pkg@1.2.3`) is not an address: require a letter TLD
    if (/\.[A-Za-z]{2,}$/.test(m[0])) out.push({ kind: "e-mail", at: m.index });
  }
  for (const m of text.matchAll(PSEUDONYM_TOKEN)) out.push({ kind: "pseudonym", at: m.index });
  return out.sort((a, b) => a.at - b.at);
}

/** `text` with every finding of `personalDataIn` replaced by a placeholder (for bodies that must still be sent). */
export function redactPersonalData(text: string): string {
  return text
    .replace(EMAIL, (m) => (/\.[A-Za-z]{2,}$/.test(m) ? "(e-mail removed)" : m))
    .replace(PSEUDONYM_TOKEN, "(id removed)");
}

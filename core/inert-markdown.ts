/**
 * Makes a data value inert in GitHub-flavoured Markdown (PR bodies, issues, job summaries): whatever upstream puts in
 * a cell renders as the same visible text and does nothing else.
 *
 * - control characters (a lone CR included, which would end a `>` quote or a table row) become `⏎` or vanish;
 *   bidirectional overrides vanish;
 * - `&`, `<`, `>` become entities: no raw HTML, no `<https://…>` autolinks;
 * - Markdown punctuation (`\ ` * [ ] ~ |`, and `_` outside a word) is backslash-escaped: no emphasis, links, images, code spans or table
 *   breaks;
 * - `@name` mentions, `#123` / `GH-123` references, bare `https://` and `www.` autolinks and e-mail autolinks are
 *   broken by a word joiner (U+2060), invisible when rendered;
 * - the text is capped at `max` characters.
 */

const WJ = "\u2060";
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function inert(value: string, max = Number.POSITIVE_INFINITY): string {
  const cut = value.length > max ? `${value.slice(0, Math.max(0, max - 1))}…` : value;
  return (
    cut
      .replace(/\r\n|\r|\n|\u2028|\u2029/g, " ⏎ ")
      .replace(/\t/g, " ")
      .replace(CONTROL, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/[\\`*[\]~|]/g, "\\$&")
      // an underscore inside a word cannot start or end emphasis (CommonMark): only the others are escaped
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, "\\_")
      .replace(/@/g, `@${WJ}`)
      .replace(/#/g, `#${WJ}`)
      .replace(/\b(GH|gh)-(?=\d)/g, `$1${WJ}-`)
      .replace(/:\/\//g, `:${WJ}//`)
      .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}${WJ}.`)
  );
}

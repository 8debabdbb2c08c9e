/**
 * CSV injection: a spreadsheet that opens a downloaded CSV evaluates a cell starting with `=`, `+`, `-`, `@`, a tab or
 * a carriage return as a formula (DDE, `HYPERLINK` exfiltration). Public downloads pass every text cell through
 * `spreadsheetSafe`, which prefixes such a cell with an apostrophe (OWASP's advice): spreadsheets show the text, and
 * numbers (typed, never strings) are untouched. The committed CSVs in `data/` are not downloads and stay exact.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * What a refusal or failure may say where. Every message of a run leaves the runner (logs, the job summary,
 * `sync-run.json`, the data PR), so none carries a cell value: they name dataset, file, line and column
 * (core/validate.ts) and `logMessage` scrubs whatever an upstream error text quotes. The committed
 * `sync_status.json` (shown on the public Data page and by the worker) keeps a generic reason: for invalid rows only
 * the fact and where to look, for anything else the scrubbed message.
 */
import { redactPersonalData, scrubMessage } from "#core/public-text.ts";

/** A message for logs, the summary and the run record: no quoted values, e-mails or ids, no control characters. */
export function logMessage(message: string): string {
  return scrubMessage(message, 1000);
}

/** A progress or info line of a source: e-mail addresses removed, control characters dropped (nothing else changed). */
export function logLine(line: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it removes
  return redactPersonalData(line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ""));
}

export const INVALID_ROWS_REASON =
  "invalid rows from upstream; the committed file was kept (file, line and column of each problem are in the sync run log)";

/** The reason recorded in the committed status for a refused or failed dataset. */
export function statusReason(message: string): string {
  if (/^invalid rows\b/.test(message)) return INVALID_ROWS_REASON;
  return scrubMessage(message, 300);
}

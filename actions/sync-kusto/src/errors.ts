/** How a Kusto failure is treated: retried, split, refused (guard) or failed fast. */
import { SyncRefusal } from "../../sync-core/src/source.ts";

/** Worth retrying: throttling (429), 5xx, timeouts, resets, unreadable bodies. */
export class TransientError extends Error {
  override readonly name = "TransientError";
  /** the service's retry hint, in milliseconds */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs?: number) {
    super(message);
    this.retryAfterMs = retryAfterMs;
  }
}

/** Never retried: 400 (syntax/semantic), 401, 403, 404 … — the service's message is kept. */
export class PermanentError extends Error {
  override readonly name = "PermanentError";
}

/** The result was truncated (E_QUERY_RESULT_SET_TOO_LARGE): the partition must be split. */
export class TooLargeError extends Error {
  override readonly name = "TooLargeError";
}

/** A partial failure (HasErrors, QueryCompletionInformation Level ≤ 2, inline OneApiErrors row): refuse. */
export class PartialFailureError extends SyncRefusal {}

/** The result columns differ from what the normalizer reads: refuse. */
export class SchemaDriftError extends SyncRefusal {}

/** Retries were exhausted (attempts or time budget). */
export class RetriesExhaustedError extends Error {
  override readonly name = "RetriesExhaustedError";
}

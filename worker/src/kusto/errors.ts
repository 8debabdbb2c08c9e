/** Why a live Kusto call failed; every kind makes the worker fall back. Messages never carry tokens or secrets. */
export type KustoErrorKind =
  | "throttled"
  | "http"
  | "timeout"
  | "network"
  | "auth"
  | "has-errors"
  | "cancelled"
  | "inline-error"
  | "truncated"
  | "malformed"
  | "config";

export class KustoError extends Error {
  readonly kind: KustoErrorKind;
  readonly status: number | undefined;

  constructor(kind: KustoErrorKind, message: string, status?: number) {
    super(`kusto ${kind}: ${message}`);
    this.name = "KustoError";
    this.kind = kind;
    this.status = status;
  }
}

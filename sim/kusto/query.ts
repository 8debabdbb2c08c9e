/** POST /v2/rest/query: analyzer check, query contract, parameters, faults, then the streamed v2 result. */
import type { ServerResponse } from "node:http";
import type { Fault } from "../faults/plan.ts";
import type { KustoRow, KustoUpstream, KustoWindow } from "../world/types.ts";
import type { Analyzer } from "./analyzer.ts";
import { type BodyWriter, type Cut, createBodyWriter } from "./body.ts";
import { checkContract } from "./contract.ts";
import { analyzerError, badRequest, type ErrorContext, lowMemoryError } from "./errors.ts";
import { isTrue, type QueryRequest, sendJson } from "./http.ts";
import { resolveParameters } from "./params.ts";
import type { UpstreamCluster } from "./upstream-schema.ts";
import { type OutputColumn, writeV2 } from "./v2.ts";

export interface Limits {
  /** records before E_QUERY_RESULT_SET_TOO_LARGE (Kusto: 500,000) */
  readonly maxRecords: number;
  /** result bytes before E_QUERY_RESULT_SET_TOO_LARGE (Kusto: 64 MB) */
  readonly maxBytes: number;
}

export const DEFAULT_LIMITS: Limits = { maxRecords: 500_000, maxBytes: 64 * 1024 * 1024 };

export interface QueryContext {
  readonly cluster: UpstreamCluster;
  readonly analyzer: Analyzer;
  readonly upstream: KustoUpstream;
  readonly limits: Limits;
}

export interface QueryOutcome {
  readonly status: number;
  readonly rows: number;
  readonly table?: string;
  readonly truncated?: boolean;
  readonly message?: string;
}

/** Applies a `drift` fault to the output columns (rename / drop / retype one column). */
export function driftColumns(columns: readonly OutputColumn[], fault: Fault | undefined): OutputColumn[] {
  if (fault?.kind !== "drift") return [...columns];
  const target = fault.column ?? columns.at(-1)?.name;
  const change = fault.change ?? "rename";
  return columns.flatMap((c) => {
    if (c.name !== target) return [c];
    if (change === "drop") return [];
    if (change === "retype") return [{ ...c, type: fault.type ?? (c.type === "string" ? "long" : "string") }];
    return [{ ...c, name: fault.to ?? `${c.name}_v2` }];
  });
}

const EMPTY: readonly KustoRow[] = [];

/**
 * The column-type aliases of a `type-alias` fault: its `aliases` map (canonical → alias) or every alias the official
 * SDKs normalize (KQL's documented aliases, and azure-kusto-python's int32/int64).
 */
export const DEFAULT_ALIASES: Readonly<Record<string, string>> = {
  datetime: "date",
  timespan: "time",
  bool: "boolean",
  real: "double",
  guid: "uuid",
  long: "int64",
  int: "int32",
};

function aliasesOf(fault: Fault): Readonly<Record<string, string>> {
  const given = fault["aliases"];
  if (typeof given !== "object" || given === null || Array.isArray(given)) return DEFAULT_ALIASES;
  return Object.fromEntries(Object.entries(given).filter((e): e is [string, string] => typeof e[1] === "string"));
}

/** Answers 400 with a Kusto error body, and gives the outcome the request log records. */
export function rejecter(
  res: ServerResponse,
  headers: Readonly<Record<string, string>>,
): (body: ReturnType<typeof badRequest>) => QueryOutcome {
  return (body) => {
    sendJson(res, 400, body, headers);
    return { status: 400, rows: 0, message: body.error["@message"] };
  };
}

/** Sends the 200 head of a v2 answer and opens its body (gzip when asked; `cut`: a reset/truncate fault). */
export function openV2(
  res: ServerResponse,
  headers: Readonly<Record<string, string>>,
  acceptGzip: boolean,
  cut?: Cut,
): BodyWriter {
  res.writeHead(200, {
    "Content-Type": "application/json; charset=utf-8",
    ...headers,
    ...(acceptGzip ? { "Content-Encoding": "gzip" } : {}),
  });
  res.flushHeaders();
  return createBodyWriter(res, { gzip: acceptGzip, cut });
}

export async function runQuery(
  res: ServerResponse,
  q: QueryRequest,
  ctx: QueryContext,
  err: ErrorContext,
  headers: Readonly<Record<string, string>>,
  acceptGzip: boolean,
  drawn: Fault | undefined,
): Promise<QueryOutcome> {
  const reject = rejecter(res, headers);
  const analysis = ctx.analyzer(q.csl);
  const firstError = analysis.errors[0];
  if (firstError !== undefined) return reject(analyzerError(err, firstError, q.csl, q.db));
  const checked = checkContract(analysis, ctx.cluster.tables);
  if (!checked.ok) return reject(badRequest(err, `the Kusto simulator's query contract: ${checked.message}`, q.db));
  const { table, person, parameters } = checked.contract;
  // a fault restricted to one table (`table` parameter) leaves the other tables' queries alone
  const fault =
    drawn !== undefined && typeof drawn["table"] === "string" && drawn["table"] !== table.name ? undefined : drawn;
  const bound = resolveParameters(parameters, q.parameters);
  if (!bound.ok) return reject(badRequest(err, bound.message, q.db));
  const start = bound.values.get("window_start");
  const end = bound.values.get("window_end");
  const personValue = person === undefined ? undefined : bound.values.get(person.kind);
  const ingestion = checked.contract.windowOn === "ingestion";
  const window: KustoWindow = {
    ...(start instanceof Date ? (ingestion ? { ingestedFrom: start } : { start }) : {}),
    ...(end instanceof Date ? (ingestion ? { ingestedTo: end } : { end }) : {}),
    ...(person !== undefined && typeof personValue === "string"
      ? { person: { kind: person.kind, value: personValue } }
      : {}),
  };
  const sourceIndex = new Map(table.columns.map((c, i) => [c.name, i]));
  const columns: OutputColumn[] = [];
  for (const c of analysis.columns ?? []) {
    const source = sourceIndex.get(c.name);
    if (source === undefined)
      return reject(badRequest(err, `column '${c.name}' is not an upstream column of ${table.name}`, q.db));
    columns.push({ name: c.name, type: c.type, source });
  }
  const rows = fault?.kind === "empty" ? EMPTY : ctx.upstream.rows(ctx.cluster.name, table.name, window);
  const cut =
    fault?.kind === "reset" || fault?.kind === "truncate"
      ? { mode: fault.kind, afterBytes: fault.afterBytes ?? 512 }
      : undefined;
  const outcome = await writeV2(openV2(res, headers, acceptGzip, cut), {
    columns: driftColumns(columns, fault),
    rows,
    maxRecords: ctx.limits.maxRecords,
    maxBytes: ctx.limits.maxBytes,
    notruncation: checked.contract.notruncation || isTrue(q.options["notruncation"]),
    ctx: err,
    inlineError:
      fault?.kind === "inline-error"
        ? { afterRows: fault.afterRows ?? 0, error: lowMemoryError(err, fault.message) }
        : undefined,
    completionError: fault?.kind === "has-errors" ? lowMemoryError(err, fault.message) : undefined,
    cancelledAfterRows: fault?.kind === "cancelled" ? (fault.afterRows ?? 0) : undefined,
    aliases: fault?.kind === "type-alias" ? aliasesOf(fault) : undefined,
  });
  return { status: 200, rows: outcome.rows, table: table.name, truncated: outcome.truncated };
}

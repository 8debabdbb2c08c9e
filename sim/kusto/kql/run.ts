/** POST /v2/rest/query against the aggregate database: analyze, evaluate the KQL subset, stream the v2 result. */
import type { ServerResponse } from "node:http";
import type { KustoRow } from "../../world/types.ts";
import type { Analyzer } from "../analyzer.ts";
import { analyzerError, badRequest, type ErrorContext, statusError } from "../errors.ts";
import { isTrue, type QueryRequest, sendJson } from "../http.ts";
import { type Limits, openV2, type QueryOutcome, rejecter } from "../query.ts";
import { type OutputColumn, writeV2 } from "../v2.ts";
import { ParameterError, runStatements } from "./statements.ts";
import { UnsupportedKql } from "./syntax.ts";
import { reader, type Table } from "./tables.ts";

export interface AggregateQueryContext {
  readonly analyzer: Analyzer;
  /** the database's tables, loaded on the first call */
  readonly db: () => Promise<ReadonlyMap<string, Table>>;
  readonly limits: Limits;
}

function* rowsOf(t: Table): Generator<KustoRow> {
  const readers = t.columns.map(reader);
  for (let i = 0; i < t.length; i++) yield readers.map((r) => r(i));
}

export async function runAggregateQuery(
  res: ServerResponse,
  q: QueryRequest,
  ctx: AggregateQueryContext,
  err: ErrorContext,
  headers: Readonly<Record<string, string>>,
  acceptGzip: boolean,
): Promise<QueryOutcome> {
  const reject = rejecter(res, headers);
  const analysis = ctx.analyzer(q.csl);
  const firstError = analysis.errors[0];
  if (firstError !== undefined) return reject(analyzerError(err, firstError, q.csl, q.db));
  let db: ReadonlyMap<string, Table>;
  try {
    db = await ctx.db();
  } catch (e) {
    // the data directory's CSVs could not be loaded (a bad cell, a missing file): an internal error naming the fix
    const body = statusError(err, 500, e instanceof Error ? e.message : String(e));
    sendJson(res, 500, body, headers);
    return { status: 500, rows: 0, message: body.error["@message"] };
  }
  let result: ReturnType<typeof runStatements>;
  try {
    result = runStatements(analysis, db, q.parameters);
  } catch (e) {
    if (e instanceof UnsupportedKql || e instanceof ParameterError) return reject(badRequest(err, e.message, q.db));
    throw e;
  }
  const schema = analysis.columns ?? [];
  const columns: OutputColumn[] = schema.map((c, k) => ({ name: c.name, type: c.type, source: k }));
  const outcome = await writeV2(openV2(res, headers, acceptGzip), {
    columns,
    rows: rowsOf(result.table),
    maxRecords: ctx.limits.maxRecords,
    maxBytes: ctx.limits.maxBytes,
    notruncation: result.notruncation || isTrue(q.options["notruncation"]),
    ctx: err,
  });
  return { status: 200, rows: outcome.rows, truncated: outcome.truncated };
}

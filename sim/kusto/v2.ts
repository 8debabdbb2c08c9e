/**
 * Streams a Kusto v2 response (a JSON array of frames) row by row: DataSetHeader, @ExtendedProperties,
 * PrimaryResult, QueryCompletionInformation, DataSetCompletion. Never builds the whole body in memory.
 */
import type { KustoRow } from "../world/types.ts";
import type { BodyWriter } from "./body.ts";
import { type CellEncoder, encoderFor, formatDatetime } from "./encode.ts";
import type { ErrorContext, OneApiError } from "./errors.ts";
import { truncationError } from "./errors.ts";

export interface OutputColumn {
  readonly name: string;
  readonly type: string;
  /** index of the source cell in the upstream row */
  readonly source: number;
}

export interface V2Options {
  readonly columns: readonly OutputColumn[];
  readonly rows: Iterable<KustoRow>;
  readonly maxRecords: number;
  readonly maxBytes: number;
  readonly notruncation: boolean;
  readonly ctx: ErrorContext;
  /** `inline-error` fault: a OneApiErrors row object after this many rows, then the result ends */
  readonly inlineError?: { readonly afterRows: number; readonly error: OneApiError } | undefined;
  /** `has-errors` fault: DataSetCompletion.HasErrors with this error */
  readonly completionError?: OneApiError | undefined;
  /** `cancelled` fault: this many rows, then DataSetCompletion `Cancelled: true`, `HasErrors: false` */
  readonly cancelledAfterRows?: number | undefined;
  /** `type-alias` fault: PrimaryResult `ColumnType`s written as these aliases (canonical → alias) */
  readonly aliases?: Readonly<Record<string, string>> | undefined;
}

export interface V2Outcome {
  readonly rows: number;
  readonly truncated: boolean;
}

const QCI_COLUMNS: readonly (readonly [string, string])[] = [
  ["Timestamp", "datetime"],
  ["ClientRequestId", "string"],
  ["ActivityId", "guid"],
  ["SubActivityId", "guid"],
  ["ParentActivityId", "guid"],
  ["Level", "int"],
  ["LevelName", "string"],
  ["StatusCode", "int"],
  ["StatusCodeName", "string"],
  ["EventType", "int"],
  ["EventTypeName", "string"],
  ["Payload", "string"],
];

const columnsJson = (cols: readonly (readonly [string, string])[]): string =>
  JSON.stringify(cols.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })));

function qciRow(
  ctx: ErrorContext,
  level: number,
  status: [number, string],
  event: [number, string],
  payload: unknown,
): string {
  const levelName = level <= 2 ? "Error" : level === 3 ? "Warning" : "Info";
  return JSON.stringify([
    formatDatetime(new Date()),
    ctx.clientRequestId,
    ctx.activityId,
    ctx.activityId,
    ctx.activityId,
    level,
    levelName,
    status[0],
    status[1],
    event[0],
    event[1],
    JSON.stringify(payload),
  ]);
}

export async function writeV2(out: BodyWriter, o: V2Options): Promise<V2Outcome> {
  const started = Date.now();
  await out.write(
    '[{"FrameType":"DataSetHeader","IsProgressive":false,"Version":"v2.0","IsFragmented":false,"ErrorReportingPlacement":"InData"}',
  );
  const visualization = JSON.stringify({
    Visualization: null,
    Title: null,
    XColumn: null,
    Series: null,
    YColumns: null,
    AnomalyColumns: null,
    XTitle: null,
    YTitle: null,
    XAxis: null,
    YAxis: null,
    Legend: null,
    YSplit: null,
    Accumulate: false,
    IsQuerySorted: true,
    Kind: null,
    Ymin: "NaN",
    Ymax: "NaN",
    Xmin: null,
    Xmax: null,
  });
  await out.write(
    `\r\n,{"FrameType":"DataTable","TableId":0,"TableKind":"QueryProperties","TableName":"@ExtendedProperties","Columns":${columnsJson(
      [
        ["TableId", "int"],
        ["Key", "string"],
        ["Value", "dynamic"],
      ],
    )},"Rows":[[1,"Visualization",${JSON.stringify(visualization)}]]}`,
  );
  await out.write(
    `\r\n,{"FrameType":"DataTable","TableId":1,"TableKind":"PrimaryResult","TableName":"PrimaryResult","Columns":${columnsJson(o.columns.map((c) => [c.name, o.aliases?.[c.type] ?? c.type]))},"Rows":[`,
  );
  const encoders: { encode: CellEncoder; source: number }[] = o.columns.map((c) => ({
    encode: encoderFor(c.type),
    source: c.source,
  }));
  let count = 0;
  let bytes = 0;
  let truncated: OneApiError | undefined;
  let inline: OneApiError | undefined;
  for (const row of o.rows) {
    if (out.stopped) break;
    if (o.cancelledAfterRows !== undefined && count >= o.cancelledAfterRows) break;
    if (o.inlineError !== undefined && count >= o.inlineError.afterRows) {
      inline = o.inlineError.error;
      break;
    }
    let text = "[";
    for (let i = 0; i < encoders.length; i++) {
      const e = encoders[i];
      if (e === undefined) continue;
      text += (i === 0 ? "" : ",") + e.encode(row[e.source]);
    }
    text += "]";
    const size = Buffer.byteLength(text);
    if (!o.notruncation && (count >= o.maxRecords || bytes + size > o.maxBytes)) {
      truncated = truncationError(o.ctx, o.maxRecords, o.maxBytes, count < o.maxRecords);
      break;
    }
    await out.write(count === 0 ? text : `,\r\n${text}`);
    count++;
    bytes += size;
  }
  if (inline === undefined && o.inlineError !== undefined && count >= o.inlineError.afterRows)
    inline = o.inlineError.error;
  const rowError = truncated ?? inline;
  if (rowError !== undefined)
    await out.write(`${count === 0 ? "" : ",\r\n"}${JSON.stringify({ OneApiErrors: [rowError] })}`);
  await out.write("]}");
  const completionError = truncated ?? o.completionError;
  const qci = [
    qciRow(o.ctx, 4, [0, "S_OK (0)"], [4, "QueryInfo"], { Count: 1, Text: "Query completed successfully" }),
    qciRow(o.ctx, 4, [0, "S_OK (0)"], [5, "WorkloadGroup"], { WorkloadGroup: "default" }),
    qciRow(o.ctx, 4, [0, "S_OK (0)"], [6, "QueryResourceConsumption"], {
      ExecutionTime: (Date.now() - started) / 1000,
      resource_usage: { cache: { memory: { hits: 0, misses: 0, total: 0 } } },
      input_dataset_statistics: { extents: { total: 1, scanned: 1 }, rows: { total: count, scanned: count } },
      dataset_statistics: [{ table_row_count: count, table_size: bytes }],
    }),
  ];
  if (completionError !== undefined) {
    qci.push(
      qciRow(
        o.ctx,
        2,
        truncated === undefined
          ? [-2133196793, "E_LOW_MEMORY_CONDITION (0x80DA0007)"]
          : [-2133196797, "E_QUERY_RESULT_SET_TOO_LARGE (0x80DA0003)"],
        [4, "QueryInfo"],
        {
          Count: 1,
          Text: completionError.error["@message"],
        },
      ),
    );
  }
  await out.write(
    `\r\n,{"FrameType":"DataTable","TableId":2,"TableKind":"QueryCompletionInformation","TableName":"QueryCompletionInformation","Columns":${columnsJson(QCI_COLUMNS)},"Rows":[${qci.join(",")}]}`,
  );
  const cancelled = o.cancelledAfterRows !== undefined && completionError === undefined;
  const completion =
    completionError === undefined
      ? `{"FrameType":"DataSetCompletion","HasErrors":false,"Cancelled":${cancelled}}`
      : JSON.stringify({
          FrameType: "DataSetCompletion",
          HasErrors: true,
          Cancelled: false,
          OneApiErrors: [completionError],
        });
  await out.write(`\r\n,${completion}\r\n]`);
  await out.end();
  return { rows: count, truncated: truncated !== undefined };
}

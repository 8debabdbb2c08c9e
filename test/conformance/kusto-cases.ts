/**
 * Kusto conformance cases: request → response pairs written by us from the documented shapes (our own values, no
 * recorded or copied response), each with the rows or the refusal the sync and the worker must produce.
 *
 * Sources of the shapes:
 * - [V2] Query V2 HTTP response — https://learn.microsoft.com/kusto/api/rest/response-v2 : the body is a JSON array
 *   of frames (`DataSetHeader` first, `DataTable` frames with `TableKind` PrimaryResult / QueryProperties /
 *   QueryCompletionInformation, `DataSetCompletion` last with `HasErrors`, `Cancelled`, and `OneApiErrors` when
 *   HasErrors); "the request may return 200 OK but the body will indicate an error"; a failed request is 4xx/5xx
 *   with a OneApi error object; every response carries `x-ms-client-request-id` and `x-ms-activity-id`.
 *   `Cancelled` "is true if the request that lead to the generation of the data set was cancelled midway"
 *   (MicrosoftDocs/dataexplorer-docs, data-explorer/kusto/api/rest/response2.md).
 * - [TYPES] Scalar data types — https://learn.microsoft.com/kusto/query/scalar-data-types/ : bool (boolean),
 *   datetime (date), guid (uuid, uniqueid), real (double), timespan (time).
 * - [PY] azure-kusto-python `helpers.py` `default_dict()` (the converters of dataframe_from_result_table) also maps
 *   `int32`, `int64` — https://github.com/Azure/azure-kusto-python/blob/master/azure-kusto-data/azure/kusto/data/helpers.py ;
 *   its KustoResultRow lower-cases `ColumnType` before converting (`_models.py`).
 * - [LIMITS] Query limits — https://learn.microsoft.com/kusto/concepts/query-limits : result truncation
 *   `E_QUERY_RESULT_SET_TOO_LARGE` (0x80DA0003) as a partial query failure.
 * - [TEXT] non-JSON error bodies: azure-kusto-python `client_base.py` `_handle_http_error` falls back to
 *   `response_text` when the body is not JSON; reports Azure/azure-kusto-python#27 (403 body not JSON),
 *   Azure/azure-kusto-python#146 (JSONDecodeError on an error response), Azure/azure-kusto-node#120 (504/403
 *   bodies that are not frames). The exact text is *assumed* (ours).
 * - [META] azure-kusto-node `cloudSettings.ts` reads `AzureAD` from `GET /v1/rest/auth/metadata`.
 */
import type { Exchange } from "./replay.ts";

export interface Col {
  readonly ColumnName: string;
  readonly ColumnType: string;
}

const QCI_COLUMNS: readonly Col[] = [
  { ColumnName: "Timestamp", ColumnType: "datetime" },
  { ColumnName: "ClientRequestId", ColumnType: "string" },
  { ColumnName: "ActivityId", ColumnType: "guid" },
  { ColumnName: "Level", ColumnType: "int" },
  { ColumnName: "LevelName", ColumnType: "string" },
  { ColumnName: "StatusCode", ColumnType: "int" },
  { ColumnName: "StatusCodeName", ColumnType: "string" },
  { ColumnName: "EventType", ColumnType: "int" },
  { ColumnName: "EventTypeName", ColumnType: "string" },
  { ColumnName: "Payload", ColumnType: "string" },
];

const ACTIVITY = "0f0e0d0c-0b0a-4909-8807-060504030201";

/** A QueryCompletionInformation row [V2] at `level` (4 = info, 2 = error). */
function qciRow(level: number, status: string, payload: string): unknown[] {
  return [
    "2026-11-20T08:00:00.0000000Z",
    "conformance;1",
    ACTIVITY,
    level,
    level <= 2 ? "Error" : "Info",
    level <= 2 ? -2133196797 : 0,
    status,
    4,
    "QueryInfo",
    payload,
  ];
}

/** A OneApi error object [V2] with our own code and message. */
export function oneApi(code: string, message: string, permanent = false): Record<string, unknown> {
  return {
    error: {
      code,
      message,
      "@type": "Kusto.Data.Exceptions.KustoServiceException",
      "@message": message,
      "@permanent": permanent,
    },
  };
}

export interface V2Options {
  readonly columns: readonly Col[];
  readonly rows: readonly unknown[];
  readonly hasErrors?: boolean;
  readonly cancelled?: boolean;
  readonly oneApiErrors?: readonly unknown[];
  readonly qci?: readonly unknown[][];
  /** fields added to every frame (unknown extra fields must be ignored) */
  readonly extra?: Readonly<Record<string, unknown>>;
  /** leave the DataSetCompletion frame out (a body cut short at a frame boundary) */
  readonly noCompletion?: boolean;
}

/** A v2 frame array [V2]. */
export function v2(o: V2Options): unknown[] {
  const x = o.extra ?? {};
  const frames: unknown[] = [
    { FrameType: "DataSetHeader", IsProgressive: false, Version: "v2.0", ...x },
    {
      FrameType: "DataTable",
      TableId: 0,
      TableKind: "QueryProperties",
      TableName: "@ExtendedProperties",
      Columns: [
        { ColumnName: "TableId", ColumnType: "int" },
        { ColumnName: "Key", ColumnType: "string" },
        { ColumnName: "Value", ColumnType: "dynamic" },
      ],
      Rows: [[1, "Visualization", "{}"]],
      ...x,
    },
    {
      FrameType: "DataTable",
      TableId: 1,
      TableKind: "PrimaryResult",
      TableName: "PrimaryResult",
      Columns: o.columns,
      Rows: o.rows,
      ...x,
    },
    {
      FrameType: "DataTable",
      TableId: 2,
      TableKind: "QueryCompletionInformation",
      TableName: "QueryCompletionInformation",
      Columns: QCI_COLUMNS,
      Rows: o.qci ?? [qciRow(4, "S_OK (0)", '{"Count":1,"Text":"Query completed successfully"}')],
      ...x,
    },
  ];
  if (!o.noCompletion) {
    frames.push({
      FrameType: "DataSetCompletion",
      HasErrors: o.hasErrors ?? false,
      Cancelled: o.cancelled ?? false,
      ...(o.oneApiErrors === undefined ? {} : { OneApiErrors: o.oneApiErrors }),
      ...x,
    });
  }
  return frames;
}

/** The learning_events extract's columns (actions/sync-kusto/queries/learning_events.kql) with given type names. */
export const learningColumns = (datetime: string, bool: string, string = "string"): Col[] => [
  { ColumnName: "Email", ColumnType: string },
  { ColumnName: "Timestamp", ColumnType: datetime },
  { ColumnName: "ItemId", ColumnType: string },
  { ColumnName: "ItemType", ColumnType: string },
  { ColumnName: "Completed", ColumnType: bool },
];

/** Our own rows (example.test addresses, made-up items). */
export const LEARNING_ROWS: readonly unknown[][] = [
  ["ada@example.test", "2026-10-02T09:15:00.0000000Z", "mod-101", "Module", false],
  ["ada@example.test", "2026-10-02T17:40:12.5000000Z", "mod-101", "Module", true],
  ["bo@example.test", "2026-10-05T00:00:00.0000000Z", "path-7", "LearningPath", null],
];

const TRUNCATION = oneApi(
  "LimitsExceeded",
  "Query result set has exceeded the internal record count limit (E_QUERY_RESULT_SET_TOO_LARGE; see https://aka.ms/kustoquerylimits)",
);
const LOW_MEMORY = oneApi("LimitsExceeded", "Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION)");

const JSON_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-ms-client-request-id": "conformance;1",
  "x-ms-activity-id": ACTIVITY,
};

export const ok = (body: unknown): Exchange["response"] => ({ status: 200, headers: JSON_HEADERS, body });
export const text = (status: number, body: string, headers: Record<string, string> = {}): Exchange["response"] => ({
  status,
  headers: { "content-type": "text/plain; charset=utf-8", "x-ms-activity-id": ACTIVITY, ...headers },
  body,
});

/** [META] the auth metadata the node client asks for once per cluster. */
export const AUTH_METADATA: Exchange = {
  request: { method: "GET", path: "/v1/rest/auth/metadata" },
  response: {
    status: 200,
    body: {
      AzureAD: {
        LoginEndpoint: "https://login.microsoftonline.com",
        LoginMfaRequired: false,
        KustoClientAppId: "db662dc1-0cfe-4e1c-a843-19a68e65be58",
        KustoClientRedirectUri: "https://microsoft/kustoclient",
        KustoServiceResourceId: "https://kusto.kusto.windows.net",
        FirstPartyAuthorityUrl: "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a",
      },
    },
  },
};

export const query = (response: Exchange["response"]): Exchange => ({
  request: { method: "POST", path: "/v2/rest/query" },
  response,
});

export const CANONICAL = v2({ columns: learningColumns("datetime", "bool"), rows: LEARNING_ROWS });
export const EMPTY = v2({ columns: learningColumns("datetime", "bool"), rows: [] });

/** What a case must produce: the rows of LEARNING_ROWS ("rows"), or a refusal: the sync's error class and message,
 * the worker's KustoError kind (the worker never retries: its first answer decides, then it falls back). */
export interface KustoCase {
  readonly name: string;
  /** responses of the first window's query, in order (retries and split halves are answered by the next ones) */
  readonly responses: readonly Exchange["response"][];
  readonly sync: "rows" | { readonly error: string; readonly message: RegExp };
  /** waits the sync's retrier asked for (fake clock) */
  readonly waits?: readonly number[];
  readonly worker: "rows" | string;
}

const cols = learningColumns("datetime", "bool");
const refused = (message: RegExp) => ({ error: "PartialFailureError", message });

export const CASES: readonly KustoCase[] = [
  { name: "canonical types [V2]", responses: [ok(CANONICAL)], sync: "rows", worker: "rows" },
  {
    name: "type aliases date/boolean [TYPES]",
    responses: [ok(v2({ columns: learningColumns("date", "boolean"), rows: LEARNING_ROWS }))],
    sync: "rows",
    worker: "rows",
  },
  {
    name: "type names in another letter case (DateTime, Boolean, String) [PY]",
    responses: [ok(v2({ columns: learningColumns("DateTime", "Boolean", "String"), rows: LEARNING_ROWS }))],
    sync: "rows",
    worker: "rows",
  },
  {
    name: "unknown extra fields on every frame are ignored [V2]",
    responses: [ok(v2({ columns: cols, rows: LEARNING_ROWS, extra: { ErrorReportingPlacement: "InData", Extra: 1 } }))],
    sync: "rows",
    worker: "rows",
  },
  {
    name: "Cancelled true with HasErrors false: refused [V2]",
    responses: [ok(v2({ columns: cols, rows: LEARNING_ROWS.slice(0, 1), cancelled: true }))],
    sync: refused(/cancelled midway \(DataSetCompletion\.Cancelled\)/),
    worker: "cancelled",
  },
  {
    name: "HasErrors with OneApiErrors: refused [V2]",
    responses: [
      ok(
        v2({
          columns: cols,
          rows: LEARNING_ROWS,
          hasErrors: true,
          oneApiErrors: [LOW_MEMORY],
          qci: [qciRow(3, "S_OK (0)", "{}")],
        }),
      ),
    ],
    sync: refused(/partial failure \(DataSetCompletion\.HasErrors: LimitsExceeded\)/),
    worker: "has-errors",
  },
  {
    name: "inline OneApiErrors row in PrimaryResult: refused [V2]",
    responses: [ok(v2({ columns: cols, rows: [LEARNING_ROWS[0], { OneApiErrors: [LOW_MEMORY] }] }))],
    sync: refused(/partial failure \(inline row error after 1 rows: LimitsExceeded\)/),
    worker: "inline-error",
  },
  {
    name: "QueryCompletionInformation error row (Level 2): refused [V2]",
    responses: [ok(v2({ columns: cols, rows: LEARNING_ROWS, qci: [qciRow(2, "E_LOW_MEMORY_CONDITION", "{}")] }))],
    sync: refused(/partial failure \(completion information/),
    worker: "has-errors",
  },
  {
    name: "truncation: the sync splits the window in halves, the worker falls back [LIMITS]",
    responses: [
      ok(
        v2({
          columns: cols,
          rows: [LEARNING_ROWS[0], { OneApiErrors: [TRUNCATION] }],
          hasErrors: true,
          oneApiErrors: [TRUNCATION],
        }),
      ),
      ok(v2({ columns: cols, rows: LEARNING_ROWS.slice(0, 2) })),
      ok(v2({ columns: cols, rows: LEARNING_ROWS.slice(2) })),
    ],
    sync: "rows",
    worker: "truncated",
  },
  {
    name: "body cut short at a frame boundary (no DataSetCompletion): retried [V2]",
    responses: [ok(v2({ columns: cols, rows: LEARNING_ROWS, noCompletion: true })), ok(CANONICAL)],
    sync: "rows",
    waits: [100],
    worker: "malformed",
  },
  {
    name: "200 with a text/plain body (a proxy answering): retried [TEXT]",
    responses: [text(200, "upstream proxy says hello"), ok(CANONICAL)],
    sync: "rows",
    waits: [100],
    worker: "malformed",
  },
  {
    name: "text/plain 503: retried [TEXT]",
    responses: [text(503, "Service Unavailable"), ok(CANONICAL)],
    sync: "rows",
    waits: [100],
    worker: "http",
  },
  {
    name: "text/plain 429 with Retry-After: retried after the hint [TEXT]",
    responses: [text(429, "Too Many Requests", { "retry-after": "3" }), ok(CANONICAL)],
    sync: "rows",
    waits: [3000],
    worker: "throttled",
  },
  {
    name: "text/plain 400: failed fast, body not quoted [TEXT]",
    responses: [text(400, "Bad Request: upstream-secret-4b2e")],
    sync: {
      error: "PermanentError",
      message: /HTTP 400: non-JSON error body \(text\/plain, 33 characters, not quoted\)$/,
    },
    waits: [],
    worker: "http",
  },
  {
    name: "text/plain 502 from a gateway, every time: retries exhausted [TEXT]",
    responses: [text(502, "Bad Gateway"), text(502, "Bad Gateway"), text(502, "Bad Gateway")],
    sync: { error: "RetriesExhaustedError", message: /gave up after 3 attempts.*HTTP 502: non-JSON error body/ },
    waits: [100, 200],
    worker: "http",
  },
  {
    name: "OneApi JSON 400: failed fast with the service's message [V2]",
    responses: [
      { status: 400, headers: JSON_HEADERS, body: oneApi("General_BadRequest", "Semantic error: SEM0100", true) },
    ],
    sync: { error: "PermanentError", message: /HTTP 400: Semantic error: SEM0100/ },
    waits: [],
    worker: "http",
  },
];

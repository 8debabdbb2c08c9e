/** Kusto's OneApi error objects, as the service returns them in 4xx/5xx bodies and in partial-failure frames. */

export interface ErrorContext {
  readonly clientRequestId: string;
  readonly activityId: string;
}

export interface OneApiError {
  readonly error: {
    readonly code: string;
    readonly message: string;
    readonly "@type": string;
    readonly "@message": string;
    readonly "@context": Readonly<Record<string, string>>;
    readonly "@permanent": boolean;
    readonly [extra: string]: unknown;
  };
}

function oneApi(
  ctx: ErrorContext,
  code: string,
  message: string,
  type: string,
  detail: string,
  permanent: boolean,
  extra: Readonly<Record<string, unknown>> = {},
): OneApiError {
  return {
    error: {
      code,
      message,
      "@type": type,
      "@message": detail,
      "@context": {
        timestamp: new Date().toISOString(),
        serviceAlias: "SIMULATOR",
        machineName: "KSIM000000",
        processName: "Kusto.WinSvc.Svc",
        processId: String(process.pid),
        threadId: "1",
        clientRequestId: ctx.clientRequestId,
        activityId: ctx.activityId,
        subActivityId: ctx.activityId,
        activityType: "GW.Http.CallContext",
        parentActivityId: ctx.activityId,
        activityStack: `(Activity stack: CRID=${ctx.clientRequestId} ARID=${ctx.activityId} > GW.Http.CallContext/${ctx.activityId})`,
      },
      "@permanent": permanent,
      ...extra,
    },
  };
}

/** 400 for an analyzer diagnostic (KS… codes are semantic/syntax errors of Kusto.Language). */
export function analyzerError(
  ctx: ErrorContext,
  d: { code: string; message: string; line: number; pos: number; token: string },
  csl: string,
  database: string,
): OneApiError {
  const syntax = /^KS0[0-9]{2}$/.test(d.code) && !/name|column|table/i.test(d.message);
  const kind = syntax ? "Syntax" : "Semantic";
  const type = `Kusto.Data.Exceptions.${kind}Exception`;
  const detail = `${kind} error: ${d.code}: ${d.message} [line:position=${d.line}:${d.pos}]`;
  return oneApi(ctx, "General_BadRequest", "Request is invalid and cannot be executed.", type, detail, true, {
    "@text": csl,
    "@database": database,
    "@ClientRequestLogger": "",
    innererror: {
      code: d.code,
      message: d.message,
      "@type": type,
      "@message": detail,
      "@permanent": true,
      "@errorCode": d.code,
      "@errorMessage": d.message,
      "@line": String(d.line),
      "@pos": String(d.pos),
      "@token": d.token,
    },
  });
}

/** 400 for a request the simulator does not serve (outside the query contract, bad body, bad parameter). */
export function badRequest(ctx: ErrorContext, detail: string, database = ""): OneApiError {
  return oneApi(
    ctx,
    "General_BadRequest",
    "Request is invalid and cannot be executed.",
    "Kusto.Data.Exceptions.KustoBadRequestException",
    `Request is invalid and cannot be processed: ${detail}`,
    true,
    database === "" ? {} : { "@database": database },
  );
}

export function notFoundDatabase(ctx: ErrorContext, database: string): OneApiError {
  return oneApi(
    ctx,
    "BadRequest_EntityNotFound",
    "Request is invalid and cannot be executed.",
    "Kusto.Data.Exceptions.EntityNotFoundException",
    `'${database}' was not found.`,
    true,
  );
}

export function forbidden(ctx: ErrorContext, database: string): OneApiError {
  return oneApi(
    ctx,
    "Forbidden",
    "Caller is not authorized to perform this action",
    "Kusto.DataNode.Exceptions.UnauthorizedDatabaseAccessException",
    `Principal 'aadapp=00000000-0000-0000-0000-000000000000;simulator' is not authorized to read database '${database}'.`,
    true,
  );
}

/** Bodies of the `status` fault, by HTTP status. */
export function statusError(ctx: ErrorContext, status: number, message?: string): OneApiError {
  switch (status) {
    case 429:
      return oneApi(
        ctx,
        "Too many requests",
        "Request is denied due to throttling.",
        "Kusto.DataNode.Exceptions.QueryThrottledException",
        message ??
          "The query was aborted due to throttling. Retrying after some backoff might succeed. CapacityPolicy/Label=QueryCapacityPolicy",
        false,
      );
    case 504:
      return oneApi(
        ctx,
        "RequestExecutionTimeout",
        "Request execution timeout",
        "Kusto.Data.Exceptions.KustoRequestExecutionTimeoutException",
        message ??
          "Request execution timeout (Kusto.Common.Svc.Exceptions.RequestExecutionTimeoutException): Query execution has exceeded the allowed limits (80DA0001)",
        false,
      );
    case 520:
      return oneApi(
        ctx,
        "ServiceError",
        "Service error.",
        "Kusto.Data.Exceptions.KustoServiceException",
        message ?? "Service error: the request failed on the service side; retrying may succeed.",
        false,
      );
    default:
      return oneApi(
        ctx,
        status >= 500 ? "Internal service error" : "General_BadRequest",
        status >= 500
          ? "Request aborted due to an internal service error."
          : "Request is invalid and cannot be executed.",
        status >= 500
          ? "Kusto.Data.Exceptions.KustoServiceException"
          : "Kusto.Data.Exceptions.KustoBadRequestException",
        message ?? (status >= 500 ? "Internal service error (0x80131500)" : `HTTP ${status}`),
        status < 500,
      );
  }
}

/** The E_QUERY_RESULT_SET_TOO_LARGE partial failure (truncation). */
export function truncationError(
  ctx: ErrorContext,
  maxRecords: number,
  maxBytes: number,
  byBytes: boolean,
): OneApiError {
  const limit = byBytes ? `${maxBytes} bytes` : `${maxRecords} records`;
  return oneApi(
    ctx,
    "LimitsExceeded",
    "Request is invalid and cannot be executed.",
    "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLimitsExceededException",
    `Query execution has exceeded the allowed limits (80DA0003): The results of this query exceed the set limit of ${limit}, so not all records were returned (E_QUERY_RESULT_SET_TOO_LARGE, 0x80DA0003). See https://aka.ms/kustoquerylimits for more information and possible solutions..`,
    false,
  );
}

/** A mid-execution failure reported in the data (the `has-errors` / `inline-error` faults). */
export function lowMemoryError(ctx: ErrorContext, message?: string): OneApiError {
  return oneApi(
    ctx,
    "LimitsExceeded",
    "Request is invalid and cannot be executed.",
    "Kusto.Data.Exceptions.KustoServicePartialQueryFailureLowMemoryConditionException",
    message ??
      "Query execution lacks memory resources to complete (80DA0007): Partial query failure: Low memory condition (E_LOW_MEMORY_CONDITION, 0x80DA0007).",
    false,
  );
}

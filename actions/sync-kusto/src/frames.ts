/**
 * Reads a raw Kusto v2 response (the JSON frame array) ourselves: every partial-failure form is detected (HasErrors,
 * QueryCompletionInformation rows with Level ≤ 2, inline OneApiErrors rows — the node client ignores the last), the
 * primary result's columns are checked against the declared ones, and cells are decoded to typed values.
 */
import { PartialFailureError, SchemaDriftError, TooLargeError, TransientError } from "./errors.ts";

export interface Column {
  readonly name: string;
  readonly type: string;
}

export type Cell = string | number | boolean | null | object;
export type UpstreamRecord = Readonly<Record<string, Cell>>;

interface Frame {
  readonly FrameType?: unknown;
  readonly TableKind?: unknown;
  readonly Columns?: unknown;
  readonly Rows?: unknown;
  readonly HasErrors?: unknown;
  readonly OneApiErrors?: unknown;
}

function errorText(errors: unknown): string {
  const list = Array.isArray(errors) ? errors : [errors];
  return list
    .map((e) => {
      const inner = (e as { error?: Record<string, unknown> } | null)?.error ?? (e as Record<string, unknown>);
      const msg = inner?.["@message"] ?? inner?.message ?? JSON.stringify(e);
      const code = inner?.code ? `${String(inner.code)}: ` : "";
      return `${code}${String(msg)}`;
    })
    .join("; ");
}

function raise(errors: unknown, where: string): never {
  const text = errorText(errors);
  // Only truncation is worth splitting for; other LimitsExceeded failures (low memory…) are refused.
  if (/E_QUERY_RESULT_SET_TOO_LARGE|80DA0003/.test(`${text} ${JSON.stringify(errors)}`)) {
    throw new TooLargeError(`result truncated (${where}): ${text}`);
  }
  throw new PartialFailureError(`Kusto partial failure (${where}): ${text}`);
}

function sameColumns(a: readonly Column[], b: readonly Column[]): boolean {
  return a.length === b.length && a.every((c, i) => c.name === b[i]?.name && c.type === b[i]?.type);
}

const show = (cols: readonly Column[]) => cols.map((c) => `${c.name}:${c.type}`).join(", ");

/** Decodes one wire cell of a declared Kusto type. */
export function decodeCell(type: string, v: unknown): Cell {
  if (v === null || v === undefined) return null;
  switch (type) {
    case "string":
      return v === "" ? null : String(v);
    case "datetime":
    case "guid":
    case "decimal":
    case "timespan":
      return v === "" ? null : String(v);
    case "int":
    case "long":
    case "real":
      return typeof v === "number" ? v : Number(v);
    case "bool":
      return typeof v === "boolean" ? v : v === 1 || v === "true";
    default:
      return v as Cell;
  }
}

/** Parses the frames and returns the primary result's records; throws the error kinds of errors.ts. */
export function primaryRecords(body: unknown, declared: readonly Column[], what: string): UpstreamRecord[] {
  if (!Array.isArray(body)) {
    const sample = typeof body === "string" ? body.slice(0, 80) : typeof body;
    throw new TransientError(`${what}: response is not a Kusto v2 frame array (non-JSON or truncated body: ${sample})`);
  }
  const frames = body as Frame[];
  const completion = frames.find((f) => f?.FrameType === "DataSetCompletion");
  if (completion === undefined) throw new TransientError(`${what}: response has no DataSetCompletion frame`);
  let primary: Frame | undefined;
  for (const f of frames) {
    if (f?.FrameType !== "DataTable") continue;
    if (f.TableKind === "QueryCompletionInformation") {
      const cols = (f.Columns as { ColumnName: string }[] | undefined) ?? [];
      const level = cols.findIndex((c) => c.ColumnName === "Level");
      const payload = cols.findIndex((c) => c.ColumnName === "Payload" || c.ColumnName === "StatusDescription");
      for (const row of (f.Rows as unknown[][] | undefined) ?? []) {
        if (level >= 0 && typeof row[level] === "number" && row[level] <= 2)
          raise(row[payload] ?? row, "completion information");
      }
    } else if (f.TableKind === "PrimaryResult" && primary === undefined) primary = f;
  }
  if (completion.HasErrors === true) raise(completion.OneApiErrors ?? "HasErrors", "HasErrors");
  if (primary === undefined) throw new PartialFailureError(`${what}: response has no PrimaryResult table`);
  const actual = ((primary.Columns as { ColumnName: string; ColumnType: string }[] | undefined) ?? []).map((c) => ({
    name: c.ColumnName,
    type: c.ColumnType,
  }));
  if (!sameColumns(actual, declared)) {
    throw new SchemaDriftError(
      `${what}: schema drift: upstream returns (${show(actual)}) but the normalizer reads (${show(declared)}); ` +
        "a deliberate change updates the .kql, the normalizer and data/schema together (docs/sync.md)",
    );
  }
  // Each wire row is dropped from the parsed body once decoded, so the body's row arrays and our records are not
  // both live for the whole partition (the cell strings are shared, not copied).
  const rows = (primary.Rows as unknown[] | undefined) ?? [];
  const out = new Array<UpstreamRecord>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!Array.isArray(row)) raise((row as { OneApiErrors?: unknown })?.OneApiErrors ?? row, "inline row error");
    const rec: Record<string, Cell> = {};
    for (let i = 0; i < declared.length; i++) {
      const c = declared[i] as Column;
      rec[c.name] = decodeCell(c.type, row[i]);
    }
    out[r] = rec;
    rows[r] = null;
  }
  rows.length = 0;
  return out;
}

/** Small HTTP helpers shared by the Kusto simulator's routes. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gunzipSync } from "node:zlib";

export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;

/** A request body over MAX_REQUEST_BYTES: answered 413 (Kusto's documented status for an oversized request). */
export class RequestTooLarge extends Error {
  constructor() {
    super(`request body larger than ${MAX_REQUEST_BYTES} bytes`);
    this.name = "RequestTooLarge";
  }
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buf.length;
    // past the limit the rest is read and dropped, so the client hears the 413 instead of a reset connection
    if (size <= MAX_REQUEST_BYTES) chunks.push(buf);
  }
  if (size > MAX_REQUEST_BYTES) throw new RequestTooLarge();
  const raw = Buffer.concat(chunks);
  return (req.headers["content-encoding"] ?? "").includes("gzip")
    ? gunzipSync(raw).toString("utf8")
    : raw.toString("utf8");
}

export interface QueryRequest {
  readonly db: string;
  readonly csl: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly parameters: Readonly<Record<string, unknown>>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses `{db, csl, properties}`; `properties` may be an object or a JSON-encoded string. */
export function parseQueryRequest(text: string): QueryRequest | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "the request body is not valid JSON";
  }
  if (!isRecord(body)) return "the request body must be a JSON object";
  const { db, csl } = body;
  if (typeof csl !== "string" || csl.trim() === "") return "'csl' is missing";
  let properties: unknown = body["properties"];
  if (typeof properties === "string") {
    try {
      properties = properties.trim() === "" ? {} : JSON.parse(properties);
    } catch {
      return "'properties' is a string but not valid JSON";
    }
  }
  if (properties !== undefined && properties !== null && !isRecord(properties)) return "'properties' must be an object";
  const props = isRecord(properties) ? properties : {};
  const options = isRecord(props["Options"]) ? props["Options"] : {};
  const parameters = isRecord(props["Parameters"]) ? props["Parameters"] : {};
  return { db: typeof db === "string" ? db : "", csl, options, parameters };
}

/** `hh:mm:ss[.fff]` or `d.hh:mm:ss` (as the node client sends `servertimeout`) → milliseconds. */
export function parseTimespanMs(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const m = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (m === null) return undefined;
  const [, d = "0", h = "0", mi = "0", s = "0", frac = "0"] = m;
  return ((Number(d) * 24 + Number(h)) * 60 + Number(mi)) * 60_000 + Number(s) * 1000 + Number(`0.${frac}`) * 1000;
}

export function isTrue(value: unknown): boolean {
  return value === true || value === "true" || value === "True";
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Writing a {@link Reply} to the wire: JSON/raw bodies, ETag + If-None-Match, and the byte-level faults. */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Fault } from "../faults/plan.ts";
import type { Reply } from "./errors.ts";
import { cutAt } from "./faults.ts";

export interface Written {
  readonly status: number;
  readonly was304: boolean;
}

export function etagOf(body: string): string {
  return `W/"${createHash("sha1").update(body).digest("hex")}"`;
}

function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (t: string): string => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => t.trim() === "*" || bare(t) === bare(etag));
}

/** Whether a conditional request would be answered 304 (a 304 costs no rate limit when authorized). */
export function notModified(req: IncomingMessage, reply: Reply): boolean {
  const text = serialize(reply);
  return (
    reply.conditional === true &&
    reply.status === 200 &&
    text !== undefined &&
    matchesEtag(req.headers["if-none-match"], etagOf(text))
  );
}

export function serialize(reply: Reply): string | undefined {
  if (reply.raw !== undefined) return reply.raw;
  return reply.body === undefined ? undefined : JSON.stringify(reply.body);
}

/** Writes the reply; `304` when conditional and If-None-Match matches. Byte faults (`reset`, `truncate`) apply. */
export function write(
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
  base: Readonly<Record<string, string>>,
  fault: Fault | undefined,
): Written {
  const text = serialize(reply);
  const headers: Record<string, string> = { ...base, ...reply.headers };
  if (text !== undefined && reply.raw === undefined) headers["content-type"] = "application/json; charset=utf-8";
  if (reply.conditional === true && text !== undefined && reply.status === 200) {
    const etag = etagOf(text);
    headers.etag = etag;
    headers["cache-control"] = req.headers.authorization
      ? "private, max-age=60, s-maxage=60"
      : "public, max-age=60, s-maxage=60";
    headers.vary = "Accept, Authorization, Cookie, X-GitHub-OTP";
    if (matchesEtag(req.headers["if-none-match"], etag)) {
      delete headers["content-type"];
      delete headers.link;
      res.writeHead(304, headers);
      res.end();
      return { status: 304, was304: true };
    }
  }
  const buf = Buffer.from(text ?? "");
  const cut = cutAt(fault, buf.length);
  if (cut !== undefined && fault?.kind === "reset") {
    res.writeHead(reply.status, { ...headers, "content-length": String(buf.length) });
    res.write(buf.subarray(0, cut), () => {
      res.destroy();
    });
    return { status: reply.status, was304: false };
  }
  if (cut !== undefined) {
    res.writeHead(reply.status, headers);
    res.end(buf.subarray(0, cut));
    return { status: reply.status, was304: false };
  }
  if (reply.status === 204 || text === undefined) {
    res.writeHead(reply.status, headers);
    res.end();
    return { status: reply.status, was304: false };
  }
  res.writeHead(reply.status, { ...headers, "content-length": String(buf.length) });
  res.end(buf);
  return { status: reply.status, was304: false };
}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

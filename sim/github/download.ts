/**
 * The second origin that serves signed report downloads, like the blob storage behind GitHub's `download_links`:
 * no GitHub authentication (a request carrying `Authorization` is refused, as a pre-signed storage URL refuses a
 * second auth mechanism), HMAC signature + expiry in the query, NDJSON or JSON bodies (the variant is in the signed
 * path), XML errors.
 */
import type { Fault } from "../faults/plan.ts";
import type { GitHubUpstream } from "../world/types.ts";
import { type ReportKind, reportFile, verify } from "./copilot.ts";
import type { Reply } from "./errors.ts";

const KINDS: readonly string[] = ["organization-1-day", "users-1-day", "organization-28-day"];

function xmlError(status: number, code: string, message: string, extra = ""): Reply {
  return {
    status,
    raw: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}<RequestId>${Date.now().toString(16).toUpperCase()}</RequestId></Error>`,
    headers: { "content-type": "application/xml" },
  };
}

function expired(exp: number): Reply {
  return xmlError(
    403,
    "AccessDenied",
    "Request has expired",
    `<Expires>${new Date(exp * 1000).toISOString()}</Expires><ServerTime>${new Date().toISOString()}</ServerTime>`,
  );
}

/** Cuts one line of an NDJSON file (or a whole JSON document) in half: a report writer that crashed mid-record. */
function malform(text: string, fault: Fault): string {
  const lines = text.split("\n").filter((l) => l !== "");
  if (lines.length === 0) return '{"day":"';
  if (!text.startsWith("{\n") && !text.startsWith("[\n")) {
    const want = typeof fault.line === "number" ? fault.line : Math.floor(lines.length / 2);
    const at = Math.min(Math.max(0, want), lines.length - 1);
    return lines.map((l, i) => `${i === at ? l.slice(0, Math.max(1, Math.floor(l.length / 2))) : l}\n`).join("");
  }
  return text.slice(0, Math.max(1, Math.floor(text.length / 2)));
}

const FILE =
  /^\/copilot-reports\/([^/]+)\/([a-z0-9-]+)\/(\d{4}-\d{2}-\d{2})\/([a-z]+)\/part-(\d+)-of-(\d+)\.(ndjson|json)$/;

export function serveDownload(
  gh: GitHubUpstream,
  url: URL,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  key: string,
  fault: Fault | undefined,
): Reply {
  if (headers.authorization !== undefined)
    return xmlError(
      400,
      "InvalidArgument",
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified",
      "<ArgumentName>Authorization</ArgumentName>",
    );
  const m = FILE.exec(url.pathname);
  const exp = Number(url.searchParams.get("exp"));
  const sig = url.searchParams.get("sig") ?? "";
  if (m === null || !KINDS.includes(m[2] ?? "")) return xmlError(404, "NoSuchKey", "The specified key does not exist.");
  if (!Number.isFinite(exp) || !verify(key, url.pathname, exp, sig))
    return xmlError(
      403,
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided.",
    );
  if (fault?.kind === "expired-link" || exp * 1000 < Date.now()) return expired(exp);
  if (decodeURIComponent(m[1] ?? "").toLowerCase() !== gh.org.toLowerCase())
    return xmlError(404, "NoSuchKey", "The specified key does not exist.");
  const encoding = m[7] === "json" ? "json" : "ndjson";
  const text = reportFile(gh, {
    kind: m[2] as ReportKind,
    day: m[3] ?? "",
    shape: m[4] ?? "",
    encoding,
    part: Number(m[5]),
    parts: Number(m[6]),
  });
  if (text === undefined) return xmlError(404, "NoSuchKey", "The specified key does not exist.");
  return {
    status: 200,
    raw: fault?.kind === "malformed-ndjson" ? malform(text, fault) : text,
    // assumed: blob storage serves what the uploader declared; clients must not rely on it
    headers: { "content-type": encoding === "json" ? "application/json" : "application/x-ndjson" },
  };
}

/** GitHub's error bodies, worded as api.github.com words them. */
import { randomBytes } from "node:crypto";

export interface Reply {
  readonly status: number;
  readonly body?: unknown;
  /** a non-JSON body (sent as is) */
  readonly raw?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** compute an ETag and honour If-None-Match */
  readonly conditional?: boolean;
}

const DOCS = "https://docs.github.com/rest";
const RATE_DOCS = "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api";

export function requestId(): string {
  const h = randomBytes(10).toString("hex").toUpperCase();
  return `${h.slice(0, 4)}:${h.slice(4, 9)}:${h.slice(9, 15)}:${h.slice(15, 20)}`;
}

export function error(status: number, message: string, extra: Record<string, unknown> = {}, docs = DOCS): Reply {
  return { status, body: { message, documentation_url: docs, status: String(status), ...extra } };
}

export const notFound = (): Reply => error(404, "Not Found");
/** An `X-GitHub-Api-Version` the API does not support: 400 (docs: API versions). The message text is assumed. */
export const unsupportedApiVersion = (): Reply =>
  error(400, "Unsupported API version", {}, "https://docs.github.com/rest/about-the-rest-api/api-versions");
export const badCredentials = (): Reply => error(401, "Bad credentials");
export const requiresAuth = (): Reply => error(401, "Requires authentication");
/** What an installation token (GITHUB_TOKEN) gets on an endpoint its permissions do not cover. */
export const notAccessible = (docs = DOCS): Reply => error(403, "Resource not accessible by integration", {}, docs);

export function validationFailed(errors: readonly Record<string, unknown>[], docs = DOCS): Reply {
  return error(422, "Validation Failed", { errors }, docs);
}

/** Primary limit exhausted: the message names who ran out, like api.github.com does. */
export function primaryLimitMessage(kind: string, who: string): string {
  if (kind === "anonymous")
    return `API rate limit exceeded for ${who}. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)`;
  if (kind === "github") return `API rate limit exceeded for installation ID ${who}.`;
  return `API rate limit exceeded for user ID ${who}.`;
}

export function primaryLimit(message: string): Reply {
  return error(403, message, {}, RATE_DOCS);
}

export function secondaryLimit(status: 403 | 429, retryAfter: number, message?: string): Reply {
  const text =
    message ??
    `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${requestId()}.`;
  return {
    status,
    body: { message: text, documentation_url: `${RATE_DOCS}#about-secondary-rate-limits`, status: String(status) },
    headers: { "retry-after": String(retryAfter) },
  };
}

/** Bodies of 5xx answers as the GitHub edge sends them. */
export function serverError(status: number, message?: string): Reply {
  const text =
    message ??
    (status === 504
      ? "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists."
      : status === 503
        ? "Service Unavailable"
        : "Server Error");
  return error(status, text);
}

/** The unicorn page a GitHub edge answers with when the backend is down (non-JSON). */
export const UNICORN_HTML =
  '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>Unicorn! &middot; GitHub</title></head>' +
  "<body><p><strong>We had issues producing the response to your request.</strong></p>" +
  "<p>Sorry about that. Please try refreshing and contact us if the problem persists.</p></body></html>\n";

/** GitHub-style page slicing and `Link` headers with absolute URLs. */

export interface PageRequest {
  readonly page: number;
  readonly perPage: number;
}

/** `page` (default 1) and `per_page` (default 30, silently capped at `max`, as GitHub does). */
export function pageRequest(query: URLSearchParams, max = 100, def = 30): PageRequest {
  const page = Number.parseInt(query.get("page") ?? "", 10);
  const per = Number.parseInt(query.get("per_page") ?? "", 10);
  return {
    page: Number.isFinite(page) && page > 0 ? page : 1,
    perPage: Number.isFinite(per) && per > 0 ? Math.min(per, max) : def,
  };
}

/**
 * The `Link` header for a listing of `reachable` items (what may be paged through, after caps).
 * `absolute` is the request URL rebuilt on the simulator's origin; other query parameters are kept.
 */
export function linkHeader(absolute: URL, req: PageRequest, reachable: number): string | undefined {
  const last = Math.max(1, Math.ceil(reachable / req.perPage));
  const at = (page: number): string => {
    const u = new URL(absolute.href);
    u.searchParams.set("page", String(page));
    return `<${u.href}>`;
  };
  const parts: string[] = [];
  if (req.page > 1) parts.push(`${at(Math.min(req.page - 1, last))}; rel="prev"`);
  if (req.page < last) parts.push(`${at(req.page + 1)}; rel="next"`, `${at(last)}; rel="last"`);
  if (req.page > 1) parts.push(`${at(1)}; rel="first"`);
  return parts.length > 0 ? parts.join(", ") : undefined;
}

export function slice<T>(items: readonly T[], req: PageRequest): T[] {
  const start = (req.page - 1) * req.perPage;
  return items.slice(start, start + req.perPage);
}

/** A page answer: the slice plus its Link header. */
export function paged<T>(
  items: readonly T[],
  absolute: URL,
  req: PageRequest,
  reachable = items.length,
): { body: T[]; headers: Record<string, string> } {
  const link = linkHeader(absolute, req, reachable);
  return { body: slice(items.slice(0, reachable), req), headers: link === undefined ? {} : { link } };
}

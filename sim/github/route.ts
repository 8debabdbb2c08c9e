/** The route table's types and the template matcher. */
import type { Fault } from "../faults/plan.ts";
import type { Reply } from "./errors.ts";
import type { Resource } from "./ratelimit.ts";
import type { StartOptions, TokenKind } from "./types.ts";

export interface Ctx {
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** the request URL, absolute on the API origin */
  readonly url: URL;
  readonly body: unknown;
  readonly token: TokenKind;
  /** API origin, `http://127.0.0.1:PORT` */
  readonly api: string;
  readonly world: StartOptions["world"];
  /** the simulated clock: world.now plus the real time elapsed since start */
  readonly now: () => Date;
  readonly fault: Fault | undefined;
}

/**
 * Who may call a route: `any` token (or none), `copilot` (org-level Copilot metrics permission: COPILOT_TOKEN or a
 * PAT), `write` (repository write: GITHUB_TOKEN or a PAT).
 */
export type Access = "any" | "copilot" | "write";

export interface Route {
  readonly method: string;
  /** path template as in the OpenAPI description, e.g. `/users/{username}/events/public` */
  readonly template: string;
  /** fault-plan route name, e.g. `github:events` */
  readonly name: string;
  /** OpenAPI path template for validation (default `template`); null when the document has none (GraphQL) */
  readonly openapi?: string | null;
  readonly resource: Resource;
  readonly access: Access;
  /** documentation URL used in this route's 403 answers */
  readonly docs?: string;
  handle(ctx: Ctx): Reply;
}

export function compile(template: string): RegExp {
  const src = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\\?\{[a-z_]+\\?\}/g, "([^/]+)");
  return new RegExp(`^${src}$`);
}

export function matchRoute(
  routes: readonly (Route & { readonly re: RegExp })[],
  method: string,
  pathname: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.re.exec(pathname);
    if (m === null) continue;
    const names = [...route.template.matchAll(/\{([a-z_]+)\}/g)].map((x) => x[1] ?? "");
    const params: Record<string, string> = {};
    names.forEach((n, i) => {
      params[n] = decodeURIComponent(m[i + 1] ?? "");
    });
    return { route, params };
  }
  return undefined;
}

/** UTC day `YYYY-MM-DD` of a date. */
export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

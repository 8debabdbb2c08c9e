/**
 * Loading GitHub's official OpenAPI description (`@octokit/openapi`, `generated/api.github.com.json`): the full
 * 13 MB document, or a cached subset holding only the simulator's paths and the components they reference.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
export type Schema = { readonly [k: string]: unknown };

interface MediaContent {
  readonly schema?: Schema;
}
export interface ResponseObject {
  readonly $ref?: string;
  readonly content?: Readonly<Record<string, MediaContent>>;
}
export interface Operation {
  readonly responses: Readonly<Record<string, ResponseObject>>;
}
export interface OpenApiDocument {
  readonly info: { readonly version: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, Schema>>;
    readonly responses: Readonly<Record<string, ResponseObject>>;
  };
}

/** Path templates the simulator answers; a cached subset of the document holds just these (fast to load). */
export const SIM_PATHS: readonly string[] = [
  "/orgs/{org}/copilot/metrics/reports/organization-1-day",
  "/orgs/{org}/copilot/metrics/reports/users-1-day",
  "/orgs/{org}/copilot/metrics/reports/organization-28-day/latest",
  "/users/{username}/events/public",
  "/orgs/{org}/repos",
  "/repos/{owner}/{repo}/forks",
  "/repos/{owner}/{repo}",
  "/search/repositories",
  "/repos/{owner}/{repo}/pulls",
  "/repos/{owner}/{repo}/pulls/{pull_number}",
  "/repos/{owner}/{repo}/issues",
  "/repos/{owner}/{repo}/issues/{issue_number}",
  "/repos/{owner}/{repo}/issues/{issue_number}/comments",
  "/repos/{owner}/{repo}/issues/{issue_number}/labels",
];

let cached: OpenApiDocument | undefined;
let subset: OpenApiDocument | undefined;

function openApiFile(): string {
  return createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
}

/** Loads (once) the full api.github.com document of the installed @octokit/openapi (13 MB: ~1-2 s). */
export function loadOpenApi(): OpenApiDocument {
  cached ??= JSON.parse(readFileSync(openApiFile(), "utf8")) as OpenApiDocument;
  return cached;
}

/** The document reduced to {@link SIM_PATHS} and the components they reference. */
export function extractSubset(doc: OpenApiDocument, paths: readonly string[]): OpenApiDocument {
  const schemas: Record<string, Schema> = {};
  const responses: Record<string, ResponseObject> = {};
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (k === "$ref" && typeof x === "string") {
          const [, kind, name = ""] = x.split("/").slice(1);
          if (kind === "schemas" && !(name in schemas) && doc.components.schemas[name] !== undefined) {
            schemas[name] = doc.components.schemas[name];
            walk(schemas[name]);
          } else if (kind === "responses" && !(name in responses) && doc.components.responses[name] !== undefined) {
            responses[name] = doc.components.responses[name];
            walk(responses[name]);
          }
        } else walk(x);
      }
    }
  };
  const out: Record<string, Readonly<Record<string, Operation>>> = {};
  for (const p of paths) {
    const ops = doc.paths[p];
    if (ops === undefined) continue;
    out[p] = ops;
    walk(ops);
  }
  return { info: doc.info, paths: out, components: { schemas, responses } };
}

/** The subset for the simulator's own paths, cached under node_modules/.cache keyed by the package version. */
function loadSubset(): OpenApiDocument {
  if (subset !== undefined) return subset;
  const pkg = JSON.parse(readFileSync(join(dirname(openApiFile()), "..", "package.json"), "utf8")) as {
    version: string;
  };
  const dir = join(dirname(openApiFile()), "..", "..", "..", ".cache", "ace-github-sim");
  const file = join(dir, `openapi-subset-${pkg.version}-${hashPaths()}.json`);
  if (existsSync(file)) subset = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  else {
    subset = extractSubset(loadOpenApi(), SIM_PATHS);
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(subset));
    renameSync(tmp, file);
  }
  return subset;
}

function hashPaths(): string {
  return createHash("sha1").update(SIM_PATHS.join("\n")).digest("hex").slice(0, 8);
}

/** The document to validate `pathTemplate` with: the small cached subset when it covers it, else the full one. */
export function documentFor(pathTemplate: string): OpenApiDocument {
  return SIM_PATHS.includes(pathTemplate) ? loadSubset() : loadOpenApi();
}

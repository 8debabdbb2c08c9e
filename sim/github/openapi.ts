/**
 * A small validator of JSON values against GitHub's official OpenAPI description (`@octokit/openapi`,
 * `generated/api.github.com.json`, OpenAPI 3.0). It implements the subset of JSON Schema that document uses:
 * `$ref` (components), `type` + `nullable`, `properties`, `required`, `additionalProperties`, `items`, `enum`,
 * `allOf`, `anyOf`, `oneOf`, `minimum`/`maximum`, `minLength`/`maxLength`, `pattern`, `minItems`/`maxItems`,
 * `uniqueItems`, `maxProperties`, and the formats `date-time`, `date`, `uri`.
 * Documented leniency: `oneOf` is checked as "at least one branch matches", because GitHub's unions are not
 * discriminated (e.g. an event `payload` of `public-event`, which has no properties, matches every object); event
 * payloads are therefore also checked against the schema their `type` names ({@link eventPayloadErrors}).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

type Json = null | boolean | number | string | readonly Json[] | { readonly [k: string]: Json };
type Schema = { readonly [k: string]: unknown };

interface MediaContent {
  readonly schema?: Schema;
}
interface ResponseObject {
  readonly $ref?: string;
  readonly content?: Readonly<Record<string, MediaContent>>;
}
interface Operation {
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

function resolve(doc: OpenApiDocument, ref: string): Schema {
  const m = /^#\/components\/(schemas|responses)\/(.+)$/.exec(ref);
  const found = m?.[1] === "schemas" ? doc.components.schemas[m[2] ?? ""] : undefined;
  if (found === undefined) throw new Error(`unresolvable $ref ${ref}`);
  return found;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

const FORMATS: Readonly<Record<string, (s: string) => boolean>> = {
  "date-time": (s) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s),
  date: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
  uri: (s) => URL.canParse(s),
};

const arr = (v: unknown): readonly Schema[] => (Array.isArray(v) ? (v as Schema[]) : []);
const num = (v: unknown): number | undefined => (typeof v === "number" ? v : undefined);

/** Errors of `value` against `schema` (empty = valid); each names the JSON path. */
export function validateSchema(doc: OpenApiDocument, schema: Schema, value: unknown, path = "$"): string[] {
  if (typeof schema.$ref === "string") return validateSchema(doc, resolve(doc, schema.$ref), value, path);
  const errors: string[] = [];
  if (value === null) {
    if (schema.nullable === true || schema.type === undefined) return [];
    if (arr(schema.anyOf).length + arr(schema.oneOf).length + arr(schema.allOf).length === 0)
      return [`${path}: null where ${String(schema.type)} is required`];
  }
  for (const sub of arr(schema.allOf)) errors.push(...validateSchema(doc, sub, value, path));
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = arr(schema[key]);
    if (branches.length > 0 && !(value === null && schema.nullable === true)) {
      let best: string[] | undefined;
      for (const b of branches) {
        const r = validateSchema(doc, b, value, path);
        if (best === undefined || r.length < best.length) best = r;
        if (r.length === 0) break;
      }
      if (best !== undefined && best.length > 0)
        errors.push(`${path}: matches no ${key} branch (closest: ${best.slice(0, 3).join("; ")})`);
    }
  }
  if (value === null) return errors;
  const t = typeOf(value);
  if (typeof schema.type === "string") {
    const ok = schema.type === t || (schema.type === "number" && t === "integer");
    if (!ok) return [...errors, `${path}: expected ${schema.type}, got ${t}`];
  }
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(schema.enum)}`);
  if (typeof value === "string") errors.push(...checkString(schema, value, path));
  if (typeof value === "number") {
    const min = num(schema.minimum);
    const max = num(schema.maximum);
    if (min !== undefined && value < min) errors.push(`${path}: ${value} < minimum ${min}`);
    if (max !== undefined && value > max) errors.push(`${path}: ${value} > maximum ${max}`);
  }
  if (Array.isArray(value)) errors.push(...checkArray(doc, schema, value, path));
  else if (t === "object") errors.push(...checkObject(doc, schema, value as Readonly<Record<string, unknown>>, path));
  return errors;
}

function checkString(schema: Schema, value: string, path: string): string[] {
  const errors: string[] = [];
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format !== undefined && !format(value)) errors.push(`${path}: "${value}" is not a ${String(schema.format)}`);
  const minL = num(schema.minLength);
  const maxL = num(schema.maxLength);
  if (minL !== undefined && value.length < minL) errors.push(`${path}: shorter than ${minL}`);
  if (maxL !== undefined && value.length > maxL) errors.push(`${path}: longer than ${maxL}`);
  if (typeof schema.pattern === "string" && !new RegExp(schema.pattern, "u").test(value))
    errors.push(`${path}: does not match ${schema.pattern}`);
  return errors;
}

function checkArray(doc: OpenApiDocument, schema: Schema, value: readonly unknown[], path: string): string[] {
  const errors: string[] = [];
  const minI = num(schema.minItems);
  const maxI = num(schema.maxItems);
  if (minI !== undefined && value.length < minI) errors.push(`${path}: fewer than ${minI} items`);
  if (maxI !== undefined && value.length > maxI) errors.push(`${path}: more than ${maxI} items`);
  if (schema.uniqueItems === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length)
    errors.push(`${path}: items not unique`);
  const items = schema.items;
  if (items !== null && typeof items === "object") {
    value.forEach((v, i) => {
      errors.push(...validateSchema(doc, items as Schema, v, `${path}[${i}]`));
    });
  }
  return errors;
}

function checkObject(
  doc: OpenApiDocument,
  schema: Schema,
  value: Readonly<Record<string, unknown>>,
  path: string,
): string[] {
  const errors: string[] = [];
  const props = (schema.properties ?? {}) as Readonly<Record<string, Schema>>;
  for (const key of Array.isArray(schema.required) ? (schema.required as string[]) : [])
    if (!(key in value)) errors.push(`${path}: missing required property "${key}"`);
  const maxP = num(schema.maxProperties);
  if (maxP !== undefined && Object.keys(value).length > maxP) errors.push(`${path}: more than ${maxP} properties`);
  for (const [key, v] of Object.entries(value)) {
    const sub = props[key];
    if (sub !== undefined) errors.push(...validateSchema(doc, sub, v, `${path}.${key}`));
    else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property "${key}"`);
    else if (schema.additionalProperties !== null && typeof schema.additionalProperties === "object")
      errors.push(...validateSchema(doc, schema.additionalProperties as Schema, v, `${path}.${key}`));
  }
  return errors;
}

/** The JSON schema of one documented answer, or undefined when the document declares none for that status. */
export function responseSchema(
  doc: OpenApiDocument,
  method: string,
  pathTemplate: string,
  status: number,
): Schema | undefined {
  const op = doc.paths[pathTemplate]?.[method.toLowerCase()];
  if (op === undefined) throw new Error(`${method} ${pathTemplate} is not in the OpenAPI description`);
  let res = op.responses[String(status)];
  if (res?.$ref !== undefined) res = doc.components.responses[res.$ref.split("/").pop() ?? ""];
  const content = res?.content;
  if (content === undefined) return undefined;
  return (content["application/json"] ?? Object.values(content)[0])?.schema;
}

/**
 * Validates an answer body against the operation's documented response for `status`.
 * Returns errors; a status the document does not list for the operation (e.g. 401, 429) yields no errors
 * unless `strictStatus`.
 */
export function validateResponse(
  method: string,
  pathTemplate: string,
  status: number,
  body: unknown,
  opts: { strictStatus?: boolean } = {},
): string[] {
  const doc = documentFor(pathTemplate);
  const schema = responseSchema(doc, method, pathTemplate, status);
  if (schema === undefined) {
    const listed = Object.keys(doc.paths[pathTemplate]?.[method.toLowerCase()]?.responses ?? {});
    return opts.strictStatus === true && !listed.includes(String(status))
      ? [`${method} ${pathTemplate}: status ${status} not documented (${listed.join(", ")})`]
      : [];
  }
  const errors = validateSchema(doc, schema, body as Json);
  if (pathTemplate.endsWith("/events/public") && Array.isArray(body)) errors.push(...eventPayloadErrors(doc, body));
  return errors;
}

/**
 * The event `payload` union is not discriminated in the document (and `public-event` matches any object), so the
 * payload of each event is also checked against the schema its `type` names: `PushEvent` → `push-event`.
 */
export function eventPayloadErrors(doc: OpenApiDocument, events: readonly unknown[]): string[] {
  const errors: string[] = [];
  events.forEach((e, i) => {
    if (e === null || typeof e !== "object") return;
    const { type, payload } = e as { type?: unknown; payload?: unknown };
    if (typeof type !== "string") return;
    const name = type.replace(/([a-z])([A-Z])/g, "$1-$2").toLowerCase();
    const schema = doc.components.schemas[name];
    if (schema === undefined) return;
    const found = validateSchema(doc, schema, payload, `$[${i}].payload(${type})`);
    // Known gap in the description: GitHub documents CreateEvent.ref as "null if ref_type is repository" but types it string.
    const repoCreate = type === "CreateEvent" && (payload as { ref_type?: unknown } | null)?.ref_type === "repository";
    errors.push(...found.filter((x) => !(repoCreate && x.endsWith(".ref: null where string is required"))));
  });
  return errors;
}

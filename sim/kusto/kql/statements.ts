/**
 * A KQL query block against the aggregate database: `set` options, `declare query_parameters(…)` bound to the
 * request's parameters, `let` statements (scalars, tabular expressions, scalar functions with typed parameters),
 * then one tabular expression statement: its table is the result.
 */
import type { Analysis, SyntaxNode } from "../analyzer.ts";
import { parseDatetime, parseStringParam } from "../params.ts";
import { compile, type Env } from "./eval-expr.ts";
import { tabular } from "./eval-tabular.ts";
import { literal } from "./literals.ts";
import { Syntax, UnsupportedKql, unsupported } from "./syntax.ts";
import type { Scalar, Table } from "./tables.ts";

export interface QueryResult {
  readonly table: Table;
  readonly notruncation: boolean;
}

/** Thrown for a missing or unparsable query parameter (answered as HTTP 400). */
export class ParameterError extends Error {}

function bindParameter(name: string, type: string, raw: unknown): Scalar {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  const bad = (): never => {
    throw new ParameterError(`Query parameter '${name}': cannot parse '${text}' as ${type}`);
  };
  const inner = (t: string): string => /^\w+\((.*)\)$/s.exec(t.trim())?.[1] ?? t.trim();
  if (/^\w+\(\s*null\s*\)$/.test(text.trim())) return type === "string" ? "" : null;
  switch (type) {
    case "datetime":
    case "date":
      return parseDatetime(text)?.getTime() ?? bad();
    case "long":
    case "int": {
      const n = Number(inner(text));
      return Number.isInteger(n) ? n : bad();
    }
    case "real":
    case "double": {
      const n = Number(inner(text));
      return Number.isNaN(n) ? bad() : n;
    }
    case "bool":
    case "boolean": {
      const t = inner(text).toLowerCase();
      return t === "true" ? true : t === "false" ? false : bad();
    }
    case "string":
      return parseStringParam(text);
    default:
      throw new ParameterError(`Query parameter '${name}': type ${type} is outside the simulator's KQL subset`);
  }
}

function declareParameters(env: Env, stmt: SyntaxNode, given: Readonly<Record<string, unknown>>): void {
  const s = env.s;
  for (const param of s.elements(s.child(stmt, "List"))) {
    const [decl, dflt] = s.parts(param);
    const [nameNode, typeNode] = decl === undefined ? [] : s.parts(decl);
    if (nameNode === undefined || typeNode === undefined) unsupported(s, param);
    const name = s.nameOf(nameNode);
    const type = s.text(typeNode).trim().toLowerCase();
    if (Object.hasOwn(given, name)) {
      env.scalars.set(name, bindParameter(name, type, given[name]));
      continue;
    }
    const dexpr = dflt === undefined ? undefined : s.parts(dflt).at(-1);
    if (dexpr === undefined)
      throw new ParameterError(`Query parameter '${name}' of type '${type}' was declared but no value was provided`);
    env.scalars.set(name, literal(s, dexpr));
  }
}

function letStatement(env: Env, stmt: SyntaxNode): void {
  const s = env.s;
  const [decl, value] = s.parts(stmt);
  if (decl === undefined || value === undefined) unsupported(s, stmt);
  const name = s.nameOf(decl);
  if (s.kind(value) === "FunctionDeclaration") {
    const [paramsNode, bodyNode] = s.parts(value);
    const params = s.elements(paramsNode === undefined ? undefined : s.child(paramsNode, "List")).map((p) => {
      const nameDecl = s.parts(s.parts(p)[0] ?? p)[0];
      return nameDecl === undefined ? unsupported(s, p) : s.nameOf(nameDecl);
    });
    const body = bodyNode === undefined ? undefined : s.parts(bodyNode).at(-1);
    const inner = bodyNode === undefined ? [] : s.elements(s.child(bodyNode, "List"));
    if (body === undefined || s.isTabular(body) || inner.length > 0)
      unsupported(s, value, "a function other than one scalar expression");
    env.functions.set(name, { params, body });
    return;
  }
  if (s.isTabular(value)) {
    env.tables.set(name, tabular(env, value));
    return;
  }
  env.scalars.set(name, compile(value, { env, table: undefined, params: new Map() })(0));
}

/** Runs an analyzed query; throws UnsupportedKql or ParameterError for a 400. */
export function runStatements(
  analysis: Analysis,
  db: ReadonlyMap<string, Table>,
  parameters: Readonly<Record<string, unknown>>,
): QueryResult {
  const s = new Syntax(analysis.kindOf);
  const env: Env = { s, scalars: new Map(), tables: new Map(), functions: new Map(), db };
  const statements = s
    .children(analysis.syntax)
    .filter((c) => s.kind(c) === "List")
    .flatMap((l) => s.elements(l));
  let notruncation = false;
  let result: Table | undefined;
  for (const stmt of statements) {
    const kind = s.kind(stmt);
    if (kind === "SemicolonToken") continue;
    if (kind === "SetOptionStatement") {
      if (/^set\s+notruncation\b/i.test(s.text(stmt).trim())) notruncation = true;
    } else if (kind === "QueryParametersStatement") declareParameters(env, stmt, parameters);
    else if (kind === "LetStatement") letStatement(env, stmt);
    else if (kind === "ExpressionStatement") {
      if (result !== undefined)
        throw new UnsupportedKql("the simulator answers one tabular expression statement per query");
      const expr = s.parts(stmt)[0];
      if (expr === undefined || !s.isTabular(expr)) return unsupported(s, stmt, "a query whose result is not a table");
      result = tabular(env, expr);
    } else unsupported(s, stmt, `the statement '${s.show(stmt)}'`);
  }
  if (result === undefined) throw new UnsupportedKql("the query has no tabular expression statement");
  return { table: result, notruncation };
}

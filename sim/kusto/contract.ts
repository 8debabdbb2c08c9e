/**
 * The query contract the simulator honours (it is no KQL engine): checked on the analyzer's syntax tree.
 *
 *   [set notruncation;]
 *   declare query_parameters(window_start:datetime, window_end:datetime[, login:string | user_key:string]);
 *   <Table>
 *   | where <timeColumn> >= window_start and <timeColumn> < window_end
 *     (or: | where ingestion_time() >= window_start and ingestion_time() < window_end — the incremental extracts)
 *   [| where <personColumn> == login | user_key]
 *   [| project <column>, …]
 *   | order by <key1> asc[, <key2> asc …]
 *
 * Filter terms may be split over several `where`s or joined with `and` in one; `=~` is accepted for the person.
 */
import type { Analysis, SyntaxNode } from "./analyzer.ts";
import type { UpstreamTable } from "./upstream-schema.ts";

export type PersonKind = "login" | "user_key";

export interface DeclaredParameter {
  readonly name: string;
  readonly type: string;
  /** the default value's literal text, when declared with `= …` */
  readonly defaultText?: string;
}

export interface QueryContract {
  readonly table: UpstreamTable;
  readonly parameters: readonly DeclaredParameter[];
  readonly person?: { readonly kind: PersonKind; readonly column: string };
  readonly notruncation: boolean;
  /** what the window parameters bound: the table's timeColumn, or the rows' ingestion time (`ingestion_time()`) */
  readonly windowOn: "time" | "ingestion";
}

/** The filter operand standing for KQL's `ingestion_time()` (learn.microsoft.com/kusto/query/ingestion-time-function). */
export const INGESTION_TIME = "ingestion_time()";

export type ContractResult =
  | { readonly ok: true; readonly contract: QueryContract }
  | { readonly ok: false; readonly message: string };

const ALLOWED_PARAMS: Readonly<Record<string, string>> = {
  window_start: "datetime",
  window_end: "datetime",
  login: "string",
  user_key: "string",
};

class ContractError extends Error {}

function fail(message: string): never {
  throw new ContractError(message);
}

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let i = 0; i < node.ChildCount; i++) {
    const child = node.GetChild(i);
    if (child !== null) out.push(child);
  }
  return out;
}

function tokenText(node: SyntaxNode): string {
  if (node.IsToken) return node.Text ?? "";
  return children(node).map(tokenText).join(" ");
}

/** Elements of a (separated) list node, unwrapping SeparatedElement. */
function elements(a: Analysis, list: SyntaxNode): SyntaxNode[] {
  return children(list).map((c) => (a.kindOf(c) === "SeparatedElement" ? (children(c)[0] ?? c) : c));
}

function nameOf(a: Analysis, node: SyntaxNode): string | undefined {
  let n = node;
  while (a.kindOf(n) === "ParenthesizedExpression") n = children(n)[1] ?? n;
  if (a.kindOf(n) !== "NameReference") return undefined;
  const text = tokenText(n).replace(/\s+/g, "");
  const bracketed = /^\[['"](.*)['"]\]$/.exec(text);
  return bracketed?.[1] ?? text;
}

function declaredParameters(a: Analysis, stmt: SyntaxNode): DeclaredParameter[] {
  const list = children(stmt).find((c) => a.kindOf(c) === "List");
  if (list === undefined) return [];
  return elements(a, list).map((param) => {
    const [decl, dflt] = children(param);
    const parts = decl === undefined ? [] : children(decl);
    const name = parts[0] === undefined ? "" : tokenText(parts[0]).trim();
    const type = parts[2] === undefined ? "" : tokenText(parts[2]).trim();
    const defaultExpr = dflt === undefined ? undefined : children(dflt).at(-1);
    return defaultExpr === undefined ? { name, type } : { name, type, defaultText: tokenText(defaultExpr).trim() };
  });
}

interface Terms {
  start?: string;
  end?: string;
  person?: { column: string; param: string };
}

function collectTerms(a: Analysis, expr: SyntaxNode, terms: Terms): void {
  const kind = a.kindOf(expr);
  const [left, , right] = children(expr);
  if (kind === "ParenthesizedExpression") {
    const inner = children(expr)[1];
    if (inner !== undefined) collectTerms(a, inner, terms);
    return;
  }
  if (kind === "AndExpression" && left !== undefined && right !== undefined) {
    collectTerms(a, left, terms);
    collectTerms(a, right, terms);
    return;
  }
  const column =
    left === undefined
      ? undefined
      : a.kindOf(left) === "FunctionCallExpression" && tokenText(left).replace(/\s+/g, "") === INGESTION_TIME
        ? INGESTION_TIME
        : nameOf(a, left);
  const param = right === undefined ? undefined : nameOf(a, right);
  if (column !== undefined && param !== undefined) {
    if (kind === "GreaterThanOrEqualExpression" && param === "window_start" && terms.start === undefined) {
      terms.start = column;
      return;
    }
    if (kind === "LessThanExpression" && param === "window_end" && terms.end === undefined) {
      terms.end = column;
      return;
    }
    if (
      (kind === "EqualExpression" || kind === "EqualTildeExpression") &&
      (param === "login" || param === "user_key")
    ) {
      if (terms.person === undefined) {
        terms.person = { column, param };
        return;
      }
    }
  }
  fail(
    `the filter '${tokenText(expr).replace(/\s+/g, " ").trim()}' is outside the simulator's query contract: ` +
      "only '<timeColumn> >= window_start', '<timeColumn> < window_end' and '<personColumn> == login|user_key' joined with 'and'",
  );
}

function pipeline(a: Analysis, expr: SyntaxNode): { source: SyntaxNode; operators: SyntaxNode[] } {
  const operators: SyntaxNode[] = [];
  let node = expr;
  while (a.kindOf(node) === "PipeExpression") {
    const [inner, , op] = children(node);
    if (inner === undefined || op === undefined) fail("malformed pipe expression");
    operators.unshift(op);
    node = inner;
  }
  return { source: node, operators };
}

function checkOrderBy(a: Analysis, op: SyntaxNode, table: UpstreamTable): void {
  const list = children(op)
    .filter((c) => a.kindOf(c) === "List")
    .at(-1);
  const ordered = list === undefined ? [] : elements(a, list);
  const want = table.key.map((k) => `${k} asc`).join(", ");
  const got = ordered.map((o) => {
    const [e, clause] = children(o);
    const name = e === undefined ? undefined : nameOf(a, a.kindOf(o) === "OrderedExpression" ? e : o);
    const dir = clause === undefined ? "" : tokenText(clause).trim().split(/\s+/)[0];
    return `${name ?? tokenText(o).trim()} ${dir === "" ? "(desc by default)" : dir}`;
  });
  if (got.join(", ") !== want) {
    fail(
      `the simulator's query contract requires '| order by ${want}' (the key of ${table.name}), got '${got.join(", ")}'`,
    );
  }
}

function checkProject(a: Analysis, op: SyntaxNode): void {
  const list = children(op).find((c) => a.kindOf(c) === "List");
  for (const item of list === undefined ? [] : elements(a, list)) {
    if (nameOf(a, item) === undefined) {
      fail(`'project ${tokenText(item).trim()}' is outside the query contract: project upstream columns by name only`);
    }
  }
}

function check(a: Analysis, tables: readonly UpstreamTable[]): QueryContract {
  const statements = children(a.syntax)
    .filter((c) => a.kindOf(c) === "List")
    .flatMap((l) => elements(a, l));
  let parameters: DeclaredParameter[] | undefined;
  let notruncation = false;
  const expressions: SyntaxNode[] = [];
  for (const stmt of statements) {
    const kind = a.kindOf(stmt);
    if (kind === "QueryParametersStatement" && parameters === undefined) parameters = declaredParameters(a, stmt);
    else if (kind === "SetOptionStatement" && /^set\s+notruncation\b/i.test(tokenText(stmt).trim()))
      notruncation = true;
    else if (kind === "ExpressionStatement") expressions.push(children(stmt)[0] ?? stmt);
    else fail(`statement '${tokenText(stmt).trim().slice(0, 60)}' is outside the simulator's query contract`);
  }
  if (parameters === undefined)
    fail("the query must start with 'declare query_parameters(window_start:datetime, window_end:datetime, …);'");
  for (const p of parameters) {
    if (ALLOWED_PARAMS[p.name] !== p.type) {
      fail(
        `query parameter '${p.name}:${p.type}' is outside the contract (allowed: window_start:datetime, window_end:datetime, login:string, user_key:string)`,
      );
    }
  }
  const names = parameters.map((p) => p.name);
  if (!names.includes("window_start") || !names.includes("window_end"))
    fail("window_start and window_end must be declared");
  if (names.includes("login") && names.includes("user_key")) fail("declare at most one of login and user_key");
  const [expr, ...more] = expressions;
  if (expr === undefined || more.length > 0) fail("the query must have exactly one tabular expression");
  const { source, operators } = pipeline(a, expr);
  const tableName = nameOf(a, source);
  const table = tables.find((t) => t.name === tableName);
  if (table === undefined) fail(`the query must read one upstream table by name, not '${tokenText(source).trim()}'`);
  const terms: Terms = {};
  let seenProject = false;
  let seenOrder = false;
  for (const op of operators) {
    const kind = a.kindOf(op);
    if (kind === "FilterOperator" && !seenProject && !seenOrder) {
      const predicate = children(op).at(-1);
      if (predicate !== undefined) collectTerms(a, predicate, terms);
    } else if (kind === "ProjectOperator" && !seenProject) {
      checkProject(a, op);
      seenProject = true;
    } else if (kind === "SortOperator" && !seenOrder) {
      checkOrderBy(a, op, table);
      seenOrder = true;
    } else {
      fail(
        `the operator '${tokenText(op).trim().split(/\s+/)[0]}' here is outside the simulator's query contract (where → project → order by)`,
      );
    }
  }
  const windowOn = terms.start === INGESTION_TIME ? "ingestion" : "time";
  const bound = windowOn === "ingestion" ? INGESTION_TIME : table.timeColumn;
  if (terms.start !== bound || terms.end !== bound) {
    fail(
      `filter the time window on ${table.name}.${table.timeColumn}: '| where ${table.timeColumn} >= window_start and ${table.timeColumn} < window_end'`,
    );
  }
  if (!seenOrder)
    fail(`the simulator's query contract requires '| order by ${table.key.map((k) => `${k} asc`).join(", ")}'`);
  const personParam = names.find((n): n is PersonKind => n === "login" || n === "user_key");
  if (personParam !== undefined || terms.person !== undefined) {
    const column = table.personColumns[personParam ?? "login"];
    if (
      personParam === undefined ||
      terms.person === undefined ||
      column === undefined ||
      terms.person.column !== column ||
      terms.person.param !== personParam
    ) {
      fail(
        column === undefined
          ? `${table.name} cannot be filtered by ${personParam ?? terms.person?.param}`
          : `filter the person with '| where ${column} == ${personParam}' and declare it once`,
      );
    }
    return { table, parameters, person: { kind: personParam, column }, notruncation, windowOn };
  }
  return { table, parameters, notruncation, windowOn };
}

export function checkContract(a: Analysis, tables: readonly UpstreamTable[]): ContractResult {
  try {
    return { ok: true, contract: check(a, tables) };
  } catch (e) {
    if (e instanceof ContractError) return { ok: false, message: e.message };
    throw e;
  }
}

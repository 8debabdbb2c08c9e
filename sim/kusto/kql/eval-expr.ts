/**
 * Compiles a KQL scalar expression (a Kusto.Language syntax node with its analyzed type) into a row closure over a
 * columnar table. Null semantics follow learn.microsoft.com/kusto/query/scalar-data-types/null-values.
 */
import type { SyntaxNode } from "../analyzer.ts";
import { ALIASES, BUILTINS, type Fn } from "./functions.ts";
import { literal } from "./literals.ts";
import { type Syntax, unsupported } from "./syntax.ts";
import { reader, type Scalar, type Table } from "./tables.ts";

export interface UserFunction {
  readonly params: readonly string[];
  readonly body: SyntaxNode;
}

export interface Env {
  readonly s: Syntax;
  readonly scalars: Map<string, Scalar>;
  readonly tables: Map<string, Table>;
  readonly functions: Map<string, UserFunction>;
  readonly db: ReadonlyMap<string, Table>;
}

export interface Scope {
  readonly env: Env;
  /** the rows the expression reads columns from (undefined outside a tabular operator) */
  readonly table: Table | undefined;
  /** user-function parameters bound to the caller's argument closures */
  readonly params: ReadonlyMap<string, Fn>;
}

const constant =
  (v: Scalar): Fn =>
  () =>
    v;

const cmpNull = (a: Scalar, b: Scalar): boolean => a === null || b === null;

function binary(kind: string, type: string, leftType: string, l: Fn, r: Fn): Fn | undefined {
  const integer = type === "long" || type === "int";
  const caseFold = (v: Scalar): Scalar => (typeof v === "string" ? v.toLowerCase() : v);
  switch (kind) {
    case "AddExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) + (b as number);
      };
    case "SubtractExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) - (b as number);
      };
    case "MultiplyExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) * (b as number);
      };
    case "DivideExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        if (cmpNull(a, b)) return null;
        if (integer) return b === 0 ? null : Math.trunc((a as number) / (b as number));
        return (a as number) / (b as number);
      };
    case "ModuloExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        if (cmpNull(a, b) || b === 0) return null;
        // Kusto's modulo is never negative: 0 <= N % D < abs(D) (numerical operators, "Note about the modulo operator")
        const rem = (a as number) % (b as number);
        return rem < 0 ? rem + Math.abs(b as number) : rem;
      };
    case "EqualExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        if (a === null || b === null) return a === null && b === null ? null : false;
        return a === b;
      };
    case "NotEqualExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        if (a === null || b === null) return a === null && b === null ? null : true;
        return a !== b;
      };
    case "EqualTildeExpression":
      return (i) => caseFold(l(i)) === caseFold(r(i));
    case "BangTildeExpression":
      return (i) => caseFold(l(i)) !== caseFold(r(i));
    case "LessThanExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) < (b as number);
      };
    case "LessThanOrEqualExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) <= (b as number);
      };
    case "GreaterThanExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) > (b as number);
      };
    case "GreaterThanOrEqualExpression":
      return (i) => {
        const a = l(i);
        const b = r(i);
        return cmpNull(a, b) ? null : (a as number) >= (b as number);
      };
    case "AndExpression":
      // three-valued: false wins over null, null and true → null
      return (i) => {
        const a = l(i);
        if (a === false) return false;
        const b = r(i);
        if (b === false) return false;
        return a === null || b === null ? null : true;
      };
    case "OrExpression":
      return (i) => {
        const a = l(i);
        if (a === true) return true;
        const b = r(i);
        if (b === true) return true;
        return a === null || b === null ? null : false;
      };
    default:
      void leftType;
      return undefined;
  }
}

function inList(s: Syntax, node: SyntaxNode, scope: Scope, negate: boolean, caseInsensitive: boolean): Fn {
  const [left, list] = s.parts(node);
  if (left === undefined || list === undefined) unsupported(s, node);
  const l = compile(left, scope);
  const items = s.elements(s.child(list, "List")).map((e) => compile(e, scope)(0));
  const fold = (v: Scalar): Scalar => (caseInsensitive && typeof v === "string" ? v.toLowerCase() : v);
  const set = new Set(items.map(fold));
  return (i) => {
    const v = l(i);
    if (v === null) return negate; // assumed: a null is in no list
    return set.has(fold(v)) !== negate;
  };
}

const MEMO_LIMIT = 65_536;

/**
 * A one-parameter user function, cached by its argument's value: its body reads only that parameter and `let`
 * scalars (a function body sees no row columns), so equal arguments give equal results.
 */
function memoized(arg: Fn, body: Fn): Fn {
  const cache = new Map<Scalar, Scalar>();
  return (i) => {
    const a = arg(i);
    const hit = cache.get(a);
    if (hit !== undefined || cache.has(a)) return hit ?? null;
    const v = body(i);
    if (cache.size < MEMO_LIMIT) cache.set(a, v);
    return v;
  };
}

function call(s: Syntax, node: SyntaxNode, scope: Scope): Fn {
  const [nameRef, argList] = s.parts(node);
  if (nameRef === undefined || argList === undefined) unsupported(s, node);
  const name = s.nameOf(nameRef);
  const argNodes = s.elements(s.child(argList, "List"));
  const user = scope.env.functions.get(name);
  if (user !== undefined) {
    const params = new Map(scope.params);
    const bound: Fn[] = [];
    user.params.forEach((p, k) => {
      const a = argNodes[k];
      if (a === undefined) return;
      const f = compile(a, scope);
      bound.push(f);
      params.set(p, f);
    });
    const body = compile(user.body, { ...scope, params });
    const [only] = bound;
    return bound.length === 1 && only !== undefined ? memoized(only, body) : body;
  }
  const builtin = BUILTINS[ALIASES[name] ?? name];
  if (builtin === undefined) unsupported(s, node, `the function ${name}()`);
  return builtin({
    args: argNodes.map((a) => compile(a, scope)),
    argTypes: argNodes.map((a) => s.typeOf(a)),
    type: s.typeOf(node),
  });
}

function nameRef(s: Syntax, node: SyntaxNode, scope: Scope): Fn {
  const name = s.nameOf(node);
  const sym = s.symbolOf(node);
  const param = scope.params.get(name);
  if (param !== undefined && sym?.kind !== "ColumnSymbol") return param;
  if (sym?.kind !== "ColumnSymbol" && scope.env.scalars.has(name)) return constant(scope.env.scalars.get(name) ?? null);
  const t = scope.table;
  const idx = t === undefined ? -1 : t.names.indexOf(name);
  const col = t?.columns[idx];
  if (col === undefined) unsupported(s, node, `the name ${name} here`);
  return reader(col);
}

/** Compiles a scalar expression; string-typed results are never null (Kusto strings have no null). */
export function compile(node: SyntaxNode, scope: Scope): Fn {
  const s = scope.env.s;
  const f = compileRaw(node, scope);
  if (s.typeOf(node) !== "string") return f;
  return (i) => {
    const v = f(i);
    return v === null ? "" : v;
  };
}

function compileRaw(node: SyntaxNode, scope: Scope): Fn {
  const s = scope.env.s;
  const kind = s.kind(node);
  if (kind.endsWith("LiteralExpression")) return constant(literal(s, node));
  switch (kind) {
    case "ParenthesizedExpression": {
      const inner = s.parts(node)[0];
      if (inner === undefined) return unsupported(s, node);
      return compile(inner, scope);
    }
    case "NameReference":
      return nameRef(s, node, scope);
    case "FunctionCallExpression":
      return call(s, node, scope);
    case "UnaryMinusExpression": {
      const inner = s.parts(node)[0];
      if (inner === undefined) return unsupported(s, node);
      const f = compile(inner, scope);
      return (i) => {
        const v = f(i);
        return v === null ? null : -(v as number);
      };
    }
    case "UnaryPlusExpression": {
      const inner = s.parts(node)[0];
      return inner === undefined ? unsupported(s, node) : compile(inner, scope);
    }
    case "InExpression":
      return inList(s, node, scope, false, false);
    case "NotInExpression":
      return inList(s, node, scope, true, false);
    case "InCsExpression":
      return inList(s, node, scope, false, false);
    case "InCiExpression":
      return inList(s, node, scope, false, true);
    case "NotInCiExpression":
      return inList(s, node, scope, true, true);
    default: {
      const [left, right] = s.parts(node);
      if (left !== undefined && right !== undefined) {
        const f = binary(kind, s.typeOf(node), s.typeOf(left), compile(left, scope), compile(right, scope));
        if (f !== undefined) return f;
      }
      return unsupported(s, node);
    }
  }
}

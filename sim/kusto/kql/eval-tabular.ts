/** Evaluates a KQL tabular expression (pipes of operators) over the aggregate database's columnar tables. */
import type { SyntaxNode } from "../analyzer.ts";
import { compile, type Env, type Scope } from "./eval-expr.ts";
import { type GroupKey, groupRows } from "./group.ts";
import { join } from "./join.ts";
import { summarize } from "./summarize.ts";
import { unsupported } from "./syntax.ts";
import { asType, type Column, computeColumn, gather, reader, type Table } from "./tables.ts";
import { sort, take, union } from "./union.ts";

const ONE_ROW: Table = { names: [], columns: [], length: 1 };

const scopeOf = (env: Env, table: Table | undefined): Scope => ({ env, table, params: new Map() });

function byName(t: Table, name: string): Column | undefined {
  return t.columns[t.names.indexOf(name)];
}

/** The name and expression of a `name = expr` item, or the expression alone. */
function namedItem(env: Env, item: SyntaxNode): { name?: string; expr: SyntaxNode } {
  const s = env.s;
  if (s.kind(item) !== "SimpleNamedExpression") return { expr: item };
  const [decl, expr] = s.parts(item);
  if (decl === undefined || expr === undefined) return unsupported(s, item);
  return { name: s.nameOf(decl), expr };
}

function filter(env: Env, op: SyntaxNode, input: Table): Table {
  const predicate = env.s.parts(op).at(-1);
  if (predicate === undefined) return unsupported(env.s, op);
  const p = compile(predicate, scopeOf(env, input));
  const keep: number[] = [];
  for (let i = 0; i < input.length; i++) if (p(i) === true) keep.push(i);
  const idx = Int32Array.from(keep);
  return { names: input.names, columns: input.columns.map((c) => gather(c, idx)), length: idx.length };
}

function extend(env: Env, op: SyntaxNode, input: Table): Table {
  const s = env.s;
  const out = s.columnsOf(op);
  const generated = out.filter((c) => !input.names.includes(c.name)).map((c) => c.name);
  let names = [...input.names];
  let columns = [...input.columns];
  for (const item of s.elements(s.child(op, "List"))) {
    const { name: given, expr } = namedItem(env, item);
    const name =
      given ?? (s.kind(expr) === "NameReference" ? s.nameOf(expr) : generated.find((g) => !names.includes(g)));
    if (name === undefined) return unsupported(s, item, "this extend item's column name");
    const current: Table = { names, columns, length: input.length };
    const col = computeColumn(s.typeOf(expr), input.length, compile(expr, scopeOf(env, current)));
    const at = names.indexOf(name);
    if (at >= 0) {
      columns = columns.map((c, k) => (k === at ? col : c));
    } else {
      names = [...names, name];
      columns = [...columns, col];
    }
  }
  return reshape(env, op, { names, columns, length: input.length });
}

/** The analyzer's result schema of `op`, columns taken by name from `t`. */
function reshape(env: Env, op: SyntaxNode, t: Table): Table {
  const out = env.s.columnsOf(op);
  const columns = out.map((c) => {
    const col = byName(t, c.name);
    if (col === undefined) return unsupported(env.s, op, `a result column ${c.name} the simulator cannot find`);
    return asType(col, c.type, t.length);
  });
  return { names: out.map((c) => c.name), columns, length: t.length };
}

function project(env: Env, op: SyntaxNode, input: Table): Table {
  const s = env.s;
  const out = s.columnsOf(op);
  const items = s.elements(s.child(op, "List"));
  if (items.length !== out.length) return unsupported(s, op, "a project whose items the simulator cannot map");
  const columns = items.map((item, k) => {
    const { expr } = namedItem(env, item);
    const type = out[k]?.type ?? s.typeOf(expr);
    if (s.kind(expr) === "NameReference") {
      const col = byName(input, s.nameOf(expr));
      if (col !== undefined && s.symbolOf(expr)?.kind === "ColumnSymbol") return asType(col, type, input.length);
    }
    return computeColumn(type, input.length, compile(expr, scopeOf(env, input)));
  });
  return { names: out.map((c) => c.name), columns, length: input.length };
}

function projectRename(env: Env, op: SyntaxNode, input: Table): Table {
  const s = env.s;
  const renamed = new Map<string, string>();
  for (const item of s.elements(s.child(op, "List"))) {
    const { name, expr } = namedItem(env, item);
    if (name !== undefined) renamed.set(name, s.nameOf(expr));
  }
  const out = s.columnsOf(op);
  const columns = out.map((c) => {
    const col = byName(input, renamed.get(c.name) ?? c.name);
    return col ?? unsupported(s, op, `the renamed column ${c.name}`);
  });
  return { names: out.map((c) => c.name), columns, length: input.length };
}

function distinct(env: Env, op: SyntaxNode, input: Table): Table {
  const out = env.s.columnsOf(op);
  const readers = out.map((c): GroupKey => {
    const col = byName(input, c.name);
    if (col === undefined) return unsupported(env.s, op, `distinct on ${c.name}`);
    return col.kind === "str" ? { column: col } : reader(col);
  });
  const { first } = groupRows(input.length, readers);
  const idx = Int32Array.from(input.length === 0 ? [] : first);
  return reshape(env, op, {
    names: input.names,
    columns: input.columns.map((c) => gather(c, idx)),
    length: idx.length,
  });
}

function datatable(env: Env, node: SyntaxNode): Table {
  const s = env.s;
  const out = s.columnsOf(node);
  const values = s.elements(
    s
      .children(node)
      .filter((c) => s.kind(c) === "List")
      .at(-1),
  );
  const width = out.length;
  const rows = width === 0 ? 0 : Math.floor(values.length / width);
  const cells = values.map((v) => compile(v, scopeOf(env, undefined))(0));
  const columns = out.map((c, k) => computeColumn(c.type, rows, (r) => cells[r * width + k] ?? null));
  return { names: out.map((c) => c.name), columns, length: rows };
}

function operator(env: Env, op: SyntaxNode, input: Table): Table {
  const s = env.s;
  const scope = scopeOf(env, input);
  switch (s.kind(op)) {
    case "FilterOperator":
      return filter(env, op, input);
    case "ExtendOperator":
      return extend(env, op, input);
    case "ProjectOperator":
      return project(env, op, input);
    case "ProjectAwayOperator":
    case "ProjectKeepOperator":
    case "ProjectReorderOperator":
      return reshape(env, op, input);
    case "ProjectRenameOperator":
      return projectRename(env, op, input);
    case "SummarizeOperator":
      return summarize(op, input, scope);
    case "DistinctOperator":
      return distinct(env, op, input);
    case "SortOperator":
      return sort(op, input, scope);
    case "TakeOperator":
      return take(op, input, scope);
    case "CountOperator":
      return {
        names: s.columnsOf(op).map((c) => c.name),
        columns: [computeColumn("long", 1, () => input.length)],
        length: 1,
      };
    case "JoinOperator": {
      const right = s.parts(op).find((p) => s.isTabular(p));
      if (right === undefined) return unsupported(s, op);
      return join(op, input, tabular(env, right), scope);
    }
    case "UnionOperator":
      return union(op, [input, ...unionInputs(env, op)], scope);
    case "AsOperator": {
      const decl = s.child(op, "NameDeclaration");
      if (decl !== undefined) env.tables.set(s.nameOf(decl), input);
      return input;
    }
    default:
      return unsupported(s, op, `the operator '${s.show(op).split(" ")[0]}'`);
  }
}

function unionInputs(env: Env, op: SyntaxNode): Table[] {
  return env.s
    .elements(
      env.s
        .children(op)
        .filter((c) => env.s.kind(c) === "List")
        .at(-1),
    )
    .map((e) => tabular(env, e));
}

/** Evaluates a tabular expression. */
export function tabular(env: Env, node: SyntaxNode): Table {
  const s = env.s;
  switch (s.kind(node)) {
    case "PipeExpression": {
      const [inner, op] = s.parts(node);
      if (inner === undefined || op === undefined) return unsupported(s, node);
      return operator(env, op, tabular(env, inner));
    }
    case "ParenthesizedExpression": {
      const inner = s.parts(node)[0];
      return inner === undefined ? unsupported(s, node) : tabular(env, inner);
    }
    case "NameReference": {
      const name = s.nameOf(node);
      const t = env.tables.get(name) ?? env.db.get(name);
      return t ?? unsupported(s, node, `the table ${name}`);
    }
    case "DataTableExpression":
      return datatable(env, node);
    case "PrintOperator":
      return project(env, node, ONE_ROW);
    case "UnionOperator":
      return union(node, unionInputs(env, node), scopeOf(env, undefined));
    default:
      return unsupported(s, node, `the tabular expression '${s.show(node)}'`);
  }
}

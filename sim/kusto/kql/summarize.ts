/**
 * `summarize`: hash grouping on the `by` keys, then one accumulator per aggregate. Null handling follows
 * learn.microsoft.com/kusto/query/scalar-data-types/null-values (aggregates ignore nulls).
 */
import type { SyntaxNode } from "../analyzer.ts";
import { compile, type Scope } from "./eval-expr.ts";
import type { Fn } from "./functions.ts";
import { groupRows, stringColumnOf } from "./group.ts";
import { type Syntax, unsupported } from "./syntax.ts";
import { asType, type Column, computeColumn, gather, type Scalar, type StrColumn, type Table } from "./tables.ts";

interface Accumulator {
  add(g: number, i: number): void;
  result(g: number): Scalar;
}

const less = (a: Scalar, b: Scalar): boolean => (a as number | string) < (b as number | string);

/**
 * count_distinct of a string column: (group, dictionary code) pairs packed in one number each, sorted once, counted
 * per group (exact, no hash set per group).
 */
function distinctCodes(column: StrColumn, groups: number, p: Fn | undefined): Accumulator {
  const width = column.dict.length;
  let pairs = new Float64Array(1024);
  let n = 0;
  let counts: Float64Array | undefined;
  return {
    add: (g, i) => {
      if (p !== undefined && p(i) !== true) return;
      if (n === pairs.length) {
        const grown = new Float64Array(pairs.length * 2);
        grown.set(pairs);
        pairs = grown;
      }
      pairs[n++] = g * width + (column.codes[i] ?? 0);
    },
    result: (g) => {
      if (counts === undefined) {
        const sorted = pairs.subarray(0, n).sort();
        counts = new Float64Array(groups);
        for (let k = 0; k < n; k++) {
          const v = sorted[k] ?? 0;
          if (k > 0 && v === sorted[k - 1]) continue;
          const grp = Math.floor(v / width);
          counts[grp] = (counts[grp] ?? 0) + 1;
        }
      }
      return counts[g] ?? 0;
    },
  };
}

function accumulator(name: string, args: readonly Fn[], groups: number, node: SyntaxNode, s: Syntax): Accumulator {
  const [x, y] = args;
  const need = (f: Fn | undefined): Fn => f ?? unsupported(s, node, `${name}() without its argument`);
  switch (name) {
    case "count": {
      const n = new Float64Array(groups);
      return {
        add: (g) => {
          n[g] = (n[g] ?? 0) + 1;
        },
        result: (g) => n[g] ?? 0,
      };
    }
    case "countif": {
      const p = need(x);
      const n = new Float64Array(groups);
      return {
        add: (g, i) => {
          if (p(i) === true) n[g] = (n[g] ?? 0) + 1;
        },
        result: (g) => n[g] ?? 0,
      };
    }
    case "sum":
    case "sumif":
    case "avg":
    case "avgif": {
      const v = need(x);
      const p = name.endsWith("if") ? need(y) : undefined;
      const sum = new Float64Array(groups);
      const seen = new Float64Array(groups);
      const avg = name.startsWith("avg");
      return {
        add: (g, i) => {
          if (p !== undefined && p(i) !== true) return;
          const a = v(i);
          if (a === null) return;
          sum[g] = (sum[g] ?? 0) + (typeof a === "boolean" ? (a ? 1 : 0) : (a as number));
          seen[g] = (seen[g] ?? 0) + 1;
        },
        // "default values of aggregations" (summarize operator): sum/sumif 0, avg null, when no value counts
        result: (g) => (avg ? ((seen[g] ?? 0) === 0 ? null : (sum[g] ?? 0) / (seen[g] ?? 1)) : (sum[g] ?? 0)),
      };
    }
    case "min":
    case "max": {
      const v = need(x);
      const best: Scalar[] = new Array<Scalar>(groups).fill(null);
      const better = name === "min" ? less : (a: Scalar, b: Scalar) => less(b, a);
      return {
        add: (g, i) => {
          const a = v(i);
          if (a === null) return;
          const cur = best[g] ?? null;
          if (cur === null || better(a, cur)) best[g] = a;
        },
        result: (g) => best[g] ?? null,
      };
    }
    case "take_any":
    case "any": {
      const v = need(x);
      const got: Scalar[] = new Array<Scalar>(groups).fill(null);
      return {
        add: (g, i) => {
          const cur = got[g] ?? null;
          if (cur !== null && cur !== "") return;
          const a = v(i);
          if (a !== null) got[g] = a;
        },
        result: (g) => got[g] ?? null,
      };
    }
    case "count_distinct":
    case "dcount":
    case "count_distinctif":
    case "dcountif": {
      const v = need(x);
      const p = name.endsWith("if") ? need(y) : undefined;
      // one set of values per group (the values themselves: no key string per row)
      const sets: (Set<Scalar> | undefined)[] = new Array<Set<Scalar> | undefined>(groups);
      return {
        add: (g, i) => {
          if (p !== undefined && p(i) !== true) return;
          const a = v(i);
          if (a === null) return;
          let set = sets[g];
          if (set === undefined) {
            set = new Set();
            sets[g] = set;
          }
          set.add(a);
        },
        result: (g) => sets[g]?.size ?? 0,
      };
    }
    default:
      return unsupported(s, node, `the aggregation ${name}()`);
  }
}

/** `T | summarize [name =] agg(…), … [by [name =] expr, …]` */
export function summarize(op: SyntaxNode, input: Table, scope: Scope): Table {
  const s = scope.env.s;
  const out = s.columnsOf(op);
  const lists = s.children(op).filter((c) => s.kind(c) === "List");
  const aggItems = s.elements(lists.at(-1));
  const byClause = s.child(op, "SummarizeByClause");
  const keyItems = byClause === undefined ? [] : s.elements(s.child(byClause, "List"));
  const unwrap = (item: SyntaxNode): SyntaxNode =>
    s.kind(item) === "SimpleNamedExpression" ? (s.parts(item).at(-1) ?? item) : item;
  const n = input.length;
  const keys = keyItems.map((k) => compile(unwrap(k), scope));
  const keyColumns = keyItems.map((k) => stringColumnOf(s, unwrap(k), input));
  const { ids, first } = groupRows(
    n,
    keyColumns.map((c, j) => c ?? (keys[j] as Fn)),
  );
  const groups = keys.length === 0 ? 1 : first.length;
  const accs = aggItems.map((item) => {
    const callNode = unwrap(item);
    if (s.kind(callNode) !== "FunctionCallExpression")
      unsupported(s, item, "a summarize item that is not an aggregation call");
    const [ref, argList] = s.parts(callNode);
    const name = ref === undefined ? "" : s.nameOf(ref);
    const argNodes = s.elements(argList === undefined ? undefined : s.child(argList, "List"));
    const args = argNodes.map((a) => compile(a, scope));
    const column = argNodes[0] === undefined ? undefined : stringColumnOf(s, argNodes[0], input)?.column;
    const exactDistinct =
      name === "count_distinct" || name === "count_distinctif" || name === "dcount" || name === "dcountif";
    if (column !== undefined && exactDistinct && groups * column.dict.length < 2 ** 52)
      return distinctCodes(column, groups, name.endsWith("if") ? args[1] : undefined);
    return accumulator(name, args, groups, callNode, s);
  });
  for (const acc of accs) for (let i = 0; i < n; i++) acc.add(ids[i] ?? 0, i);
  const columns: Column[] = [];
  const firstRows = Int32Array.from(first);
  keys.forEach((k, j) => {
    const type = out[j]?.type ?? "string";
    // a string column key keeps its dictionary (a later join or group on it compares codes)
    const column = keyColumns[j]?.column;
    columns.push(
      column !== undefined && type === "string"
        ? gather(column, firstRows)
        : computeColumn(type, groups, (g) => k(first[g] ?? 0)),
    );
  });
  accs.forEach((acc, j) => {
    const type = out[keys.length + j]?.type ?? "long";
    columns.push(
      asType(
        computeColumn(type, groups, (g) => acc.result(g)),
        type,
        groups,
      ),
    );
  });
  return { names: out.map((c) => c.name), columns, length: groups };
}

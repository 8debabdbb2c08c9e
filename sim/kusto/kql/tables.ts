/**
 * Columnar tables of the KQL evaluator. Numbers, bools, datetimes (epoch ms) and timespans (ms) live in a
 * Float64Array with NaN for null; strings are dictionary-encoded (Int32Array codes into a string list). Kusto
 * strings are never null: a missing string is "".
 */

/** A scalar value while evaluating: bool as boolean, datetime as epoch ms, timespan as ms, null for null. */
export type Scalar = number | string | boolean | null;

export interface NumColumn {
  readonly kind: "num";
  readonly type: string;
  readonly data: Float64Array;
}
export interface StrColumn {
  readonly kind: "str";
  readonly type: "string";
  readonly codes: Int32Array;
  readonly dict: string[];
}
export type Column = NumColumn | StrColumn;

export interface Table {
  readonly names: readonly string[];
  readonly columns: readonly Column[];
  readonly length: number;
}

export const isStringType = (type: string): boolean => type === "string";

/** Reads row `i` of a column as a Scalar. */
export function reader(col: Column): (i: number) => Scalar {
  if (col.kind === "str") {
    const { codes, dict } = col;
    return (i) => dict[codes[i] ?? 0] ?? "";
  }
  const data = col.data;
  if (col.type === "bool") {
    return (i) => {
      const v = data[i] ?? Number.NaN;
      return Number.isNaN(v) ? null : v !== 0;
    };
  }
  return (i) => {
    const v = data[i] ?? Number.NaN;
    return Number.isNaN(v) ? null : v;
  };
}

/** Appends values of one type; `finish()` returns the column. */
export interface ColumnBuilder {
  push(v: Scalar): void;
  finish(): Column;
}

export function toNumber(v: Scalar): number {
  if (v === null) return Number.NaN;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "number") return v;
  return Number.NaN;
}

/** A string dictionary several columns can share (the aggregate database interns every string column's values once). */
export interface StringDictionary {
  readonly dict: string[];
  readonly index: Map<string, number>;
}

/** A fresh dictionary; "" is code 0 (the value of every missing string). */
export const stringDictionary = (): StringDictionary => ({ dict: [""], index: new Map([["", 0]]) });

export function builder(type: string, capacity = 1024, shared?: StringDictionary): ColumnBuilder {
  if (isStringType(type)) {
    let codes = new Int32Array(Math.max(capacity, 16));
    const { dict, index } = shared ?? stringDictionary();
    let n = 0;
    // runs of one value are common (a month, a fiscal year): the last value's code is kept
    let lastString: string | undefined;
    let lastCode = 0;
    return {
      push(v) {
        const s = v === null ? "" : typeof v === "string" ? v : String(v);
        let code = s === lastString ? lastCode : index.get(s);
        if (code === undefined) {
          code = dict.length;
          dict.push(s);
          index.set(s, code);
        }
        lastString = s;
        lastCode = code;
        if (n === codes.length) {
          const next = new Int32Array(codes.length * 2);
          next.set(codes);
          codes = next;
        }
        codes[n++] = code;
      },
      finish: () => ({ kind: "str", type: "string", codes: codes.slice(0, n), dict }),
    };
  }
  let data = new Float64Array(Math.max(capacity, 16));
  let n = 0;
  return {
    push(v) {
      if (n === data.length) {
        const next = new Float64Array(data.length * 2);
        next.set(data);
        data = next;
      }
      data[n++] = toNumber(v);
    },
    finish: () => ({ kind: "num", type, data: data.slice(0, n) }),
  };
}

/** A column of `n` rows computed by `f`. */
export function computeColumn(type: string, n: number, f: (i: number) => Scalar): Column {
  if (!isStringType(type)) {
    const data = new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = toNumber(f(i));
    return { kind: "num", type, data };
  }
  const b = builder(type, n);
  for (let i = 0; i < n; i++) b.push(f(i));
  return b.finish();
}

/** Rows `idx` of a column; index -1 gives null ("" for strings). */
export function gather(col: Column, idx: Int32Array): Column {
  const n = idx.length;
  if (col.kind === "num") {
    const data = new Float64Array(n);
    const src = col.data;
    for (let i = 0; i < n; i++) {
      const j = idx[i] ?? -1;
      data[i] = j < 0 ? Number.NaN : (src[j] ?? Number.NaN);
    }
    return { kind: "num", type: col.type, data };
  }
  const codes = new Int32Array(n);
  let empty = -1;
  const src = col.codes;
  for (let i = 0; i < n; i++) {
    const j = idx[i] ?? -1;
    if (j >= 0) codes[i] = src[j] ?? 0;
    else {
      if (empty < 0) {
        empty = col.dict[0] === "" ? 0 : col.dict.indexOf("");
        if (empty < 0) {
          empty = col.dict.length;
          col.dict.push("");
        }
      }
      codes[i] = empty;
    }
  }
  return { kind: "str", type: "string", codes, dict: col.dict };
}

export function gatherTable(t: Table, idx: Int32Array): Table {
  return { names: t.names, columns: t.columns.map((c) => gather(c, idx)), length: idx.length };
}

/** A column retyped to `type` (the analyzer's type for it), converting numbers ↔ strings if ever needed. */
export function asType(col: Column, type: string, n: number): Column {
  if (isStringType(type) === (col.kind === "str")) {
    return col.kind === "num" && col.type !== type ? { kind: "num", type, data: col.data } : col;
  }
  return computeColumn(type, n, reader(col));
}

export function columnOf(t: Table, name: string): Column | undefined {
  const i = t.names.indexOf(name);
  return i < 0 ? undefined : t.columns[i];
}

export function emptyColumn(type: string): Column {
  return isStringType(type)
    ? { kind: "str", type: "string", codes: new Int32Array(0), dict: [] }
    : { kind: "num", type, data: new Float64Array(0) };
}

/** A column of `n` copies of one value. */
export function constantColumn(type: string, n: number, v: Scalar): Column {
  if (isStringType(type)) {
    return { kind: "str", type: "string", codes: new Int32Array(n), dict: [v === null ? "" : String(v)] };
  }
  return { kind: "num", type, data: new Float64Array(n).fill(toNumber(v)) };
}

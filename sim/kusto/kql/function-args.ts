/** The shapes KQL scalar functions are built from: compiled arguments (row closures) and their checks. */
import type { Scalar } from "./tables.ts";

export type Fn = (i: number) => Scalar;

export interface Call {
  readonly args: readonly Fn[];
  readonly argTypes: readonly string[];
  /** the call's result type (from the analyzer) */
  readonly type: string;
}

export type Builtin = (c: Call) => Fn;

export const num = (v: Scalar): number | null =>
  typeof v === "number" ? v : typeof v === "boolean" ? (v ? 1 : 0) : null;

export function unary(c: Call, f: (x: number) => number | null): Fn {
  const [a] = c.args;
  if (a === undefined) throw new Error("missing argument");
  return (i) => {
    const x = num(a(i));
    return x === null ? null : f(x);
  };
}

export function arg(c: Call, k: number): Fn {
  const f = c.args[k];
  if (f === undefined) throw new Error(`missing argument ${k + 1}`);
  return f;
}

/**
 * GitHub Actions expressions for the workflow rehearsal, evaluated by GitHub's own @actions/expressions, with the
 * status functions of the runner (success(), failure(), always(), cancelled()) and strict references: a step, job,
 * input or output that does not exist fails the rehearsal instead of quietly evaluating to ''.
 */
import { data, Evaluator, Lexer, Parser } from "@actions/expressions";
import { truthy } from "@actions/expressions/result";

export type Json = string | number | boolean | null | readonly Json[] | { readonly [k: string]: Json };

export const CONTEXTS = ["github", "env", "vars", "secrets", "inputs", "steps", "needs", "runner", "job", "matrix"];

export function toData(v: Json | undefined): data.ExpressionData {
  if (v === null || v === undefined) return new data.Null();
  if (typeof v === "string") return new data.StringData(v);
  if (typeof v === "number") return new data.NumberData(v);
  if (typeof v === "boolean") return new data.BooleanData(v);
  if (Array.isArray(v)) return new data.Array(...v.map((x) => toData(x)));
  const dict = new data.Dictionary();
  for (const [k, x] of Object.entries(v as { readonly [k: string]: Json })) dict.add(k, toData(x));
  return dict;
}

/** What the status functions answer where the expression is evaluated. */
export interface Status {
  readonly success: boolean;
  readonly failure: boolean;
}

/** A reference check run before evaluation; throws with a message naming the bad reference. */
export type Check = (expression: string) => void;

export function evaluate(
  expression: string,
  ctx: Record<string, Json>,
  status: Status,
  check: Check,
): data.ExpressionData {
  check(expression);
  const lexed = new Lexer(expression).lex();
  const fns = [
    { name: "success", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.success) },
    { name: "failure", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(status.failure) },
    { name: "always", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) },
    { name: "cancelled", minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(false) },
  ];
  const tree = new Parser(lexed.tokens, CONTEXTS, fns).parse();
  const dict = new data.Dictionary();
  for (const name of CONTEXTS) dict.add(name, toData(ctx[name] ?? {}));
  return new Evaluator(tree, dict, new Map(fns.map((f) => [f.name, f]))).evaluate();
}

export function asString(d: data.ExpressionData): string {
  return d.kind === data.Kind.Null ? "" : d.coerceString();
}

export function isTrue(d: data.ExpressionData): boolean {
  return truthy(d);
}

/** What a strict reference check knows about the place of an expression. */
export interface Scope {
  /** step ids of the job, in order, with the index of the step evaluating (steps after it may not be referenced) */
  readonly stepIds: readonly string[];
  readonly stepIndex: number;
  /** outputs a step may set: declared ones for actions (action.yml), undefined for `run:` steps (checked at run time) */
  readonly declared: ReadonlyMap<string, readonly string[] | undefined>;
  /** outputs each step actually set so far, and whether it ran */
  readonly ran: ReadonlyMap<string, { readonly outputs: Readonly<Record<string, string>>; readonly skipped: boolean }>;
  readonly needs: ReadonlyMap<string, readonly string[]>;
  readonly inputs: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

const ID = "[A-Za-z_][A-Za-z0-9_-]*";

/** Throws on a reference to a missing step, output, job output, input or env variable. */
export function strictCheck(scope: Scope): Check {
  return (expression) => {
    const where = `in \${{ ${expression} }}`;
    for (const m of expression.matchAll(new RegExp(`\\bsteps\\.(${ID})\\.(${ID})(?:\\.(${ID}))?`, "g"))) {
      const [, id = "", field = "", output] = m;
      const at = scope.stepIds.indexOf(id);
      if (at < 0 || at >= scope.stepIndex) throw new Error(`no earlier step with id "${id}" ${where}`);
      if (!["outputs", "outcome", "conclusion"].includes(field)) throw new Error(`steps.${id}.${field} ${where}`);
      if (field !== "outputs" || output === undefined) continue;
      const declared = scope.declared.get(id);
      const ran = scope.ran.get(id);
      if (declared !== undefined && !declared.includes(output))
        throw new Error(`step "${id}" declares no output "${output}" (declared: ${declared.join(", ")}) ${where}`);
      if (declared === undefined && ran && !ran.skipped && !(output in ran.outputs))
        throw new Error(`step "${id}" ran but never set output "${output}" ${where}`);
    }
    for (const m of expression.matchAll(new RegExp(`\\bneeds\\.(${ID})\\.outputs\\.(${ID})`, "g"))) {
      const outs = scope.needs.get(m[1] ?? "");
      if (!outs?.includes(m[2] ?? "")) throw new Error(`job "${m[1]}" declares no output "${m[2]}" ${where}`);
    }
    for (const m of expression.matchAll(new RegExp(`\\bneeds\\.(${ID})\\b`, "g")))
      if (!scope.needs.has(m[1] ?? "")) throw new Error(`this job does not need "${m[1]}" ${where}`);
    for (const m of expression.matchAll(new RegExp(`\\binputs\\.(${ID})`, "g")))
      if (!scope.inputs.includes(m[1] ?? "")) throw new Error(`no workflow input "${m[1]}" ${where}`);
    for (const m of expression.matchAll(new RegExp(`\\benv\\.(${ID})`, "g")))
      if (!((m[1] ?? "") in scope.env)) throw new Error(`env.${m[1]} is not set here ${where}`);
  };
}

/** KQL literals from their token text: numbers, bools, strings (escaped, verbatim, adjacent), datetimes, timespans. */
import type { SyntaxNode } from "../analyzer.ts";
import { parseDatetime } from "../params.ts";
import { parseTimespanLiteral } from "./datetime.ts";
import { type Syntax, unsupported } from "./syntax.ts";
import type { Scalar } from "./tables.ts";

/** The value of a KQL literal token text of a given literal kind. */
export function literal(s: Syntax, node: SyntaxNode): Scalar {
  const kind = s.kind(node);
  const text = s.text(node).trim();
  if (/^\w+\(\s*null\s*\)$/i.test(text)) return null;
  switch (kind) {
    case "LongLiteralExpression":
    case "IntLiteralExpression":
    case "RealLiteralExpression": {
      const inner = /^\w+\((.*)\)$/.exec(text)?.[1] ?? text;
      return Number(inner);
    }
    case "BooleanLiteralExpression":
      return /true/i.test(text);
    case "StringLiteralExpression":
    case "CompoundStringLiteralExpression":
      return stringLiteral(text);
    case "DateTimeLiteralExpression": {
      const d = parseDatetime(text);
      if (d === undefined) unsupported(s, node, "this datetime literal");
      return d.getTime();
    }
    case "TimespanLiteralExpression": {
      const ms = parseTimespanLiteral(text);
      if (ms === undefined) unsupported(s, node, "this timespan literal");
      return ms;
    }
    default:
      return unsupported(s, node);
  }
}

/** One or more adjacent KQL string literals: '…', "…" with backslash escapes, @'…' / @"…" verbatim. */
export function stringLiteral(text: string): string {
  let out = "";
  const re = /(@?)(['"])((?:\\.|(?!\2).)*)\2/gs;
  for (const m of text.matchAll(re)) {
    const body = m[3] ?? "";
    if (m[1] === "@") out += body;
    else
      out += body.replace(/\\(.)/g, (_, c: string) =>
        c === "n" ? "\n" : c === "t" ? "\t" : c === "r" ? "\r" : c === "0" ? "\0" : c,
      );
  }
  return out;
}

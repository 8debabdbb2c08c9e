/**
 * Microsoft's KQL analyzer (`@kusto/language-service-next`, a Bridge.NET build of Kusto.Language) behind a small
 * typed facade: a GlobalState per database built from the upstream schema, ParseAndAnalyze, diagnostics with
 * line/position, and the computed result schema.
 */
import { createRequire } from "node:module";
import type { UpstreamTable } from "./upstream-schema.ts";

/** The part of Kusto.Language.Syntax.SyntaxNode/SyntaxToken the contract check reads. */
export interface SyntaxNode {
  readonly Kind: number;
  readonly ChildCount: number;
  readonly IsToken: boolean;
  readonly Text?: string | null;
  GetChild(index: number): SyntaxNode | null;
}

interface BridgeList<T> {
  readonly Count: number;
  getItem(index: number): T;
}
interface BridgeDiagnostic {
  readonly Code: string | null;
  readonly Severity: string | null;
  readonly Message: string | null;
  readonly Start: number;
  readonly Length: number;
}
interface BridgeColumn {
  readonly Name: string;
  readonly Type: { readonly Name: string };
}
interface BridgeCode {
  GetDiagnostics(): BridgeList<BridgeDiagnostic>;
  readonly ResultType: { readonly Columns?: BridgeList<BridgeColumn> } | null;
  readonly Syntax: SyntaxNode;
}
interface BridgeGlobalState {
  WithDatabase(db: unknown): BridgeGlobalState;
}
interface KustoLanguage {
  readonly GlobalState: { readonly Default: BridgeGlobalState };
  readonly KustoCode: { ParseAndAnalyze(text: string, globals: BridgeGlobalState): BridgeCode };
  readonly Symbols: {
    readonly TableSymbol: {
      readonly $ctor7: new (name: string, schema: string, description: string | null) => unknown;
    };
    readonly DatabaseSymbol: { readonly $ctor1: new (name: string, members: unknown[], isOpen: boolean) => unknown };
  };
  readonly Syntax: { readonly SyntaxKind: Readonly<Record<string, unknown>> };
}

let cached: { lang: KustoLanguage; kindNames: ReadonlyMap<number, string> } | undefined;

function load(): { lang: KustoLanguage; kindNames: ReadonlyMap<number, string> } {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    // The Bridge.NET runtime, then Kusto.Language: both define globals (Bridge, System, Kusto).
    require("@kusto/language-service-next/bridge.min.js");
    require("@kusto/language-service-next/Kusto.Language.Bridge.min.js");
    const lang = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;
    const kindNames = new Map<number, string>();
    for (const [name, value] of Object.entries(lang.Syntax.SyntaxKind)) {
      if (typeof value === "number") kindNames.set(value, name);
    }
    cached = { lang, kindNames };
  }
  return cached;
}

export interface Diagnostic {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  /** 1-based line and position of the diagnostic in the query text */
  readonly line: number;
  readonly pos: number;
  readonly token: string;
}

export interface ResultColumn {
  readonly name: string;
  readonly type: string;
}

export interface Analysis {
  readonly errors: readonly Diagnostic[];
  /** the analyzer's computed result schema (undefined when the query does not produce a table) */
  readonly columns: readonly ResultColumn[] | undefined;
  readonly syntax: SyntaxNode;
  kindOf(node: SyntaxNode): string;
}

export type Analyzer = (csl: string) => Analysis;

function linePos(text: string, offset: number): { line: number; pos: number } {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length, pos: (before.at(-1)?.length ?? 0) + 1 };
}

/** Builds an analyzer for one database holding `tables`. */
export function createAnalyzer(database: string, tables: readonly UpstreamTable[]): Analyzer {
  const { lang, kindNames } = load();
  const symbols = tables.map(
    (t) =>
      new lang.Symbols.TableSymbol.$ctor7(
        t.name,
        `(${t.columns.map((c) => `['${c.name}']:${c.type}`).join(", ")})`,
        null,
      ),
  );
  const globals = lang.GlobalState.Default.WithDatabase(
    new lang.Symbols.DatabaseSymbol.$ctor1(database, symbols, false),
  );
  const kindOf = (node: SyntaxNode): string => kindNames.get(node.Kind) ?? `Kind${node.Kind}`;
  return (csl) => {
    const code = lang.KustoCode.ParseAndAnalyze(csl, globals);
    const diagnostics = code.GetDiagnostics();
    const errors: Diagnostic[] = [];
    for (let i = 0; i < diagnostics.Count; i++) {
      const d = diagnostics.getItem(i);
      if (d.Severity !== "Error") continue;
      errors.push({
        code: d.Code ?? "KS000",
        severity: d.Severity,
        message: d.Message ?? "",
        ...linePos(csl, d.Start),
        token: csl.slice(d.Start, d.Start + d.Length),
      });
    }
    const list = code.ResultType?.Columns;
    let columns: ResultColumn[] | undefined;
    if (list !== undefined) {
      columns = [];
      for (let i = 0; i < list.Count; i++) {
        const c = list.getItem(i);
        columns.push({ name: c.Name, type: c.Type.Name });
      }
    }
    return { errors, columns, syntax: code.Syntax, kindOf };
  };
}

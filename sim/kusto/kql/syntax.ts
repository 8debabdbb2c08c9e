/**
 * Reading Kusto.Language's syntax tree with its semantic annotations: each expression's result type and each
 * operator's result schema (ResultType), and what a name refers to (ReferencedSymbol).
 */
import type { SyntaxNode } from "../analyzer.ts";

interface BridgeList<T> {
  readonly Count: number;
  getItem(index: number): T;
}
interface BridgeColumn {
  readonly Name: string;
  readonly Type: { readonly Name: string };
}
interface SemanticNode extends SyntaxNode {
  readonly ResultType?: { readonly Name?: string; readonly Columns?: BridgeList<BridgeColumn> } | null;
  readonly ReferencedSymbol?: { readonly Name: string } | null;
}

export interface ColumnSchema {
  readonly name: string;
  readonly type: string;
}

/** Thrown for a construct the analyzer accepts but the simulator does not evaluate (answered as HTTP 400). */
export class UnsupportedKql extends Error {}

export class Syntax {
  readonly kindOf: (node: SyntaxNode) => string;

  constructor(kindOf: (node: SyntaxNode) => string) {
    this.kindOf = kindOf;
  }

  kind(node: SyntaxNode): string {
    return this.kindOf(node);
  }

  children(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    for (let i = 0; i < node.ChildCount; i++) {
      const child = node.GetChild(i);
      if (child !== null) out.push(child);
    }
    return out;
  }

  /** Non-token children (the structure without punctuation). */
  parts(node: SyntaxNode): SyntaxNode[] {
    return this.children(node).filter((c) => !c.IsToken);
  }

  /** The elements of a List node, SeparatedElement unwrapped. */
  elements(list: SyntaxNode | undefined): SyntaxNode[] {
    if (list === undefined) return [];
    return this.children(list)
      .map((c) => (this.kindOf(c) === "SeparatedElement" ? this.children(c)[0] : c))
      .filter((c): c is SyntaxNode => c !== undefined && !(c.IsToken && this.kindOf(c) === "CommaToken"));
  }

  /** The first child of kind `kind`. */
  child(node: SyntaxNode, kind: string): SyntaxNode | undefined {
    return this.children(node).find((c) => this.kindOf(c) === kind);
  }

  text(node: SyntaxNode): string {
    if (node.IsToken) return node.Text ?? "";
    return this.children(node)
      .map((c) => this.text(c))
      .join(" ");
  }

  /** Source-like text for messages. */
  show(node: SyntaxNode): string {
    return this.text(node).replace(/\s+/g, " ").trim().slice(0, 80);
  }

  /** The scalar result type name of an expression (long, string, …). */
  typeOf(node: SyntaxNode): string {
    return (node as SemanticNode).ResultType?.Name ?? "unknown";
  }

  /** The result schema of a tabular expression or operator. */
  columnsOf(node: SyntaxNode): ColumnSchema[] {
    const list = (node as SemanticNode).ResultType?.Columns;
    if (list === undefined) throw new UnsupportedKql(`'${this.show(node)}' has no tabular result`);
    const out: ColumnSchema[] = [];
    for (let i = 0; i < list.Count; i++) {
      const c = list.getItem(i);
      out.push({ name: c.Name, type: c.Type.Name });
    }
    return out;
  }

  isTabular(node: SyntaxNode): boolean {
    return (node as SemanticNode).ResultType?.Columns !== undefined;
  }

  /** What a name refers to: its symbol class (ColumnSymbol, VariableSymbol, ParameterSymbol, TableSymbol, FunctionSymbol …) and name. */
  symbolOf(node: SyntaxNode): { readonly kind: string; readonly name: string } | undefined {
    const sym = (node as SemanticNode).ReferencedSymbol;
    if (sym === undefined || sym === null) return undefined;
    const ctor = (sym as unknown as { constructor?: { $$name?: string } }).constructor;
    const full = ctor?.$$name ?? "";
    return { kind: full.slice(full.lastIndexOf(".") + 1), name: sym.Name };
  }

  /** The identifier of a NameDeclaration / NameReference / BracketedName (`['x']`). */
  nameOf(node: SyntaxNode): string {
    const text = this.text(node).replace(/\s+/g, "");
    const bracketed = /^\[@?(['"])(.*)\1\]$/.exec(text);
    return bracketed?.[2] ?? text;
  }
}

export function unsupported(s: Syntax, node: SyntaxNode, what = s.kind(node)): never {
  throw new UnsupportedKql(`the Kusto simulator's KQL subset does not evaluate ${what} ('${s.show(node)}')`);
}

/**
 * Every import of a source file, read with the TypeScript parser (static `import`, `import type`, `export … from`,
 * dynamic `import()`, `import("…")` types, `import x = require()` and `require()`), and how each specifier resolves.
 */
import { builtinModules } from "node:module";
import { posix } from "node:path";
import ts from "typescript";

export interface Import {
  readonly specifier: string;
  /** 1-based line of the specifier */
  readonly line: number;
}

function literal(node: ts.Node | undefined): ts.StringLiteralLike | undefined {
  return node && ts.isStringLiteralLike(node) ? node : undefined;
}

/** The specifiers of one file, in source order; computed specifiers (`import(name)`) cannot be read and are skipped. */
export function importsOf(path: string, text: string): Import[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false);
  const out: Import[] = [];
  const add = (node: ts.StringLiteralLike | undefined): void => {
    if (!node) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    out.push({ specifier: node.text, line });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(literal(node.moduleSpecifier));
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(literal(node.moduleReference.expression));
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(literal(node.argument.literal));
    else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === "require"))
    )
      add(literal(node.arguments[0]));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** Where a specifier leads: a repository file, an npm package, a platform module, or nowhere. */
export type Target =
  | { readonly kind: "file"; readonly path: string; readonly via: "relative" | "imports" }
  | { readonly kind: "package"; readonly name: string }
  | { readonly kind: "builtin"; readonly name: string }
  | { readonly kind: "missing"; readonly path: string; readonly via: "relative" | "imports" }
  | { readonly kind: "unmapped"; readonly specifier: string };

/** package.json "imports" (subpath patterns with one `*`, string targets) */
export type ImportsMap = Readonly<Record<string, string>>;

const BUILTINS = new Set(builtinModules);

function subpath(specifier: string, map: ImportsMap): string | undefined {
  for (const [key, target] of Object.entries(map)) {
    const star = key.indexOf("*");
    if (star < 0) {
      if (key === specifier) return target;
      continue;
    }
    const head = key.slice(0, star);
    const tail = key.slice(star + 1);
    if (specifier.startsWith(head) && specifier.endsWith(tail) && specifier.length >= head.length + tail.length)
      return target.replace("*", specifier.slice(head.length, specifier.length - tail.length));
  }
  return undefined;
}

function onDisk(path: string, exists: (path: string) => boolean): string | undefined {
  // NodeNext with allowImportingTsExtensions: the specifier names the file; a `.js` may stand for its `.ts`
  const candidates = [path, path.replace(/\.js$/, ".ts"), path.replace(/\.mjs$/, ".mts")];
  return candidates.find((c) => exists(c));
}

/** Resolve `specifier` imported by repository file `from` (paths are repository-relative, `/`-separated). */
export function resolve(from: string, specifier: string, map: ImportsMap, exists: (path: string) => boolean): Target {
  if (specifier.startsWith("node:") || BUILTINS.has(specifier) || specifier.startsWith("cloudflare:"))
    return { kind: "builtin", name: specifier };
  if (specifier.startsWith("#")) {
    const target = subpath(specifier, map);
    if (target === undefined) return { kind: "unmapped", specifier };
    const path = posix.normalize(target);
    const found = onDisk(path, exists);
    return found ? { kind: "file", path: found, via: "imports" } : { kind: "missing", path, via: "imports" };
  }
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    const path = posix.normalize(posix.join(posix.dirname(from), specifier));
    const found = onDisk(path, exists);
    return found ? { kind: "file", path: found, via: "relative" } : { kind: "missing", path, via: "relative" };
  }
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
  return { kind: "package", name };
}

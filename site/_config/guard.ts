/**
 * Build-time privacy guard: fails the build when person-level data reaches the output — a personal column (any
 * field marked `personal` in data/schema, e.g. user_id, github_login) as a JSON key, CSV header or table column
 * header, or a 16-hex-digit pseudonym or an e-mail address anywhere in a published data or page file. It names the
 * file, the kind and the offset, never the value it found (its message reaches the build log). The same detector
 * (`personalDataIn`, core/public-text.ts) guards the data PR and failure-issue bodies (actions/open-data-pr)
 * and the worker's published status; the security suite runs it on the worker's public answers. A failing guard fails
 * the build, so nothing is deployed and GitHub Pages keeps serving the last good site.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { personalDataIn } from "#core/public-text.ts";
import { loadSchemas } from "#core/schema.ts";

const TEXT = /\.(html|json|csv|svg|txt|xml)$/;

export function personalFields(): Set<string> {
  const out = new Set<string>();
  for (const s of loadSchemas().values()) for (const f of s.fields) if (f.personal) out.add(f.name);
  return out;
}

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

function jsonKeys(v: unknown, out: Set<string>): void {
  if (Array.isArray(v)) for (const x of v) jsonKeys(x, out);
  else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      jsonKeys(x, out);
    }
  }
}

/** Problems found in one published file (empty when clean). */
export function scanFile(rel: string, text: string, personal: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const found = personalDataIn(text);
  const first = found.find((f) => f.kind === "pseudonym");
  if (first) problems.push(`${rel}: contains a 16-hex-digit pseudonym-like token at offset ${first.at}`);
  const mail = found.find((f) => f.kind === "e-mail");
  if (mail) problems.push(`${rel}: contains an e-mail address at offset ${mail.at}`);
  if (rel.endsWith(".json")) {
    const keys = new Set<string>();
    try {
      jsonKeys(JSON.parse(text), keys);
    } catch {
      problems.push(`${rel}: not valid JSON`);
    }
    for (const k of keys) if (personal.has(k)) problems.push(`${rel}: has a personal key "${k}"`);
  } else if (rel.endsWith(".csv")) {
    const header = (text.split("\n", 1)[0] ?? "").split(",").map((h) => h.replace(/"/g, "").trim());
    for (const h of header) if (personal.has(h)) problems.push(`${rel}: has a personal column "${h}"`);
  } else if (rel.endsWith(".html")) {
    for (const m of text.matchAll(/<th scope="col">([^<]*)<\/th>/g)) {
      const h = (m[1] ?? "").trim();
      if (personal.has(h)) problems.push(`${rel}: has a table column "${h}"`);
    }
  }
  return problems;
}

/** Scans the built site (generated code under assets/ excepted from the token check: it is not data). */
export function assertNoPersonalData(outDir: string): void {
  const personal = personalFields();
  const problems: string[] = [];
  for (const file of files(outDir)) {
    const rel = relative(outDir, file).split("\\").join("/");
    if (!TEXT.test(rel) || rel.startsWith("assets/")) continue;
    problems.push(...scanFile(rel, readFileSync(file, "utf8"), personal));
  }
  if (problems.length > 0) {
    throw new Error(`privacy guard: person-level data reached the site:\n  ${problems.slice(0, 20).join("\n  ")}`);
  }
}

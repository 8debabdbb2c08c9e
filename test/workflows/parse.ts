/**
 * Workflows and action.yml files read by GitHub's own @actions/workflow-parser. The package imports its JSON schemas
 * without import attributes, which Node's ESM loader refuses; a load hook adds `type: "json"` for its files only.
 */
import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import type { WorkflowTemplate } from "@actions/workflow-parser";
import type { ActionTemplate } from "@actions/workflow-parser/actions/index";
import type { MappingToken, TemplateToken } from "@actions/workflow-parser/templates/tokens/index";

registerHooks({
  load(url, context, next) {
    if (url.endsWith(".json") && url.includes("/@actions/workflow-parser/"))
      return next(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
    return next(url, context);
  },
});

const wp = await import("@actions/workflow-parser");
const ap = await import("@actions/workflow-parser/actions/index");

export interface ParsedWorkflow {
  readonly template: WorkflowTemplate;
  /** the raw token tree (the converter drops `with:`; it is read from here) */
  readonly root: TemplateToken;
}

function failOn(file: string, errors: readonly { readonly message: string }[]): void {
  if (errors.length > 0) throw new Error(`${file}: ${errors.map((e) => e.message).join("; ")}`);
}

export async function loadWorkflow(path: string): Promise<ParsedWorkflow> {
  const r = wp.parseWorkflow({ name: path, content: readFileSync(path, "utf8") }, new wp.NoOperationTraceWriter());
  failOn(path, r.context.errors.getErrors());
  if (r.value === undefined) throw new Error(`${path}: empty workflow`);
  const template = await wp.convertWorkflowTemplate(r.context, r.value);
  failOn(
    path,
    (template.errors ?? []).map((e) => ({ message: e.Message })),
  );
  return { template, root: r.value };
}

export async function loadAction(path: string): Promise<ActionTemplate> {
  const r = ap.parseAction({ name: path, content: readFileSync(path, "utf8") }, new wp.NoOperationTraceWriter());
  failOn(path, r.context.errors.getErrors());
  if (r.value === undefined) throw new Error(`${path}: empty action`);
  return ap.convertActionTemplate(r.context, r.value);
}

function mapping(t: TemplateToken | undefined): MappingToken | undefined {
  return t !== undefined && wp.isMapping(t) ? t : undefined;
}

/** The raw `with:` mapping of step `index` of job `jobId`. */
export function rawWith(root: TemplateToken, jobId: string, index: number): MappingToken | undefined {
  const steps = mapping(mapping(mapping(root)?.find("jobs"))?.find(jobId))?.find("steps");
  if (steps === undefined || !wp.isSequence(steps)) return undefined;
  return mapping(mapping(steps.get(index))?.find("with"));
}

export type { ActionTemplate, MappingToken, TemplateToken };
export const { isBasicExpression, isLiteral, isMapping, isString } = wp;

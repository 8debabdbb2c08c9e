/**
 * Builds the `ace` global data object: loads and validates every input, computes freshness and the banner, renders
 * every chart (Vega-Lite → Vega → SVG) once, and lists every downloadable file.
 */
import { AGGREGATED_FILES, AGGREGATED_SCHEMAS } from "#core/aggregated/schemas.ts";
import { scrubMessage } from "#core/public-text.ts";
import { loadSchemas } from "#core/schema.ts";
import { serializeRunRecord } from "#core/staleness.ts";
import { type RunRecordInput, type SyncStatus, serializeSyncStatus } from "#core/status.ts";
import { certificationIds, chartViews, cohorts, examYears } from "../_charts/index.ts";
import type { Agg } from "../_lib/agg.ts";
import { type RenderedChart, renderChart } from "../_lib/chart.ts";
import type { BannerItem, DownloadFile, SiteData } from "../_lib/types.ts";
import { changeFiles } from "../_pages/changes.ts";
import { changeLog } from "./changes.ts";
import { bannerItems, datasetHealth, freshnessReport } from "./freshness.ts";
import { type LoadedFile, loadAggregate, loadRun, loadStatus } from "./load.ts";
import { type DataSource, localSource, remoteSource } from "./source.ts";

export interface SiteOptions {
  readonly dataDir: string;
  readonly dataUrl: string | undefined;
  readonly workerUrl: string | undefined;
  readonly prefix: string;
  readonly now: Date;
  readonly cacheDir: string;
}

async function loadAgg(source: DataSource): Promise<{ agg: Agg; files: LoadedFile<unknown>[] }> {
  const [certifications, exams, journey, copilot, skills, activity, kpis, regions] = await Promise.all([
    loadAggregate(source, "certifications.json", AGGREGATED_SCHEMAS.certifications),
    loadAggregate(source, "exams.json", AGGREGATED_SCHEMAS.exams),
    loadAggregate(source, "journey.json", AGGREGATED_SCHEMAS.journey),
    loadAggregate(source, "copilot.json", AGGREGATED_SCHEMAS.copilot),
    loadAggregate(source, "skills.json", AGGREGATED_SCHEMAS.skills),
    loadAggregate(source, "activity.json", AGGREGATED_SCHEMAS.activity),
    loadAggregate(source, "kpis.json", AGGREGATED_SCHEMAS.kpis),
    loadAggregate(source, "regions.json", AGGREGATED_SCHEMAS.regions),
  ]);
  const agg: Agg = {
    certifications: certifications.data,
    exams: exams.data,
    journey: journey.data,
    copilot: copilot.data,
    skills: skills.data,
    activity: activity.data,
    kpis: kpis.data,
    regions: regions.data,
  };
  return { agg, files: [certifications, exams, journey, copilot, skills, activity, kpis, regions] };
}

/**
 * Banner: datasets whose sync status is a problem, plus stale/partial/missing flags the aggregation propagated. A
 * "stale when aggregated" flag is dropped when the dataset has since been checked (fresh now) and still has the
 * content the aggregate was computed from: the check confirmed the aggregate is current.
 */
function banner(health: ReturnType<typeof datasetHealth>, agg: Agg, status: SyncStatus): BannerItem[] {
  const items = new Map<string, BannerItem>();
  for (const h of bannerItems(health)) {
    items.set(h.name, { dataset: h.name, problem: h.problem ?? "", lastSuccessAt: h.lastCheckedAt });
  }
  const confirmed = (d: string, sha: string | null | undefined): boolean =>
    health.some((h) => h.name === d && h.state === "fresh") && sha != null && status.datasets[d]?.sha256 === sha;
  const files: readonly Pick<Agg["kpis"], "flags" | "generated_from">[] = Object.values(agg);
  for (const file of files) {
    for (const [list, problem] of [
      [file.flags.stale_datasets, "stale when aggregated"],
      [file.flags.partial_datasets, "partial when aggregated"],
      [file.flags.missing_datasets, "missing when aggregated"],
    ] as const) {
      for (const d of list) {
        if (items.has(d)) continue;
        const src = file.generated_from.find((g) => g.dataset === d);
        if (problem === "stale when aggregated" && confirmed(d, src?.sha256)) continue;
        items.set(d, { dataset: d, problem, lastSuccessAt: src?.last_success_at ?? null });
      }
    }
  }
  return [...items.values()].sort((a, b) => a.dataset.localeCompare(b.dataset));
}

/**
 * The status and the run record published beside the aggregates (data/sync_status.json, data/sync-run.json), read by
 * the worker for live status. The run record only when freshness used it, reduced to version, clock and per dataset
 * status + checked_at (no messages, no details).
 */
function statusFiles(status: SyncStatus, run: RunRecordInput, use: string): DownloadFile[] {
  const scrubbed: SyncStatus = {
    version: 1,
    datasets: Object.fromEntries(
      Object.entries(status.datasets).map(([k, e]) => [
        k,
        { ...e, error: e.error === null ? null : scrubMessage(e.error, 300) },
      ]),
    ),
  };
  const out: DownloadFile[] = [{ path: "data/sync_status.json", content: serializeSyncStatus(scrubbed) }];
  if (run.kind === "record" && use === "used")
    out.push({ path: "data/sync-run.json", content: serializeRunRecord(run.record) });
  return out;
}

/** `href` is Eleventy's `url` filter applied to a root-relative path (site/_config/plugin.ts). */
export async function loadSite(o: SiteOptions, href: (path: string) => string): Promise<SiteData> {
  const source = o.dataUrl ? remoteSource(o.dataUrl, o.cacheDir) : localSource(o.dataDir);
  const [status, { run, warnings }, { agg, files }] = await Promise.all([
    loadStatus(source),
    loadRun(source),
    loadAgg(source),
  ]);
  if (files.length !== AGGREGATED_FILES.length) throw new Error("site: aggregated file list out of date");
  const schemas = loadSchemas();
  const report = freshnessReport(schemas, status, o.now, run);
  for (const w of [...warnings, ...report.warnings]) console.warn(`site: ${w}`);
  const health = datasetHealth(schemas, status, o.now, run);
  const views = chartViews(agg);
  const charts: Record<string, RenderedChart[]> = {};
  const seen = new Set<string>();
  const downloads: DownloadFile[] = [];
  for (const [view, defs] of Object.entries(views)) {
    charts[view] = await Promise.all(defs.map((d) => renderChart(d)));
    for (const c of charts[view]) {
      if (seen.has(c.def.id)) throw new Error(`duplicate chart id ${c.def.id}`);
      seen.add(c.def.id);
      downloads.push(
        { path: `charts/${c.def.id}.csv`, content: c.csv },
        { path: `charts/${c.def.id}.json`, content: c.json },
        { path: `charts/${c.def.id}.vg.json`, content: c.vega },
      );
    }
  }
  for (const f of files) downloads.push({ path: `data/aggregated/${f.file}`, content: f.text });
  downloads.push(...statusFiles(status, run, report.runRecord));
  const changes = changeLog(o.dataUrl ? null : o.dataDir);
  downloads.push(...changeFiles(changes, health, href, o.now.toISOString()));
  return {
    prefix: o.prefix,
    href,
    workerUrl: o.workerUrl ?? null,
    dataLabel: o.dataUrl ?? "committed data",
    remote: o.dataUrl !== undefined,
    now: o.now.toISOString(),
    agg,
    health,
    changes,
    banner: banner(health, agg, status),
    schemas: [...schemas.values()],
    charts,
    fyViews: { exams: examYears(agg), journey: cohorts(agg), certifications: certificationIds(agg) },
    aggregatedFiles: files.map((f) => ({
      name: f.file,
      bytes: Buffer.byteLength(f.text),
      asOf: (f.data as { as_of: string }).as_of,
    })),
    files: downloads,
  };
}

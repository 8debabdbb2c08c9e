/**
 * `npm run build:worker-index [-- --data-dir DIR --out DIR]`: the worker's Static Assets, into the git-ignored
 * worker/generated/assets/ (never raw CSVs):
 *   _private/exams/<shard>.json  per-person exam history, sharded by a hash prefix of the login (loginShard)
 *   metrics/<name>.json          the live headline metrics computed from the committed CSVs (fallback copies)
 *   aggregated/*.json            the committed aggregated JSON (public)
 *   sync_status.json             the committed sync status; datasets.json: cadence per dataset
 *   static/anchor.json           a small public file: the bench's static-asset anchor
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DATA_DIR_OPTION, dataDir, parseCli } from "#core/args.ts";
import { now as clockNow } from "#core/clock.ts";
import { readDataset } from "#core/csv.ts";
import { personalDataIn, scrubMessage } from "#core/public-text.ts";
import { getSchema, loadSchemas, REPO_ROOT } from "#core/schema.ts";
import type { ExamRecord } from "../src/exams.ts";
import { fiscalYearOf, publicExams, sortExams } from "../src/exams.ts";
import { loginShard } from "../src/login.ts";
import { computeMetric, type ExamFact, METRIC_NAMES } from "../src/metrics.ts";

export const DEFAULT_OUT = join(REPO_ROOT, "worker", "generated", "assets");

export interface BuildResult {
  readonly people: number;
  readonly exams: number;
  readonly shards: number;
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value)}\n`);
}

/** The committed status as the worker publishes it: every `error` scrubbed of values (core/public-text.ts). */
export function publicStatus(file: string): unknown {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as { datasets?: Record<string, { error?: unknown }> };
  for (const e of Object.values(parsed.datasets ?? {})) {
    if (typeof e.error === "string") e.error = scrubMessage(e.error, 300);
  }
  return parsed;
}

/**
 * The site's privacy guard for the worker's public answers: every asset outside `_private/` (served without a token)
 * must hold no e-mail address and no pseudonym. Names file, kind and offset, never the value.
 */
export function assertPublicAssetsClean(outDir: string): void {
  const problems: string[] = [];
  for (const rel of readdirSync(outDir, { recursive: true }).map(String)) {
    if (rel.startsWith("_private") || !rel.endsWith(".json")) continue;
    for (const f of personalDataIn(readFileSync(join(outDir, rel), "utf8")).slice(0, 3)) {
      problems.push(`${rel}: ${f.kind} at offset ${f.at}`);
    }
  }
  if (problems.length > 0) {
    throw new Error(`privacy guard: person-level data in the worker's public assets:\n  ${problems.join("\n  ")}`);
  }
}

const str = (v: unknown): string | null => (typeof v === "string" && v !== "" ? v : null);

export async function buildWorkerAssets(dataDir: string, outDir: string, now: Date): Promise<BuildResult> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });

  const logins = new Map<string, string>();
  for await (const u of readDataset(dataDir, getSchema("unified_users"))) {
    const login = str(u.github_login);
    const id = str(u.user_id);
    if (login !== null && id !== null) logins.set(id, login.toLowerCase());
  }

  const shards = new Map<string, Record<string, ExamRecord[]>>();
  const facts: ExamFact[] = [];
  let exams = 0;
  for await (const r of readDataset(dataDir, getSchema("individual_exams"))) {
    exams++;
    const userId = str(r.user_id) ?? "";
    const status = str(r.status) ?? "";
    const passed = typeof r.passed === "boolean" ? r.passed : null;
    const certification = str(r.certification) ?? "";
    const registered = str(r.registered_at) ?? "";
    const fy = str(r.fiscal_year) ?? (registered === "" ? "" : fiscalYearOf(new Date(registered)));
    facts.push({
      person: userId,
      certification,
      fiscal_year: fy,
      completed: status === "completed",
      passed,
      registered_at: registered,
      completed_at: str(r.taken_at),
    });
    const login = logins.get(userId);
    if (login === undefined) continue;
    const record: ExamRecord = {
      exam_id: str(r.exam_id) ?? "",
      certification,
      exam_source: r.exam_source === "legacy" ? "legacy" : "pearson",
      fiscal_year: fy,
      registered_at: registered,
      scheduled_at: str(r.scheduled_at),
      taken_at: str(r.taken_at),
      status,
      delivery: str(r.delivery),
      score: typeof r.score === "number" ? r.score : null,
      passed,
    };
    const shardId = loginShard(login);
    const shard = shards.get(shardId) ?? {};
    shard[login] = [...(shard[login] ?? []), record];
    shards.set(shardId, shard);
  }
  for (const [id, shard] of [...shards].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const sorted = Object.fromEntries(
      Object.entries(shard)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        // published without the upstream exam_id (worker/src/exams.ts, publicExams)
        .map(([login, exams]) => [login, publicExams(sortExams(exams))]),
    );
    writeJson(join(outDir, "_private", "exams", `${id}.json`), sorted);
  }

  for (const name of METRIC_NAMES) {
    writeJson(join(outDir, "metrics", `${name}.json`), {
      ...computeMetric(name, facts, now),
      as_of: now.toISOString(),
    });
  }

  const cadences = Object.fromEntries([...loadSchemas()].map(([name, s]) => [name, s.cadence]));
  writeJson(join(outDir, "datasets.json"), cadences);
  const status = join(dataDir, "sync_status.json");
  if (existsSync(status)) writeJson(join(outDir, "sync_status.json"), publicStatus(status));
  const aggregated = join(dataDir, "aggregated");
  if (existsSync(aggregated)) {
    mkdirSync(join(outDir, "aggregated"), { recursive: true });
    for (const f of readdirSync(aggregated).filter((n) => n.endsWith(".json"))) {
      copyFileSync(join(aggregated, f), join(outDir, "aggregated", f));
    }
  }
  writeJson(join(outDir, "static", "anchor.json"), { anchor: true, note: "static asset served by the same worker" });
  assertPublicAssetsClean(outDir);

  const people = [...shards.values()].reduce((n, s) => n + Object.keys(s).length, 0);
  return { people, exams, shards: shards.size };
}

const USAGE = `usage: npm run build:worker -- [--out DIR] [--data-dir DIR]
  --out DIR         where the worker's assets are written (default: ${DEFAULT_OUT})
  --data-dir DIR    the data directory (default: data/)
  -h, --help        print this help and exit
`;

async function main(): Promise<void> {
  const { values } = parseCli(process.argv.slice(2), {
    usage: USAGE,
    options: { out: { type: "string" }, ...DATA_DIR_OPTION },
  });
  const out = resolve(values.out ?? DEFAULT_OUT);
  const r = await buildWorkerAssets(dataDir(values), out, clockNow());
  console.log(`worker index: ${r.people} people with a login, ${r.exams} exams, ${r.shards} shards → ${out}`);
}

if (import.meta.main) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}

/**
 * Security suite: erasure removes a person from every copy we control (CSVs, state files, status, aggregates, the
 * worker's per-person index) and reports counts only; the data PR counts removed rows of people, never lists them.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAll } from "#core/csv.ts";
import { DEFAULT_DATA_DIR, getSchema, loadSchemas, REPO_ROOT } from "#core/schema.ts";
import { validateDataset } from "#core/validate.ts";
import { renderMarkdown } from "../../actions/data-diff/src/render.ts";
import { runDiff } from "../../actions/data-diff/src/run.ts";
import { buildWorkerAssets } from "../../worker/build/assets.ts";
import { dataCopy, removeTempDirs, tempDir, textFiles } from "./hostile.ts";

let data = "";
let workerOut = "";
let id = "";
let login = "";
let output = "";

beforeAll(async () => {
  data = dataCopy();
  // the person with a login and the most rows across datasets: a thorough erasure target
  const users = await readAll(data, getSchema("unified_users"));
  const exams = await readAll(data, getSchema("individual_exams"));
  const count = new Map<string, number>();
  for (const e of exams) count.set(String(e.user_id), (count.get(String(e.user_id)) ?? 0) + 1);
  const withLogin = users.filter((u) => typeof u.github_login === "string" && u.github_login !== "");
  withLogin.sort((a, b) => (count.get(String(b.user_id)) ?? 0) - (count.get(String(a.user_id)) ?? 0));
  id = String(withLogin[0]?.user_id);
  login = String(withLogin[0]?.github_login);
  workerOut = tempDir("worker");
  await buildWorkerAssets(data, workerOut, new Date("2026-11-24T02:00:00Z"));
  const r = spawnSync(
    process.execPath,
    [join(REPO_ROOT, "scripts", "erase.ts"), "--login", login, "--data-dir", data, "--worker-out", workerOut],
    { encoding: "utf8", env: { ...process.env, ACE_NOW: "2026-11-24T02:00:00Z" }, timeout: 180_000 },
  );
  output = `${r.stdout}${r.stderr}`;
  if (r.status !== 0) throw new Error(`erase failed: ${output}`);
}, 240_000);
afterAll(removeTempDirs);

describe("erasure", () => {
  it("attack: a person asks to be forgotten — gone from every CSV, state file, status and the worker index", async () => {
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const files = textFiles(data);
    const lower = login.toLowerCase();
    for (const [rel, text] of files) {
      expect(text.includes(id), rel).toBe(false);
      expect(text.toLowerCase().includes(`${lower},`) || text.toLowerCase().includes(`"${lower}"`), rel).toBe(false);
      expect(text.toLowerCase().includes(`${lower}/`), rel).toBe(false);
    }
    for (const [rel, text] of textFiles(workerOut)) {
      expect(text.toLowerCase().includes(`"${lower}"`), rel).toBe(false);
    }
    for (const s of loadSchemas().values()) expect((await validateDataset(data, s)).problems, s.name).toEqual([]);
  });

  it("attack: the erasure's own output and PR list the person — counts only", async () => {
    expect(output).toMatch(/erased: \d+ row\(s\) in \d+ dataset\(s\)/);
    expect(Number(/erased: (\d+)/.exec(output)?.[1])).toBeGreaterThan(3);
    expect(output).toMatch(/aggregates recomputed/);
    expect(output).toMatch(/worker index rebuilt/);
    expect(output.includes(id) || output.toLowerCase().includes(login.toLowerCase())).toBe(false);
    const { report } = await runDiff({ dataDir: data, against: DEFAULT_DATA_DIR });
    const md = renderMarkdown(report);
    expect(md).toMatch(/Rows about people are counted, never listed/);
    expect(md.includes(id) || md.toLowerCase().includes(login.toLowerCase())).toBe(false);
    expect(md).not.toMatch(/Removed rows: /);
  });
});

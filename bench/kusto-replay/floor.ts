/**
 * The floor of the Kusto client bench (issue 20 item 2): the least work any single-threaded sync must do per response,
 * run as its own process like the anchor, on the same requests (argv[2], `[{url, body}]`) against the same replay
 * server. It is the anchor (`fetch` + `JSON.parse`) plus, per upstream row of the primary result, only:
 * - the person's pseudonym in place of the e-mail cell (core/pseudonym.ts, cached per e-mail: the privacy rule);
 * - one CSV line of the row's cells (`csvLine` of core/csv-sink.ts: quoted where a cell needs it);
 * - a sort of the lines (which begin with the row's first cell) in chunks of 50,000 rows — the native string sort, no
 *   comparator — each chunk written to a temporary file.
 * Nothing else: no cell is checked or canonicalized, no exam is joined, no person aggregated, no duplicate key sought,
 * no chunk merged, nothing validated or fsynced. The real sync does all of that, so its time is above this one's.
 * Prints one line `{"floor":"fetch+JSON.parse+line+sort+write","seconds":…,"bytes":…,"rows":…,"requests":…}`.
 */
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { csvLine } from "#core/csv-sink.ts";
import { DEMO_PSEUDONYM_KEY, pseudonym } from "#core/pseudonym.ts";
import { fetchText, requestList } from "./requests.ts";

const list = requestList("bench/kusto-replay/floor.ts", process.argv.slice(2));
const CHUNK_ROWS = 50_000;
const PERSON_COLUMNS = new Set(["Email", "CandidateEmail"]);

interface Frame {
  readonly FrameType?: string;
  readonly TableKind?: string;
  readonly Columns?: readonly { readonly ColumnName: string }[];
  readonly Rows?: readonly (readonly unknown[])[];
}

// the sync's pseudonym (core/pseudonym.ts), cached per e-mail without a bound
const pseudonyms = new Map<string, string>();
const uid = (email: string): string => {
  let id = pseudonyms.get(email);
  if (id === undefined) {
    id = pseudonym(DEMO_PSEUDONYM_KEY, email);
    pseudonyms.set(email, id);
  }
  return id;
};

const cellText = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

const dir = mkdtempSync(join(tmpdir(), "ace-kusto-floor-"));
const fd = openSync(join(dir, "chunks.csv"), "w");
let lines: string[] = [];
const flush = (): void => {
  lines.sort();
  writeSync(fd, lines.join(""));
  lines = [];
};

const t = performance.now();
let bytes = 0;
let rows = 0;
for (const q of list) {
  const text = await fetchText(q);
  const frames = JSON.parse(text) as readonly Frame[];
  bytes += Buffer.byteLength(text);
  const table = frames.find((f) => f.FrameType === "DataTable" && f.TableKind === "PrimaryResult");
  const person = (table?.Columns ?? []).findIndex((c) => PERSON_COLUMNS.has(c.ColumnName));
  for (const row of table?.Rows ?? []) {
    const cells = row.map(cellText);
    if (person >= 0 && typeof row[person] === "string") cells[person] = uid(row[person]);
    // the writer's CSV line (core/csv-sink.ts): cells quoted as needed, LF
    lines.push(csvLine(cells));
    rows++;
    if (lines.length === CHUNK_ROWS) flush();
  }
}
flush();
closeSync(fd);
const seconds = (performance.now() - t) / 1000;
rmSync(dir, { recursive: true, force: true });
process.stdout.write(
  `${JSON.stringify({ floor: "fetch+JSON.parse+line+sort+write", seconds, bytes, rows, requests: list.length })}\n`,
);

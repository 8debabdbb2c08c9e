/**
 * The demo's sync progress: per dataset status, rows and seconds, read from the sync CLI's own log lines
 * (`▶ source: dataset`, `dataset: status — message (1.2 s)`) and its final table; redrawn in place on a TTY.
 */
export interface DatasetLine {
  readonly dataset: string;
  status: string;
  rows: number | null;
  seconds: number | null;
  startedAt: number;
  message: string;
}

export interface Progress {
  /** feeds one sync log line */
  line(text: string): void;
  /** the datasets seen so far, in run order */
  readonly datasets: readonly DatasetLine[];
  /** the table as text lines (running datasets show their elapsed seconds) */
  render(now?: number): string[];
}

const START = /^▶ [\w-]+: ([a-z_]+)$/;
const DONE = /^([a-z_]+): (ok|unchanged|partial|skipped|refused|failed) — (.*) \((\d+(?:\.\d+)?) s\)$/;
const TABLE = /^([a-z_]+)\s+(ok|unchanged|partial|skipped|refused|failed)\s+(\d*)\s{2}/;

export function createProgress(clock: () => number = () => performance.now()): Progress {
  const datasets: DatasetLine[] = [];
  const find = (name: string): DatasetLine => {
    let d = datasets.find((x) => x.dataset === name);
    if (d === undefined) {
      d = { dataset: name, status: "running", rows: null, seconds: null, startedAt: clock(), message: "" };
      datasets.push(d);
    }
    return d;
  };
  return {
    datasets,
    line(text) {
      const start = START.exec(text);
      if (start?.[1] !== undefined) {
        find(start[1]);
        return;
      }
      const done = DONE.exec(text);
      if (done?.[1] !== undefined) {
        const d = find(done[1]);
        d.status = done[2] ?? d.status;
        d.message = done[3] ?? "";
        d.seconds = Number(done[4]);
        const rows = /^(\d+) rows/.exec(d.message);
        if (rows?.[1] !== undefined) d.rows = Number(rows[1]);
        return;
      }
      const row = TABLE.exec(text);
      if (row?.[1] !== undefined && datasets.some((x) => x.dataset === row[1])) {
        const d = find(row[1]);
        d.status = row[2] ?? d.status;
        if (row[3] !== undefined && row[3] !== "") d.rows = Number(row[3]);
      }
    },
    render(now = clock()) {
      const width = Math.max(7, ...datasets.map((d) => d.dataset.length));
      const out = [`  ${"dataset".padEnd(width)}  ${"status".padEnd(9)}  ${"rows".padStart(8)}  seconds`];
      for (const d of datasets) {
        const secs = d.seconds ?? (now - d.startedAt) / 1000;
        out.push(
          `  ${d.dataset.padEnd(width)}  ${d.status.padEnd(9)}  ${(d.rows === null ? "" : String(d.rows)).padStart(8)}  ${secs.toFixed(1).padStart(7)}`,
        );
      }
      return out;
    },
  };
}

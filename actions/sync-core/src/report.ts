/** How a run talks: grouped logs with progress, annotations for failures, and a markdown summary table. */
import * as core from "@actions/core";
import { inert } from "#core/inert-markdown.ts";
import type { DatasetResult } from "./dataset.ts";
import type { Logger } from "./source.ts";

export interface Reporter extends Logger {
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
  annotate(level: "error" | "warning", title: string, message: string): void;
  summary(markdown: string): Promise<void>;
}

const ICON: Readonly<Record<string, string>> = {
  ok: "✅",
  unchanged: "➖",
  partial: "🟡",
  skipped: "⏭️",
  refused: "⛔",
  failed: "❌",
};

/** Messages carry no cell value (./reasons.ts); they are still made inert Markdown, and bounded. */
function cell(text: string): string {
  return inert(text, 600);
}

/** The job summary: one row per dataset. */
export function summaryMarkdown(results: readonly DatasetResult[], title: string, dryRun: boolean): string {
  const lines = [
    `### ${title}${dryRun ? " (dry run)" : ""}`,
    "",
    "| dataset | source | status | rows | change | time | details |",
    "|---|---|---|---:|---:|---:|---|",
  ];
  for (const r of results) {
    const change = r.rows !== null && r.previousRows !== null ? r.rows - r.previousRows : null;
    const details = [r.message, ...Object.entries(r.details).map(([k, v]) => `${k}: ${v}`)].join("; ");
    lines.push(
      `| ${r.dataset} | ${r.source} | ${ICON[r.status] ?? ""} ${r.status} | ${r.rows ?? ""} | ${
        change === null ? "" : change > 0 ? `+${change}` : String(change)
      } | ${(r.durationMs / 1000).toFixed(1)} s | ${cell(details)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** A reporter for a terminal: plain lines on stderr, progress overwritten in place on a TTY. */
export function terminalReporter(out: NodeJS.WriteStream = process.stderr): Reporter {
  let lastProgress = 0;
  let progressShown = false;
  const clear = () => {
    if (progressShown && out.isTTY) out.write("\r\x1b[K");
    progressShown = false;
  };
  return {
    info(message) {
      clear();
      out.write(`${message}\n`);
    },
    progress(message) {
      const t = performance.now();
      if (out.isTTY) {
        if (t - lastProgress < 100) return;
        out.write(`\r\x1b[K  ${message}`);
        progressShown = true;
      } else {
        if (t - lastProgress < 2000) return;
        out.write(`  ${message}\n`);
      }
      lastProgress = t;
    },
    async group(title, fn) {
      clear();
      out.write(`▶ ${title}\n`);
      try {
        return await fn();
      } finally {
        clear();
      }
    },
    annotate(level, title, message) {
      clear();
      out.write(`${level === "error" ? "✖" : "⚠"} ${title}: ${message}\n`);
    },
    async summary() {},
  };
}

/** A reporter for GitHub Actions: log groups, annotations and the job summary. */
export function actionsReporter(): Reporter {
  let lastProgress = 0;
  return {
    info: (m) => core.info(m),
    progress(m) {
      const t = performance.now();
      if (t - lastProgress < 5000) return;
      lastProgress = t;
      core.info(m);
    },
    group: (title, fn) => core.group(title, fn),
    annotate(level, title, message) {
      if (level === "error") core.error(message, { title });
      else core.warning(message, { title });
    },
    async summary(markdown) {
      if (!process.env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(markdown).write();
    },
  };
}

/** A silent reporter (tests). */
export function silentReporter(lines: string[] = []): Reporter {
  return {
    info: (m) => lines.push(m),
    progress: () => undefined,
    group: (_t, fn) => fn(),
    annotate: (level, title, message) => lines.push(`${level}: ${title}: ${message}`),
    summary: async (md) => {
      lines.push(md);
    },
  };
}

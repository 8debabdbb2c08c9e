/** The global data object every page receives as `ace`. */
import type { DatasetSchema } from "#core/schema.ts";
import type { ChangeLog } from "../_load/changes.ts";
import type { DatasetHealth } from "../_load/freshness.ts";
import type { Agg } from "./agg.ts";
import type { RenderedChart } from "./chart.ts";

export interface BannerItem {
  readonly dataset: string;
  readonly problem: string;
  readonly lastSuccessAt: string | null;
}

export interface DownloadFile {
  /** output path relative to the site root, e.g. "charts/pass-rate.csv" */
  readonly path: string;
  readonly content: string;
}

export interface SiteData {
  readonly prefix: string;
  /** a site path ("about/", "" for home) → its URL under the path prefix: Eleventy's `url` filter */
  readonly href: (path: string) => string;
  readonly workerUrl: string | null;
  readonly dataLabel: string;
  readonly remote: boolean;
  readonly now: string;
  readonly agg: Agg;
  readonly health: readonly DatasetHealth[];
  /** what changed in each sync (site/_load/changes.ts) */
  readonly changes: ChangeLog;
  readonly banner: readonly BannerItem[];
  readonly schemas: readonly DatasetSchema[];
  /** rendered charts by view key ("overview", "exams", "exams/FY26", …) */
  readonly charts: Readonly<Record<string, readonly RenderedChart[]>>;
  /** fiscal years that have their own view, per page */
  readonly fyViews: Readonly<Record<"exams" | "journey" | "certifications", readonly string[]>>;
  readonly aggregatedFiles: readonly { name: string; bytes: number; asOf: string }[];
  readonly files: readonly DownloadFile[];
}

export interface PageEntry {
  readonly key: string;
  /** path relative to the prefix, "" for the home page, always ending in "/" otherwise */
  readonly url: string;
  readonly title: string;
  /** nav entry this page belongs to */
  readonly nav: string;
  readonly hasCharts: boolean;
  readonly body: string;
}

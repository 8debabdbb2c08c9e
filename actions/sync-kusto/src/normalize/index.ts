/** The Kusto datasets: one pure normalizer each (./common.ts), and the upstream extracts it reads. */
import type { ExtractName } from "../extracts.ts";
import { certifiedUsers } from "./certified.ts";
import type { Normalizer } from "./common.ts";
import { individualExams, LEGACY_READS } from "./exams.ts";
import { learningActivity } from "./learning.ts";
import { productUsage } from "./product.ts";
import { unifiedUsers } from "./unified.ts";

/** The Kusto datasets, in run order: the one list (the source, the action and the test harness read it). */
export const KUSTO_DATASETS = [
  "individual_exams",
  "certified_users",
  "unified_users",
  "product_usage",
  "learning_activity",
] as const;
export type KustoDataset = (typeof KUSTO_DATASETS)[number];

const EXAMS: readonly ExtractName[] = [...LEGACY_READS, "pearson_exam_results"];

export const NORMALIZERS: Readonly<
  Record<KustoDataset, { readonly reads: readonly ExtractName[]; readonly rows: Normalizer }>
> = {
  individual_exams: { reads: EXAMS, rows: individualExams },
  certified_users: { reads: EXAMS, rows: certifiedUsers },
  unified_users: {
    reads: ["users", "exam_eligibility", "pearson_exam_results", "learning_events", "product_usage"],
    rows: unifiedUsers,
  },
  product_usage: { reads: ["product_usage"], rows: productUsage },
  learning_activity: { reads: ["learning_events"], rows: learningActivity },
};

export function isKustoDataset(name: string): name is KustoDataset {
  return (KUSTO_DATASETS as readonly string[]).includes(name);
}

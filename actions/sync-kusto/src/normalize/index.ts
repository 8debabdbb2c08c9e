/** One normalizer per Kusto dataset, and the upstream extracts each reads. */
import type { ExtractName } from "../extracts.ts";
import { certifiedUsers } from "./certified.ts";
import type { Normalizer } from "./common.ts";
import { individualExams } from "./exams.ts";
import { learningActivity } from "./learning.ts";
import { productUsage } from "./product.ts";
import { unifiedUsers } from "./unified.ts";

const EXAMS: readonly ExtractName[] = ["exam_eligibility", "exam_scheduling", "exam_results", "pearson_exam_results"];

export const NORMALIZERS: Readonly<
  Record<string, { readonly reads: readonly ExtractName[]; readonly rows: Normalizer }>
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

export const KUSTO_DATASETS = Object.keys(NORMALIZERS);

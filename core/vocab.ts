/**
 * Upstream vocabularies → our values, and the one `lookup()` over them, used by the sync's normalizers, the worker's
 * live answers (through ./exams.ts) and the simulated world (COUNTRY_REGION). An upstream value not listed throws an
 * {@link UpstreamValueError}: the sync refuses the dataset (upstream changed meaning), the worker falls back — so a
 * new value is a reviewed change of this file.
 */
import { UpstreamValueError } from "./kusto-cells.ts";

export function lookup<T>(table: Readonly<Record<string, T>>, value: string | null, what: string): T {
  const v = value === null ? undefined : table[value];
  if (v === undefined) {
    throw new UpstreamValueError(
      `unknown upstream value in ${what}`,
      `unknown upstream value ${JSON.stringify(value)} in ${what} (known: ${Object.keys(table).join(", ")})`,
    );
  }
  return v;
}

export const PEARSON_STATUS: Readonly<Record<string, string>> = {
  Registered: "eligible",
  Scheduled: "scheduled",
  Completed: "completed",
  NoShow: "no_show",
  Cancelled: "cancelled",
};

/** ExamScheduling.State (a registration without a scheduling row is `eligible`). */
export const LEGACY_STATE: Readonly<Record<string, string>> = {
  Scheduled: "scheduled",
  Completed: "completed",
  NoShow: "no_show",
  Cancelled: "cancelled",
};

/** Pearson DeliveryMode and legacy DeliveryType. */
export const DELIVERY: Readonly<Record<string, string>> = {
  OnVUE: "online",
  "Online Proctored": "online",
  "Test Center": "test_center",
};

export const PASS_FAIL: Readonly<Record<string, boolean>> = { Pass: true, Fail: false };

/** Legacy ExamEligibility.ExamName → certification code. */
export const LEGACY_EXAM: Readonly<Record<string, string>> = {
  "GitHub Foundations": "GH-900",
  "GitHub Actions": "GH-200",
  "GitHub Copilot": "GH-300",
  "GitHub Advanced Security": "GH-500",
  "GitHub Administration": "GH-100",
};

export const CERTIFICATIONS: Readonly<Record<string, string>> = Object.fromEntries(
  ["GH-100", "GH-200", "GH-300", "GH-500", "GH-900"].map((c) => [c, c]),
);

export const PRODUCT: Readonly<Record<string, string>> = {
  Actions: "actions",
  "Advanced Security": "advanced_security",
  Codespaces: "codespaces",
  Copilot: "copilot",
  Packages: "packages",
};

export const ITEM_TYPE: Readonly<Record<string, string>> = {
  Module: "module",
  LearningPath: "path",
  Course: "course",
  Event: "event",
};

export type Region = "AMER" | "APAC" | "EMEA" | "LATAM";

/** ISO country → sales region; a country not listed (or none) is UNKNOWN. */
export const COUNTRY_REGION: Readonly<Record<string, Region>> = {
  US: "AMER",
  CA: "AMER",
  BR: "LATAM",
  MX: "LATAM",
  AR: "LATAM",
  CO: "LATAM",
  GB: "EMEA",
  DE: "EMEA",
  FR: "EMEA",
  NL: "EMEA",
  ES: "EMEA",
  PL: "EMEA",
  NG: "EMEA",
  ZA: "EMEA",
  TR: "EMEA",
  IN: "APAC",
  JP: "APAC",
  AU: "APAC",
  SG: "APAC",
  CN: "APAC",
  KR: "APAC",
};

export function regionOf(country: string | null): string {
  return (country !== null && COUNTRY_REGION[country]) || "UNKNOWN";
}

/** Which chart modules appear on which view. Views with a fiscal year get their own per-FY charts. */
import type { Agg } from "../_lib/agg.ts";
import type { ChartDef } from "../_lib/chart.ts";
import certStatus from "./cert-status.ts";
import certifiedActivity from "./certified-activity.ts";
import certifiedByCert from "./certified-by-cert.ts";
import certifiedCumulative from "./certified-cumulative.ts";
import conversionByCohort from "./conversion-by-cohort.ts";
import copilotAcceptance from "./copilot-acceptance.ts";
import copilotActive from "./copilot-active.ts";
import copilotFeatures from "./copilot-features.ts";
import copilotLanguages from "./copilot-languages.ts";
import copilotLines from "./copilot-lines.ts";
import examDelivery from "./exam-delivery.ts";
import examOutcomes from "./exam-outcomes.ts";
import examSource from "./exam-source.ts";
import funnel from "./funnel.ts";
import passRate from "./pass-rate.ts";
import productUsage from "./product-usage.ts";
import retakes from "./retakes.ts";
import scoreDistribution from "./score-distribution.ts";
import skillsMonthly from "./skills-monthly.ts";
import skillsPopular from "./skills-popular.ts";
import timeToCertify from "./time-to-certify.ts";

export function examYears(agg: Agg): string[] {
  return [...new Set(agg.exams.by_exam_year.map((r) => r.fiscal_year).filter((fy) => fy !== "all"))].sort();
}

/** Certifications with their own page (certifications/gh-100/ …): those the aggregates break down. */
export function certificationIds(agg: Agg): string[] {
  return [...new Set(agg.certifications.by_quarter.map((r) => r.certification).filter((c) => c !== "all"))].sort();
}

export function cohorts(agg: Agg): string[] {
  return agg.journey.cohorts.map((c) => c.cohort).filter((c) => c !== "all");
}

export function chartViews(agg: Agg): Record<string, ChartDef[]> {
  const views: Record<string, ChartDef[]> = {
    overview: [certifiedCumulative(agg), copilotActive(agg)],
    certifications: [certifiedByCert(agg), certStatus(agg), timeToCertify(agg)],
    exams: [examOutcomes(agg), passRate(agg), examSource(agg), examDelivery(agg), retakes(agg), scoreDistribution(agg)],
    journey: [funnel(agg), conversionByCohort(agg)],
    copilot: [copilotFeatures(agg), copilotAcceptance(agg), copilotLines(agg), copilotLanguages(agg)],
    skills: [skillsMonthly(agg), skillsPopular(agg)],
    activity: [productUsage(agg), certifiedActivity(agg)],
  };
  for (const fy of examYears(agg)) views[`exams/${fy}`] = [examOutcomes(agg, fy)];
  for (const c of cohorts(agg)) views[`journey/${c}`] = [funnel(agg, c)];
  for (const c of certificationIds(agg))
    views[`certifications/${c}`] = [certifiedCumulative(agg, c), examOutcomes(agg, undefined, c)];
  return views;
}

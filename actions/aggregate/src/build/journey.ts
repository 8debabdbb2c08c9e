/**
 * journey.json: the learning → … → product funnel per fiscal-year cohort, conversions and median days. Grain adapts
 * to k: a cohort's stages are merged into groups (stage-groups.ts) so the people between consecutive shown stages
 * clear the rule; a merged-away stage's count is published suppressed and the cohort lists its `stage_groups`.
 */

import { JOURNEY_STAGES, type Journey } from "#core/aggregated/schemas.ts";
import { type Cell, cellOf, derive, EMPTY, put, SUPPRESSED } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { num, optNum, type RawResults, str } from "../raw.ts";
import { statOf } from "./certifications.ts";
import { stageGroupStarts } from "./stage-groups.ts";
import type { Builder } from "./types.ts";

const RANK: Readonly<Record<string, number>> = Object.fromEntries(JOURNEY_STAGES.map((s, i) => [s, i]));
const reachedKey = (cohort: string, stage: string) => `jr|${cohort}|${stage}`;
const bothKey = (cohort: string, stage: string) => `jd|${cohort}|${stage}`;

/** People per cohort whose furthest stage is at least each stage (nested: reached[k] ⊆ reached[k-1]). */
export function funnelCounts(raw: RawResults): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const r of raw.journey_funnel) {
    const rank = RANK[str(r, "stage")];
    if (rank === undefined) continue;
    for (const cohort of [str(r, "cohort"), "all"]) {
      const arr = out.get(cohort) ?? JOURNEY_STAGES.map(() => 0);
      for (let k = 0; k <= rank; k++) arr[k] = (arr[k] ?? 0) + num(r, "people");
      out.set(cohort, arr);
    }
  }
  return out;
}

export const journeyBuilder: Builder = {
  file: "journey",
  datasets: ["journey_complete"],
  register(book, raw, ctx) {
    const funnel = funnelCounts(raw);
    const cohorts = [...funnel.keys()].filter((c) => c !== "all").sort();
    const all = [...cohorts, "all"];
    for (const c of all) {
      const counts = funnel.get(c) ?? [];
      book.chains.push(JOURNEY_STAGES.map((s, k) => put(book, reachedKey(c, s), counts[k] ?? 0)));
    }
    for (const s of JOURNEY_STAGES) {
      book.groups.push({ total: reachedKey("all", s), members: cohorts.map((c) => reachedKey(c, s)) });
    }
    const durations = new Map(raw.journey_durations.map((r) => [`${str(r, "cohort")}|${str(r, "stage")}`, r]));
    // people with both dates: "all" is the sum of the cohorts
    for (const s of JOURNEY_STAGES.slice(1)) {
      for (const c of all) {
        const d = durations.get(`${c}|${s}`);
        put(book, bothKey(c, s), d ? num(d, "people") : 0);
        book.leq.push([bothKey(c, s), reachedKey(c, s)]);
      }
      book.groups.push({ total: bothKey("all", s), members: cohorts.map((c) => bothKey(c, s)) });
    }

    const exact = (c: string): number[] => {
      const counts = funnel.get(c) ?? [];
      return JOURNEY_STAGES.map((_, k) => (counts[k] ?? 0) - (counts[k + 1] ?? 0));
    };
    // each cohort its own finest grouping; a stage it merges away starts hidden, and when the suppression must hide a
    // shown stage (e.g. the all-cohort total minus the others would give a merged one away) that stage merges too
    const starts = new Map(all.map((c) => [c, stageGroupStarts([exact(c)], RANK.certified ?? 0)]));
    // a stage starts a shown group when the grouping picks it and suppression left its count visible
    const shown = (c: string, hidden: ReadonlySet<string>): number[] =>
      (starts.get(c) ?? [0]).filter((k) => k === 0 || !hidden.has(reachedKey(c, JOURNEY_STAGES[k] ?? "")));
    const adapt = (hidden: ReadonlySet<string>): string[] =>
      all.flatMap((c) => {
        const keep = new Set(shown(c, hidden));
        // a merged-away stage: its count, and its people with both dates (nearly its count)
        return JOURNEY_STAGES.flatMap((s, k) =>
          keep.has(k) ? [] : k === 0 ? [reachedKey(c, s)] : [reachedKey(c, s), bothKey(c, s)],
        );
      });

    const render = (hidden: ReadonlySet<string>) => {
      const out: Journey = {
        ...envelope(ctx, "journey", journeyBuilder.datasets),
        stages: [...JOURNEY_STAGES],
        cohorts: (funnel.has("all") ? all : []).map((c) => {
          let prev: Cell | null = null;
          const keep = shown(c, hidden);
          return {
            cohort: c,
            stage_groups: keep.map((k, i) => JOURNEY_STAGES.slice(k, keep[i + 1] ?? JOURNEY_STAGES.length)),
            stages: JOURNEY_STAGES.map((s, k) => {
              const reached = keep.includes(k) ? cellOf(book, hidden, reachedKey(c, s)) : SUPPRESSED;
              // from the previous shown stage group
              const conversion = prev === null ? EMPTY : derive([prev, reached], (a, b) => (a === 0 ? null : b / a));
              if (keep.includes(k)) prev = reached;
              const d = durations.get(`${c}|${s}`);
              const people = s === "learning" ? EMPTY : cellOf(book, hidden, bothKey(c, s));
              // (a merged-away stage has its people with both dates hidden by adapt())
              return {
                stage: s,
                reached,
                conversion_from_previous: conversion,
                median_days_from_previous:
                  s === "learning" ? EMPTY : statOf(people, d ? optNum(d, "median_days") : null),
                people_with_both_dates: people,
              };
            }),
          };
        }),
      };
      return out;
    };
    return Object.assign(render, { adapt });
  },
};

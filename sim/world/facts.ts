/** All facts of one person over the whole timeline (nothing here knows about `now`), computed lazily. */
import { type LearningFact, learningFacts, type UsageFact, type UsagePlan, usageFacts, usagePlan } from "./activity.ts";
import { type ExamFact, examFacts } from "./exams.ts";
import { type PersonCore, personCore } from "./person.ts";
import { rng, STREAM } from "./rng.ts";
import type { Scale } from "./scales.ts";
import { DAY } from "./time.ts";

export interface PersonFacts {
  readonly core: PersonCore;
  /** listed in gh-analytics Users (FirstSeen = core.t0): by chance, or because of any gh-analytics activity ever */
  readonly inUsers: boolean;
  readonly exams: readonly ExamFact[];
  readonly learning: readonly LearningFact[];
  readonly usage: readonly UsageFact[];
}

/** Probability that a person ever registers for an exam (tuned: scale M ≈ 1,000,000 registrations as of the demo). */
export const REGISTRANT_RATE = 0.93;
export const LEARNER_RATE = 0.72;

export function seatRate(scale: Scale): number {
  return Math.min(1, scale.copilotSeats / Math.max(1, scale.people * scale.loginRate));
}

export function coreOf(seed: number, scale: Scale, index: number): PersonCore {
  return personCore(seed, index, scale.loginRate, seatRate(scale));
}

/**
 * Facts of one person; each part is generated on first access (from its own stream, so order does not matter).
 * `horizon` (ms) lets long monthly series stop early: facts up to the horizon are identical for any horizon.
 */
export function personFacts(seed: number, core: PersonCore, horizon?: number): PersonFacts {
  const r = rng(seed, core.index, STREAM.names);
  const learner = r.chance(LEARNER_RATE);
  const registrant = r.chance(REGISTRANT_RATE);
  const lead = learner ? r.int(20, 120) : r.int(0, 60);
  let exams: ExamFact[] | undefined;
  let learning: LearningFact[] | undefined;
  let usage: UsageFact[] | undefined;
  const getExams = (): ExamFact[] => {
    exams ??= examFacts(seed, core, core.t0 + lead * DAY, registrant);
    return exams;
  };
  const getLearning = (): LearningFact[] => {
    learning ??= learningFacts(seed, core, learner);
    return learning;
  };
  let plan: UsagePlan | null | undefined;
  const getPlan = (): UsagePlan | null => {
    if (plan === undefined) plan = usagePlan(seed, core, getExams());
    return plan;
  };
  const getUsage = (): UsageFact[] => {
    usage ??= usageFacts(seed, core, getPlan(), horizon);
    return usage;
  };
  return {
    core,
    get inUsers() {
      return core.usersBase || learner || getExams().some((e) => e.source === "legacy") || getPlan() !== null;
    },
    get exams() {
      return getExams();
    },
    get learning() {
      return getLearning();
    },
    get usage() {
      return getUsage();
    },
  };
}

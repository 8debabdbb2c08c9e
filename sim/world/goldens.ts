/** The goldens: the 11 datasets exactly as our CSVs should hold them as of now, in primary-key order, plus the state. */
import type { Row } from "#core/format.ts";
import { pseudonym } from "#core/pseudonym.ts";
import type { ActivityState, SkillsStateFile } from "#core/state.ts";
import type { PersonFacts } from "./facts.ts";
import type { GitHubView } from "./github.ts";
import {
  activityRows,
  activityState,
  copilotDailyRows,
  copilotLanguageRows,
  skillsCourseRows,
  skillsEnrollmentRows,
  skillsState,
  type Tracked,
} from "./golden-github.ts";
import {
  certifiedRows,
  examRows,
  isVisible,
  learningRows,
  type PersonBundle,
  personBundle,
  unifiedRow,
  usageRows,
} from "./golden-people.ts";
import type { Population } from "./population.ts";
import type { LearnerRepoFact } from "./social.ts";

export const DATASETS = [
  "certified_users",
  "copilot_daily",
  "copilot_languages",
  "github_activity",
  "individual_exams",
  "journey_complete",
  "learning_activity",
  "product_usage",
  "skills_courses",
  "skills_enrollments",
  "unified_users",
] as const;
export type DatasetName = (typeof DATASETS)[number];

export interface Goldens {
  /** rows of one dataset in primary-key order, streamed */
  rows(dataset: DatasetName): Iterable<Row>;
  /** data/state/activity.json and data/state/skills.json that belong to these goldens */
  state(): { readonly activity: ActivityState; readonly skills: SkillsStateFile };
  /** the five person datasets (unified, certified, usage, learning, journey) person by person, in user_id order */
  bundles(): Iterable<PersonBundle>;
  /** visible people as (user_id, index), sorted by user_id */
  people(): readonly { readonly userId: string; readonly index: number }[];
}

export function goldens(pop: Population, gh: GitHubView, key: string): Goldens {
  const now = pop.now;
  let order: { userId: string; index: number }[] | undefined;
  const people = (): { userId: string; index: number }[] => {
    if (!order) {
      order = [];
      for (const i of pop.indexes()) {
        if (isVisible(pop.facts(i), pop.now)) order.push({ userId: pseudonym(key, pop.core(i).email), index: i });
      }
      order.sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
    }
    return order;
  };
  const reposOf = (p: PersonFacts): readonly LearnerRepoFact[] => (p.core.login === null ? [] : gh.repos(p.core.index));
  function* perPerson(pick: (p: PersonFacts, userId: string) => readonly Row[]): Generator<Row> {
    for (const x of people()) yield* pick(pop.facts(x.index), x.userId);
  }
  function* bundles(): Generator<PersonBundle> {
    for (const x of people()) {
      const p = pop.facts(x.index);
      yield personBundle(p, x.userId, reposOf(p), now);
    }
  }
  function* exams(): Generator<Row> {
    // exam_id = L-E<person>-<nn> (all legacy) < P-R<person>-<nn>: legacy rows in person order, then Pearson rows
    // of the people that have any (remembered during the first pass)
    const byIndex = [...people()].sort((a, b) => a.index - b.index);
    const withPearson: { userId: string; index: number }[] = [];
    for (const x of byIndex) {
      let pearson = false;
      for (const r of examRows(pop.facts(x.index), x.userId, now)) {
        if (r.exam_source === "legacy") yield r;
        else pearson = true;
      }
      if (pearson) withPearson.push(x);
    }
    for (const x of withPearson) {
      for (const r of examRows(pop.facts(x.index), x.userId, now)) if (r.exam_source === "pearson") yield r;
    }
  }
  const tracked = (): Tracked => {
    const out: { login: string; index: number }[] = [];
    for (const p of people()) {
      const login = pop.core(p.index).login;
      if (login !== null) out.push({ login, index: p.index });
    }
    return out.sort((a, b) => (a.login < b.login ? -1 : a.login > b.login ? 1 : 0));
  };
  return {
    people,
    bundles,
    rows(dataset) {
      switch (dataset) {
        case "unified_users":
          return perPerson((p, id) => [unifiedRow(p, id, now)]);
        case "journey_complete":
          return perPerson((p, id) => [personBundle(p, id, reposOf(p), now).journey]);
        case "certified_users":
          return perPerson((p, id) => certifiedRows(examRows(p, id, now)));
        case "product_usage":
          return perPerson((p, id) => usageRows(p, id, now));
        case "learning_activity":
          return perPerson((p, id) => learningRows(p, id, now));
        case "individual_exams":
          return exams();
        case "copilot_daily":
          return copilotDailyRows(gh, now);
        case "copilot_languages":
          return copilotLanguageRows(gh, now);
        case "github_activity":
          return activityRows(gh, tracked(), now);
        case "skills_enrollments":
          return skillsEnrollmentRows(gh, pop);
        case "skills_courses":
          return skillsCourseRows(gh);
      }
    },
    state: () => ({ activity: activityState(gh, tracked(), now), skills: skillsState(gh, pop) }),
  };
}

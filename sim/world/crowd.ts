/**
 * The crowd: public forks of the Skills courses by people outside the tracked population (on github.com anyone can
 * fork `skills/<course>`; the popular courses have thousands of forks). They give the most popular courses more than
 * 300 forks at every scale, so a fork listing spans several pages and new forks land on its newest page
 * (issue 14). Crowd forks have no events and no pushes (pushed_at = created_at, as for an untouched fork).
 * Deterministic: the same seed gives the same crowd; a fork exists once `now` passes its creation time.
 */
import { SKILLS_COURSES } from "./catalog.ts";
import { rng } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, isoSec, ms, sec } from "./time.ts";
import type { LearnerRepo } from "./types.ts";

/** RNG stream of the crowd (distinct from the per-person streams in rng.ts). */
const CROWD_STREAM = 31;
/** crowd forks per unit of course popularity: the courses of popularity ≥ 8 get ≥ 320 forks over the timeline */
const PER_POPULARITY = 40;
const POPULAR = 8;
/** the other template courses get a small crowd */
const PER_POPULARITY_SMALL = 6;

/** Crowd forks created by `now` (ms), every template course, sorted by `owner/name`. */
export function crowdForks(seed: number, now: number): LearnerRepo[] {
  const end = Math.min(now, ms(TIMELINE.end));
  const out: LearnerRepo[] = [];
  SKILLS_COURSES.forEach((c, ci) => {
    if (!c.template || c.popularity <= 0) return;
    const n = c.popularity * (c.popularity >= POPULAR ? PER_POPULARITY : PER_POPULARITY_SMALL);
    const r = rng(seed, ci, CROWD_STREAM);
    const from = ms(c.created) + DAY;
    const span = ms(TIMELINE.end) - from;
    for (let k = 0; k < n; k++) {
      // drawn over the whole timeline (independent of now), then kept when already created
      const t = sec(from + Math.floor(r.next() * span));
      if (t > end) continue;
      const owner = `crowd-${ci.toString(36)}${k.toString(36).padStart(3, "0")}`;
      out.push({
        id: 800_000_000 + ci * 10_000 + k,
        owner,
        name: c.name,
        course: c.name,
        method: "fork",
        private: false,
        created_at: isoSec(t),
        pushed_at: isoSec(t),
      });
    }
  });
  return out.sort((a, b) => (`${a.owner}/${a.name}` < `${b.owner}/${b.name}` ? -1 : 1));
}

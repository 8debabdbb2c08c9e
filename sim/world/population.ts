/** Walking the population of one world: person order, as-of-now visibility, lookups by e-mail and login. */
import { normalizePersonKey } from "#core/pseudonym.ts";
import { coreOf, type PersonFacts, personFacts } from "./facts.ts";
import { indexOfEmail, type PersonCore } from "./person.ts";
import type { Scale } from "./scales.ts";

export interface Population {
  readonly seed: number;
  readonly scale: Scale;
  readonly now: number;
  core(index: number): PersonCore;
  facts(index: number): PersonFacts;
  /** person indexes whose arrival is not after now, ascending */
  indexes(): Iterable<number>;
  /** index of the person with this (any-case, any-whitespace) e-mail, or -1 */
  byEmail(email: string): number;
  /** index of the person with this login (case-insensitive), or -1 */
  byLogin(login: string): number;
  /** indexes of people with a login and arrival ≤ now, ascending */
  loginIndexes(): readonly number[];
  /** indexes of Copilot seat holders (any arrival), ascending */
  seatIndexes(): readonly number[];
}

export function population(seed: number, scale: Scale, now: number): Population {
  let logins: Map<string, number> | undefined;
  let loginIdx: number[] | undefined;
  let seats: number[] | undefined;
  const core = (i: number): PersonCore => coreOf(seed, scale, i);
  const scan = (): void => {
    if (logins) return;
    logins = new Map();
    loginIdx = [];
    seats = [];
    for (let i = 0; i < scale.people; i++) {
      const c = core(i);
      if (c.login === null) continue;
      logins.set(c.login.toLowerCase(), i);
      if (c.t0 <= now) loginIdx.push(i);
      if (c.copilotSeat) seats.push(i);
    }
  };
  return {
    seed,
    scale,
    now,
    core,
    facts: (i) => personFacts(seed, core(i), now),
    *indexes() {
      for (let i = 0; i < scale.people; i++) if (core(i).t0 <= now) yield i;
    },
    byEmail(email) {
      const n = normalizePersonKey(email);
      const i = indexOfEmail(n);
      return i >= 0 && i < scale.people && core(i).email === n ? i : -1;
    },
    byLogin(login) {
      scan();
      return logins?.get(login.toLowerCase()) ?? -1;
    },
    loginIndexes() {
      scan();
      return loginIdx ?? [];
    },
    seatIndexes() {
      scan();
      return seats ?? [];
    },
  };
}

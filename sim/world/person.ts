/**
 * A person's identity (cheap to compute, used to index and filter) — everything else about a person is generated
 * from independent per-person streams in facts.ts.
 */
import { COUNTRIES, COUNTRY_WEIGHTS, FIRST_NAMES, LAST_NAMES } from "./catalog.ts";
import { rng, STREAM } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { ms, sec } from "./time.ts";

export interface PersonCore {
  readonly index: number;
  /** canonical (normalized) e-mail: u<7 digits>.<first>.<last>@example.com, sorts in person order */
  readonly email: string;
  /** the e-mail as cse-analytics (Pearson) holds it: for ~30% differing only by case and/or whitespace */
  readonly pearsonEmail: string;
  readonly displayName: string;
  /** public GitHub login, or null */
  readonly login: string | null;
  /** numeric GitHub user id (for logins) */
  readonly githubId: number | null;
  /** ISO country, "" when unknown */
  readonly country: string;
  /** arrival: first time the program knows the person (ms) */
  readonly t0: number;
  /** listed in gh-analytics `Users` even without gh-analytics activity (facts add everyone who has some) */
  readonly usersBase: boolean;
  /** Copilot seat holder in the demo org */
  readonly copilotSeat: boolean;
}

/** Arrival weights per fiscal year FY22 … FY27 (growth). */
const FY_WEIGHTS = [1, 1.6, 2.4, 3.4, 4.6, 2] as const;
const FY_STARTS = [
  "2021-07-01",
  "2022-07-01",
  "2023-07-01",
  "2024-07-01",
  "2025-07-01",
  "2026-07-01",
  "2027-07-01",
].map(ms);

export const PERSON_DIGITS = 7;
const TIMELINE_START = ms(TIMELINE.start);
const TIMELINE_END = ms(TIMELINE.end);

export function personNumber(index: number): string {
  return String(index).padStart(PERSON_DIGITS, "0");
}

/** Person index encoded in a normalized e-mail, or -1. */
export function indexOfEmail(normalized: string): number {
  const m = /^u(\d{7})\./.exec(normalized);
  return m?.[1] ? Number(m[1]) : -1;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function variant(email: string, r: ReturnType<typeof rng>): string {
  const k = r.int(0, 3);
  if (k === 0) return email.toUpperCase();
  if (k === 1) return ` ${email}`;
  if (k === 2) return `${capitalize(email)} `;
  const at = email.indexOf("@");
  return `${email.slice(0, at)}@EXAMPLE.COM`;
}

export function personCore(seed: number, index: number, loginRate: number, seatRate: number): PersonCore {
  const r = rng(seed, index, STREAM.core);
  const first = r.pick(FIRST_NAMES);
  const last = r.pick(LAST_NAMES);
  const email = `u${personNumber(index)}.${first}.${last}@example.com`;
  const fy = r.weighted(FY_WEIGHTS);
  const lo = FY_STARTS[fy] ?? TIMELINE_START;
  const hi = Math.min(FY_STARTS[fy + 1] ?? TIMELINE_END, TIMELINE_END);
  // within a fiscal year the arrival rate grows linearly too (sqrt warps uniform → increasing density)
  const t0 = sec(lo + Math.sqrt(r.next()) * (hi - lo));
  const hasLogin = r.chance(loginRate);
  const style = r.int(0, 3);
  const login = !hasLogin
    ? null
    : style === 0
      ? `${first}-${last}${index}`
      : style === 1
        ? `${capitalize(first)}${capitalize(last)}${index}`
        : style === 2
          ? `${first.charAt(0)}${last}${index}`
          : `${first}${index}-dev`;
  const country = r.chance(0.05) ? "" : (COUNTRIES[r.weighted(COUNTRY_WEIGHTS)] ?? "");
  const pearsonVariant = r.chance(0.3);
  const pearsonEmail = pearsonVariant ? variant(email, r) : email;
  const inUsersDraw = r.next();
  const seatDraw = r.next();
  return {
    index,
    email,
    pearsonEmail,
    displayName: `${capitalize(first)} ${capitalize(last)}`,
    login,
    githubId: login === null ? null : 1_000_000 + index * 7 + 3,
    country,
    t0,
    usersBase: inUsersDraw < 0.6,
    copilotSeat: login !== null && seatDraw < seatRate,
  };
}

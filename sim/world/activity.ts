/** Learning events and monthly product usage of one person (gh-analytics). */
import { CERT_PRODUCT, LEARNING_ITEMS, type LearningType, PRODUCTS, type ProductKey } from "./catalog.ts";
import type { ExamFact } from "./exams.ts";
import type { PersonCore } from "./person.ts";
import { hash32, rng, STREAM } from "./rng.ts";
import { TIMELINE } from "./scales.ts";
import { DAY, MINUTE, ms, sec } from "./time.ts";

export interface LearningFact {
  readonly t: number;
  readonly itemId: string;
  readonly itemType: LearningType;
  readonly completed: boolean;
  /** decimal string, 0.00 … 1.00 */
  readonly progress: string;
  /** per-person session number (SessionId = sessionGuid(seed, index, session)) */
  readonly session: number;
}

export interface UsageFact {
  /** first instant of the month */
  readonly month: number;
  readonly product: ProductKey;
  readonly activeDays: number;
  readonly events: number;
}

const END = ms(TIMELINE.end);
const PRODUCT_WEIGHTS = PRODUCTS.map((x) => x.weight);

/** SessionId of a learning session. */
export function sessionGuid(seed: number, index: number, n: number): string {
  const h = [
    hash32(seed, index, n, 1),
    hash32(seed, index, n, 2),
    hash32(seed, index, n, 3),
    hash32(seed, index, n, 4),
  ];
  const hex = h.map((x) => x.toString(16).padStart(8, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Learning interactions, sorted by (time, item); timestamps unique per person. */
export function learningFacts(seed: number, core: PersonCore, learner: boolean): LearningFact[] {
  if (!learner) return [];
  const r = rng(seed, core.index, STREAM.learning);
  const out: LearningFact[] = [];
  const items = 1 + Math.min(12, Math.floor(r.exp(3)));
  let session = 0;
  const seen = new Set<string>();
  for (let i = 0; i < items; i++) {
    const item = r.pick(LEARNING_ITEMS);
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    let t = sec(core.t0 + Math.min(r.exp(45 * DAY), 700 * DAY) + r.int(0, 86_399) * 1000);
    const completes = item.type === "event" || r.chance(0.72);
    const sessions = item.type === "event" ? 1 : r.int(1, 3);
    for (let s = 0; s < sessions && t <= END; s++) {
      const last = s === sessions - 1;
      const sessionId = session++;
      if (item.type !== "event") {
        const p = last && completes ? 0.5 + r.next() * 0.45 : ((s + 1) / (sessions + 1)) * r.next();
        out.push({
          t,
          itemId: item.id,
          itemType: item.type,
          completed: false,
          progress: p.toFixed(2),
          session: sessionId,
        });
      }
      if (last && completes) {
        const done = item.type === "event" ? t : sec(t + r.int(5, 90) * MINUTE);
        out.push({
          t: done,
          itemId: item.id,
          itemType: item.type,
          completed: true,
          progress: "1.00",
          session: sessionId,
        });
      }
      t = sec(t + r.int(1, 20) * DAY + r.int(0, 86_399) * 1000);
    }
  }
  out.sort((a, b) => a.t - b.t || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  // keep (time, item) unique
  for (let i = 1; i < out.length; i++) {
    const prev = out[i - 1];
    const cur = out[i];
    if (prev && cur && cur.t === prev.t && cur.itemId === prev.itemId) out[i] = { ...cur, t: cur.t + 1000 };
  }
  return out;
}

/** First instant of month number m (months since 1970-01). */
const MONTHS: number[] = [];
for (let m = 0; m < 12 * 80; m++) MONTHS.push(Date.UTC(1970 + Math.floor(m / 12), m % 12, 1));
function monthIndex(t: number): number {
  const d = new Date(t);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}
const END_MONTH = monthIndex(END);

export interface UsagePlan {
  readonly start: number;
  readonly products: readonly ProductKey[];
}

/** Whether and from when a person uses products (independent of any horizon), or null. */
export function usagePlan(seed: number, core: PersonCore, exams: readonly ExamFact[]): UsagePlan | null {
  const r = rng(seed, core.index, STREAM.product);
  const firstPass = exams.find((e) => e.passed === true);
  const products = new Set<ProductKey>();
  let start: number;
  if (firstPass && firstPass.takenAt !== null && r.chance(0.8)) {
    start = firstPass.takenAt + r.int(0, 100) * DAY;
    products.add(CERT_PRODUCT[firstPass.cert]);
    for (const e of exams) if (e.passed === true && r.chance(0.3)) products.add(CERT_PRODUCT[e.cert]);
  } else if (r.chance(0.3)) {
    start = core.t0 + Math.min(r.exp(150 * DAY), 900 * DAY);
  } else {
    return null;
  }
  if (r.chance(0.5)) {
    const p = PRODUCTS[r.weighted(PRODUCT_WEIGHTS)];
    if (p) products.add(p.key);
  }
  if (core.copilotSeat) products.add("copilot");
  return { start, products: [...products].sort() };
}

/**
 * Monthly product usage (a month's row exists once the month is complete). Each product has its own stream, so
 * generating only up to `horizon` (ms; months starting after it are skipped) gives the same prefix for any horizon.
 */
export function usageFacts(seed: number, core: PersonCore, plan: UsagePlan | null, horizon = END): UsageFact[] {
  if (plan === null) return [];
  const start = plan.start;
  const out: UsageFact[] = [];
  const last = Math.min(END_MONTH, monthIndex(Math.min(horizon, END)));
  for (const product of plan.products) {
    const pr = rng(seed, core.index, STREAM.product * 100 + PRODUCTS.findIndex((x) => x.key === product));
    const from = monthIndex(start + pr.int(0, 60) * DAY) + 1;
    const until = Math.min(last, pr.chance(0.3) ? END_MONTH : from + Math.floor(pr.exp(10)));
    const intensity = 1 + pr.exp(15);
    for (let m = from; m <= until; m++) {
      if (!pr.chance(0.8)) continue;
      const month = MONTHS[m] ?? 0;
      const activeDays = pr.int(1, Math.round(((MONTHS[m + 1] ?? month) - month) / DAY));
      out.push({
        month,
        product,
        activeDays,
        events: activeDays * Math.max(1, Math.round(intensity * (0.5 + pr.next()))),
      });
    }
  }
  out.sort((a, b) => a.month - b.month || (a.product < b.product ? -1 : a.product > b.product ? 1 : 0));
  return out;
}

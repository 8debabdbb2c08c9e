/**
 * The Kusto upstream view: every table of data/schema/upstream/kusto.json as the clusters hold it as of `now`,
 * streamed person by person (person order = key order: ids and e-mails start with the zero-padded person number).
 */
import { readFileSync } from "node:fs";
import { normalizePersonKey } from "#core/pseudonym.ts";
import { REPO_ROOT } from "#core/schema.ts";
import { sessionGuid } from "./activity.ts";
import { EXAMS, LEARNING_UPSTREAM_TYPE, PRODUCTS } from "./catalog.ts";
import { type ExamFact, examAsOf } from "./exams.ts";
import type { PersonFacts } from "./facts.ts";
import type { Population } from "./population.ts";
import { HOUR, nextMonth } from "./time.ts";
import type { KustoCell, KustoRow, KustoUpstream, KustoWindow } from "./types.ts";

interface UpstreamTable {
  readonly name: string;
  readonly timeColumn: string;
  readonly key: readonly string[];
  readonly personColumns: Readonly<Partial<Record<"user_key" | "login", string>>>;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
}
interface UpstreamCluster {
  readonly name: string;
  readonly database: string;
  readonly tables: readonly UpstreamTable[];
}

export function loadUpstreamSchema(): readonly UpstreamCluster[] {
  const doc = JSON.parse(readFileSync(`${REPO_ROOT}/data/schema/upstream/kusto.json`, "utf8")) as {
    clusters: UpstreamCluster[];
  };
  return doc.clusters;
}

type Cells = Record<string, KustoCell>;
type Producer = (p: PersonFacts, now: number, seed: number) => Iterable<Cells>;

const STATUS_PEARSON = {
  eligible: "Registered",
  scheduled: "Scheduled",
  completed: "Completed",
  no_show: "NoShow",
  cancelled: "Cancelled",
} as const;
const STATE_LEGACY = {
  scheduled: "Scheduled",
  completed: "Completed",
  no_show: "NoShow",
  cancelled: "Cancelled",
} as const;
const d = (t: number | null): Date | null => (t === null ? null : new Date(t));
/** The hidden cell holding a row's ingestion time (not a column: no upstream column starts with `$`). */
const INGESTED = "$ingested";
/** When a registration's row last changed as of now: registered, scheduled, cancelled, taken, or marked no-show. */
function examChangedAt(e: ExamFact, now: number): Date {
  let t = e.registeredAt;
  const noShowAt = e.outcome === "no_show" && e.appointmentAt !== null ? e.appointmentAt + 4 * HOUR : null;
  for (const x of [e.scheduledAt, e.cancelledAt, e.outcome === "completed" ? e.takenAt : null, noShowAt])
    if (x !== null && x <= now && x > t) t = x;
  return new Date(t);
}

const PRODUCERS: Readonly<Record<string, Producer>> = {
  "cse-analytics/PearsonExamResults": function* (p, now) {
    for (const e of p.exams) {
      if (e.source !== "pearson") continue;
      const s = examAsOf(e, now);
      if (!s) continue;
      yield {
        RegistrationId: e.upstreamId,
        CandidateEmail: p.core.pearsonEmail,
        CandidateName: p.core.displayName,
        GitHubHandle: p.core.login ?? "",
        ExamCode: e.cert,
        RegisteredAt: new Date(e.registeredAt),
        AppointmentAt: s.scheduled ? d(e.appointmentAt) : null,
        CompletedAt: s.completed ? d(e.takenAt) : null,
        Status: STATUS_PEARSON[s.status],
        DeliveryMode: s.scheduled ? (e.delivery === "online" ? "OnVUE" : "Test Center") : "",
        Score: s.completed ? e.score : null,
        PassFail: s.completed ? (e.passed ? "Pass" : "Fail") : "",
        CountryCode: p.core.country,
        RawPayload: { vendor: "Pearson VUE", exam: e.cert, channel: e.channel, form: e.seq % 2 === 0 ? "A" : "B" },
        [INGESTED]: examChangedAt(e, now),
      };
    }
  },
  "gh-analytics/Users": function* (p, now) {
    if (!p.inUsers || p.core.t0 > now) return;
    const c = p.core;
    yield {
      Email: c.email,
      DisplayName: c.displayName,
      GitHubLogin: c.login ?? "",
      FirstSeen: new Date(c.t0),
      Country: c.country,
      [INGESTED]: new Date(c.t0),
    };
  },
  "gh-analytics/ExamEligibility": function* (p, now) {
    for (const e of p.exams) {
      if (e.source !== "legacy" || !examAsOf(e, now)) continue;
      const name = EXAMS.find((x) => x.code === e.cert)?.legacyName ?? e.cert;
      yield {
        EligibilityId: e.upstreamId,
        Email: p.core.email,
        ExamName: name,
        EligibleAt: new Date(e.registeredAt),
        Channel: e.channel,
        [INGESTED]: new Date(e.registeredAt),
      };
    }
  },
  "gh-analytics/ExamScheduling": function* (p, now) {
    for (const e of p.exams) {
      const s = e.source === "legacy" ? examAsOf(e, now) : null;
      if (!s || s.status === "eligible") continue;
      yield {
        EligibilityId: e.upstreamId,
        Email: p.core.email,
        EligibleAt: new Date(e.registeredAt),
        ScheduledAt: d(e.scheduledAt),
        AppointmentAt: d(e.appointmentAt),
        DeliveryType: e.delivery === "online" ? "Online Proctored" : "Test Center",
        State: STATE_LEGACY[s.status],
        [INGESTED]: examChangedAt(e, now),
      };
    }
  },
  "gh-analytics/ExamResults": function* (p, now) {
    for (const e of p.exams) {
      const s = e.source === "legacy" ? examAsOf(e, now) : null;
      if (!s?.completed) continue;
      yield {
        EligibilityId: e.upstreamId,
        Email: p.core.email,
        EligibleAt: new Date(e.registeredAt),
        TakenAt: d(e.takenAt),
        ScoreValue: e.score,
        Passed: e.passed,
        Duration: e.durationMs,
        [INGESTED]: d(e.takenAt),
      };
    }
  },
  "gh-analytics/ProductUsage": function* (p, now) {
    for (const u of p.usage) {
      if (nextMonth(u.month) > now) break;
      const product = PRODUCTS.find((x) => x.key === u.product)?.upstream ?? u.product;
      yield {
        Email: p.core.email,
        Month: new Date(u.month),
        Product: product,
        ActiveDays: u.activeDays,
        EventCount: u.events,
        [INGESTED]: new Date(nextMonth(u.month)),
      };
    }
  },
  "gh-analytics/LearningEvents": function* (p, now, seed) {
    for (const l of p.learning) {
      if (l.t > now) break;
      yield {
        Email: p.core.email,
        Timestamp: new Date(l.t),
        ItemId: l.itemId,
        ItemType: LEARNING_UPSTREAM_TYPE[l.itemType],
        Completed: l.completed,
        SessionId: sessionGuid(seed, p.core.index, l.session),
        Progress: l.progress,
        [INGESTED]: new Date(l.t),
      };
    }
  },
};

function inWindow(v: KustoCell | undefined, w: KustoWindow): boolean {
  if (w.start === undefined && w.end === undefined) return true;
  if (!(v instanceof Date)) return false;
  const t = v.getTime();
  return (w.start === undefined || t >= w.start.getTime()) && (w.end === undefined || t < w.end.getTime());
}

/** The row's ingestion time within [ingestedFrom, ingestedTo) (no bounds: every row). */
export function inIngestion(v: KustoCell | undefined, w: KustoWindow): boolean {
  if (w.ingestedFrom === undefined && w.ingestedTo === undefined) return true;
  if (!(v instanceof Date)) return false;
  const t = v.getTime();
  return (
    (w.ingestedFrom === undefined || t >= w.ingestedFrom.getTime()) &&
    (w.ingestedTo === undefined || t < w.ingestedTo.getTime())
  );
}

export function kustoUpstream(pop: Population): KustoUpstream {
  const clusters = loadUpstreamSchema();
  return {
    *rows(cluster: string, table: string, window: KustoWindow = {}): Iterable<KustoRow> {
      const c = clusters.find((x) => x.name === cluster);
      if (!c) throw new Error(`unknown Kusto cluster "${cluster}" (known: ${clusters.map((x) => x.name).join(", ")})`);
      const t = c.tables.find((x) => x.name === table);
      const produce = PRODUCERS[`${cluster}/${table}`];
      if (!t || !produce)
        throw new Error(
          `unknown table "${table}" in cluster ${cluster} (known: ${c.tables.map((x) => x.name).join(", ")})`,
        );
      const cols = t.columns.map((x) => x.name);
      const person = window.person;
      const personCol = person ? t.personColumns[person.kind] : undefined;
      if (person && !personCol) return;
      let indexes: Iterable<number> = pop.indexes();
      if (person) {
        const i = person.kind === "user_key" ? pop.byEmail(person.value) : pop.byLogin(person.value);
        indexes = i >= 0 && pop.core(i).t0 <= pop.now ? [i] : [];
      }
      for (const i of indexes) {
        for (const cells of produce(pop.facts(i), pop.now, pop.seed)) {
          if (!inWindow(cells[t.timeColumn], window)) continue;
          if (!inIngestion(cells[INGESTED], window)) continue;
          if (person && personCol) {
            const v = cells[personCol];
            if (typeof v !== "string") continue;
            const match =
              person.kind === "user_key"
                ? normalizePersonKey(v) === normalizePersonKey(person.value)
                : v.toLowerCase() === person.value.toLowerCase();
            if (!match) continue;
          }
          const row = cols.map((name) => cells[name] ?? null);
          if (window.withIngestionTime) row.push(cells[INGESTED] ?? null);
          yield row;
        }
      }
    },
  };
}

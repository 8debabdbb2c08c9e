/**
 * exams.json: registrations → outcomes by exam × fiscal year, source, delivery, retakes, score distribution. Where a
 * certification's year has 1–4 no-shows, cancellations or pending registrations, those three are published only
 * together (as registrations − completed), the grain the outcome charts fall back to.
 */

import { CERTIFICATIONS, type Exams } from "#core/aggregated/schemas.ts";
import { type CellBook, cellOf, derive, isSmall, put } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { bool, num, str } from "../raw.ts";
import { CERT_KEYS } from "./certifications.ts";
import type { Builder } from "./types.ts";

const MEASURES = ["registrations", "completed", "passed", "failed", "no_show", "cancelled", "pending"] as const;
type Measure = (typeof MEASURES)[number];
const SOURCES = ["legacy", "pearson"] as const;
const DELIVERIES = ["online", "test_center", "unknown"] as const;
const BINS = Array.from({ length: 10 }, (_, i) => i);

/** Which outcome measures one cube row adds to (registrations always). */
function measuresOf(status: string, passed: boolean): Measure[] {
  const out: Measure[] = ["registrations"];
  if (status === "completed") out.push("completed", passed ? "passed" : "failed");
  else if (status === "no_show") out.push("no_show");
  else if (status === "cancelled") out.push("cancelled");
  else out.push("pending");
  return out;
}

const exKey = (cert: string, fy: string, m: string) => `ex|${cert}|${fy}|${m}`;
const srcKey = (fy: string, src: string, m: string) => `exs|${fy}|${src}|${m}`;
const delKey = (fy: string, d: string) => `exd|${fy}|${d}`;
const retKey = (cert: string, m: string) => `exr|${cert}|${m}`;
const binKey = (cert: string, bin: number) => `exb|${cert}|${bin}`;

function add(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

/** Registers a row of measures with its two within-row groups. */
function registerRow(book: CellBook, counts: Map<string, number>, key: (m: string) => string): void {
  for (const m of MEASURES) put(book, key(m), counts.get(key(m)) ?? 0);
  book.groups.push({ total: key("registrations"), members: ["completed", "no_show", "cancelled", "pending"].map(key) });
  book.groups.push({ total: key("completed"), members: [key("passed"), key("failed")] });
}

export const examsBuilder: Builder = {
  file: "exams",
  datasets: ["individual_exams"],
  register(book, raw, ctx) {
    const counts = new Map<string, number>();
    const years = [...new Set(raw.exams_cube.map((r) => str(r, "fiscal_year")))].sort();
    for (const r of raw.exams_cube) {
      const [cert, fy, src, del, n] = [
        str(r, "certification"),
        str(r, "fiscal_year"),
        str(r, "exam_source"),
        str(r, "delivery"),
        num(r, "exams"),
      ];
      for (const m of measuresOf(str(r, "status"), bool(r, "passed"))) {
        for (const c of [cert, "all"]) for (const y of [fy, "all"]) add(counts, exKey(c, y, m), n);
        add(counts, srcKey(fy, src, m), n);
      }
      add(counts, delKey(fy, del), n);
    }
    for (const c of CERT_KEYS) for (const y of [...years, "all"]) registerRow(book, counts, (m) => exKey(c, y, m));
    for (const m of MEASURES) {
      for (const y of [...years, "all"])
        book.groups.push({ total: exKey("all", y, m), members: CERTIFICATIONS.map((c) => exKey(c, y, m)) });
      for (const c of CERT_KEYS)
        book.groups.push({ total: exKey(c, "all", m), members: years.map((y) => exKey(c, y, m)) });
    }
    for (const y of years) {
      for (const s of SOURCES) registerRow(book, counts, (m) => srcKey(y, s, m));
      for (const m of MEASURES)
        book.groups.push({ total: exKey("all", y, m), members: SOURCES.map((s) => srcKey(y, s, m)) });
      for (const d of DELIVERIES) put(book, delKey(y, d), counts.get(delKey(y, d)) ?? 0);
      book.groups.push({ total: exKey("all", y, "registrations"), members: DELIVERIES.map((d) => delKey(y, d)) });
    }

    const retakes = new Map(raw.exams_retakes.map((r) => [str(r, "certification"), r]));
    for (const c of CERT_KEYS) {
      const r = retakes.get(c);
      const examined = r ? num(r, "examined") : 0;
      const retook = r ? num(r, "retook") : 0;
      put(book, retKey(c, "examined"), examined);
      put(book, retKey(c, "retook"), retook);
      put(book, retKey(c, "single"), examined - retook);
      book.groups.push({ total: retKey(c, "examined"), members: [retKey(c, "single"), retKey(c, "retook")] });
    }

    const bins = new Map(raw.exams_scores.map((r) => [`${str(r, "certification")}|${num(r, "bin")}`, num(r, "exams")]));
    const scoredKeys = new Map<string, string>();
    for (const c of CERT_KEYS) {
      const members = BINS.map((b) => put(book, binKey(c, b), bins.get(`${c}|${b}`) ?? 0));
      const scored = members.reduce((s, m) => s + (book.values.get(m) ?? 0), 0);
      // Usually every completed exam is scored: then "scored" is the completed count, one cell.
      const alias = exKey(c, "all", "completed");
      const key = book.values.get(alias) === scored ? alias : `exb|${c}|scored`;
      scoredKeys.set(c, put(book, key, scored));
      book.groups.push({ total: key, members });
    }
    for (const b of BINS)
      book.groups.push({ total: binKey("all", b), members: CERTIFICATIONS.map((c) => binKey(c, b)) });

    // grain adapts to k: a certification × year whose no-shows, cancellations or pending registrations are 1–4
    // publishes the three only merged (registrations − completed: "did not sit"), so passed and failed stay visible
    const NOT_SAT = ["no_show", "cancelled", "pending"] as const;
    // — and when even those together are 1–4, it is the registrations total that is withheld (the outcome charts plot
    // passed and failed; hiding completed instead would spread suppression over every year and certification)
    const adapt = (): string[] =>
      CERT_KEYS.flatMap((c) =>
        years.flatMap((y) => {
          const keys = NOT_SAT.map((m) => exKey(c, y, m));
          const sum = keys.reduce((s, k) => s + (book.values.get(k) ?? 0), 0);
          if (isSmall(sum)) return [...keys, exKey(c, y, "registrations")];
          return keys.some((k) => isSmall(book.values.get(k) ?? 0)) ? keys : [];
        }),
      );

    const render = (hidden: ReadonlySet<string>) => {
      const cell = (k: string) => cellOf(book, hidden, k);
      const row = (key: (m: string) => string) => {
        const [registrations, completed, passed, failed, no_show, cancelled, pending] = MEASURES.map((m) =>
          cell(key(m)),
        );
        if (!registrations || !completed || !passed || !failed || !no_show || !cancelled || !pending)
          throw new Error("measures");
        const pass_rate = derive([passed, failed, completed], (p, _f, c) => (c === 0 ? null : p / c));
        return { registrations, completed, passed, failed, no_show, cancelled, pending, pass_rate };
      };
      const out: Exams = {
        ...envelope(ctx, "exams", examsBuilder.datasets),
        by_exam_year: CERT_KEYS.flatMap((c) =>
          [...years, "all"].map((y) => ({ certification: c, fiscal_year: y, ...row((m) => exKey(c, y, m)) })),
        ),
        by_source: years.flatMap((y) =>
          SOURCES.map((s) => ({ fiscal_year: y, exam_source: s, ...row((m) => srcKey(y, s, m)) })),
        ),
        delivery: years.flatMap((y) =>
          DELIVERIES.map((d) => ({ fiscal_year: y, delivery: d, exams: cell(delKey(y, d)) })),
        ),
        retakes: CERT_KEYS.map((c) => {
          const [people_examined, people_single_attempt, people_retook] = ["examined", "single", "retook"].map((m) =>
            cell(retKey(c, m)),
          );
          if (!people_examined || !people_single_attempt || !people_retook) throw new Error("retakes");
          const retake_rate = derive([people_retook, people_single_attempt, people_examined], (r, _s, e) =>
            e === 0 ? null : r / e,
          );
          return { certification: c, people_examined, people_single_attempt, people_retook, retake_rate };
        }),
        score_distribution: CERT_KEYS.map((c) => ({
          certification: c,
          scored: cell(scoredKeys.get(c) ?? ""),
          bins: BINS.map((b) => ({ from: b * 100, to: b === 9 ? 1000 : b * 100 + 99, exams: cell(binKey(c, b)) })),
        })),
      };
      return out;
    };
    return Object.assign(render, { adapt });
  },
};

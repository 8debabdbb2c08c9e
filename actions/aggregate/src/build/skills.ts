/**
 * skills.json: GitHub Skills enrollments per month (all courses; fork vs template), per course over all time, and the
 * most popular courses. Grain adapts to the small-cell rule (issue 17): a course's enrollments per month are mostly
 * 1–4 and would force complementary suppression onto the all-course months, so months are published for all courses
 * together only; each course keeps its all-time totals.
 */

import type { Skills } from "#core/aggregated/schemas.ts";
import { cellOf, put, suppress } from "#core/suppress.ts";
import { envelope } from "../context.ts";
import { num, optBool, optStr, str } from "../raw.ts";
import type { Builder } from "./types.ts";

const METHODS = ["fork", "template", "enrollments"] as const;
export const skKey = (course: string, month: string, m: string) => `sk|${course}|${month}|${m}`;
export const POPULAR = 10;

export const skillsBuilder: Builder = {
  file: "skills",
  datasets: ["skills_courses", "skills_enrollments"],
  register(book, raw, ctx) {
    const counts = new Map<string, number>();
    const add = (k: string, n: number) => counts.set(k, (counts.get(k) ?? 0) + n);
    const monthsOf = new Map<string, Set<string>>();
    for (const r of raw.skills_months) {
      const [course, month, method, n] = [str(r, "course"), str(r, "month"), str(r, "method"), num(r, "enrollments")];
      for (const c of [course, "all"]) {
        // per course: all-time totals only (the month grain is for all courses together)
        for (const mo of c === "all" ? [month, "all"] : ["all"]) {
          add(skKey(c, mo, method), n);
          add(skKey(c, mo, "enrollments"), n);
        }
        if (c !== "all") continue;
        const set = monthsOf.get(c) ?? new Set<string>();
        set.add(month);
        monthsOf.set(c, set);
      }
    }
    const enrolled = new Set(raw.skills_months.map((r) => str(r, "course")));
    const meta = new Map(raw.skills_courses.map((r) => [str(r, "course"), r]));
    const courses = [...new Set([...meta.keys(), ...enrolled])].sort();
    for (const c of [...courses, "all"]) {
      const months = [...(monthsOf.get(c) ?? [])].sort();
      for (const mo of [...months, "all"]) {
        for (const m of METHODS) put(book, skKey(c, mo, m), counts.get(skKey(c, mo, m)) ?? 0);
        // a month is listed only when it had enrollments: an outsider knows a listed month's enrollments are ≥ 1
        if (mo !== "all") book.lower.set(skKey(c, mo, "enrollments"), 1);
        book.groups.push({
          total: skKey(c, mo, "enrollments"),
          members: [skKey(c, mo, "fork"), skKey(c, mo, "template")],
        });
      }
      if (months.length > 0)
        for (const m of METHODS)
          book.groups.push({ total: skKey(c, "all", m), members: months.map((mo) => skKey(c, mo, m)) });
    }
    for (const m of METHODS)
      book.groups.push({ total: skKey("all", "all", m), members: courses.map((c) => skKey(c, "all", m)) });

    return (hidden) => {
      const cell = (k: string) => cellOf(book, hidden, k);
      const courseRows = courses.map((course) => {
        const r = meta.get(course);
        return {
          course,
          title: r ? optStr(r, "title") : null,
          is_template: r ? optBool(r, "is_template") : null,
          archived: r ? optBool(r, "archived") : null,
          stargazers: suppress(r ? num(r, "stargazers") : 0),
          forks: suppress(r ? num(r, "forks") : 0),
          enrollments: cell(skKey(course, "all", "enrollments")),
          fork: cell(skKey(course, "all", "fork")),
          template: cell(skKey(course, "all", "template")),
        };
      });
      const popular = courseRows
        .filter((c) => c.enrollments.value !== null && c.enrollments.value > 0)
        .sort((a, b) => (b.enrollments.value ?? 0) - (a.enrollments.value ?? 0) || (a.course < b.course ? -1 : 1))
        .slice(0, POPULAR)
        .map((c, i) => ({ rank: i + 1, course: c.course, enrollments: c.enrollments.value ?? 0 }));
      const out: Skills = {
        ...envelope(ctx, "skills", skillsBuilder.datasets),
        courses: courseRows,
        popular,
        by_month: [...courses, "all"].flatMap((course) =>
          [...(monthsOf.get(course) ?? [])].sort().map((month) => ({
            course,
            month,
            enrollments: cell(skKey(course, month, "enrollments")),
            fork: cell(skKey(course, month, "fork")),
            template: cell(skKey(course, month, "template")),
          })),
        ),
      };
      return out;
    };
  },
};

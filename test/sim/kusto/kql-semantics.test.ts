/**
 * The aggregate database's KQL evaluator, through the real azure-kusto-data client: each operator and function of
 * the documented subset, with the examples of learn.microsoft.com/kusto where the documentation gives one.
 */
import { describe, expect, it } from "vitest";
import { useAggregateSim } from "./kql-helpers.ts";

const { query } = useAggregateSim();

const X = `let X = datatable(Key:string, Value1:long) ['a',1, 'b',2, 'b',3, 'c',4];`;
const Y = `let Y = datatable(Key:string, Value2:long) ['b',10, 'c',20, 'c',30, 'd',40];`;

const one = async (csl: string, params: Readonly<Record<string, string>> = {}) =>
  (await query(csl, params)).rows[0] ?? {};

describe("KQL evaluator: null values (learn.microsoft.com/kusto/query/scalar-data-types/null-values)", () => {
  it("comparisons with null follow the documented example", async () => {
    const { rows } = await query(
      `datatable(val:int)[5, int(null)]
       | extend IsBiggerThan3 = val > 3, IsBiggerThan3OrNull = val > 3 or isnull(val),
                IsEqualToNull = val == int(null), IsNotEqualToNull = val != int(null)`,
    );
    expect(rows).toEqual([
      { val: 5, IsBiggerThan3: true, IsBiggerThan3OrNull: true, IsEqualToNull: false, IsNotEqualToNull: true },
      { val: null, IsBiggerThan3: null, IsBiggerThan3OrNull: true, IsEqualToNull: null, IsNotEqualToNull: null },
    ]);
  });

  it("where drops rows whose predicate is null, keeps null != 5 (true)", async () => {
    const { rows } = await query(`datatable(ival:int, sval:string)[5, "a", int(null), "b"] | where ival != 5`);
    expect(rows).toEqual([{ ival: null, sval: "b" }]);
    const gt = await query(`datatable(ival:int, sval:string)[5, "a", int(null), "b"] | where ival > 1`);
    expect(gt.rows).toEqual([{ ival: 5, sval: "a" }]);
  });

  it("aggregates ignore nulls; strings are never null; arithmetic with null is null", async () => {
    const r = await one(
      `datatable(v:long, s:string)[1, "x", long(null), "", 3, "x"]
       | summarize n = count(), c = countif(v > 0), d = count_distinct(v), total = sum(v), lo = min(v), hi = max(v), mean = avg(v), ds = count_distinct(s)`,
    );
    expect(r).toEqual({ n: 3, c: 2, d: 2, total: 4, lo: 1, hi: 3, mean: 2, ds: 2 });
    const p = await one(
      `print a = long(null) + 1, b = isnull(""), c = isempty(""), d = isnotempty("x"), e = strcat("a", long(null), "b")`,
    );
    expect(p).toEqual({ a: null, b: false, c: true, d: true, e: "ab" });
  });
});

describe("KQL evaluator: join kinds (learn.microsoft.com/kusto/query/join-operator)", () => {
  it("the default kind is innerunique: the left side deduplicated on the key (documented example)", async () => {
    const r = await query(`${X}${Y} X | join Y on Key`);
    expect(r.columns).toEqual(["Key:string", "Value1:long", "Key1:string", "Value2:long"]);
    expect(r.rows).toEqual([
      { Key: "b", Value1: 2, Key1: "b", Value2: 10 },
      { Key: "c", Value1: 4, Key1: "c", Value2: 20 },
      { Key: "c", Value1: 4, Key1: "c", Value2: 30 },
    ]);
  });

  it("inner, leftouter, leftanti, rightanti", async () => {
    const inner = await query(`${X}${Y} X | join kind=inner Y on Key | project Key, Value1, Value2`);
    expect(inner.rows.map((r) => `${r["Key"]}${r["Value1"]}-${r["Value2"]}`)).toEqual([
      "b2-10",
      "b3-10",
      "c4-20",
      "c4-30",
    ]);
    const outer = await query(`${X}${Y} X | join kind=leftouter Y on Key`);
    expect(outer.rows[0]).toEqual({ Key: "a", Value1: 1, Key1: "", Value2: null });
    expect(outer.rows).toHaveLength(5);
    const la = await query(`${X}${Y} X | join kind=leftanti Y on Key`);
    expect(la.rows).toEqual([{ Key: "a", Value1: 1 }]);
    const ra = await query(`${X}${Y} X | join kind=rightanti Y on Key`);
    expect(ra.rows).toEqual([{ Key: "d", Value2: 40 }]);
  });

  it("on $left.a == $right.b, several keys, and null keys that match nothing", async () => {
    const r = await query(
      `let L = datatable(a:long, b:string)[1, "x", 2, "y", long(null), "z"];
       let R = datatable(k:long, b:string, w:long)[1, "x", 10, 2, "q", 20, long(null), "z", 30];
       L | join kind=inner R on $left.a == $right.k, b`,
    );
    expect(r.rows).toEqual([{ a: 1, b: "x", k: 1, b1: "x", w: 10 }]);
    const outer = await query(
      `let L = datatable(a:long)[long(null)]; let R = datatable(a:long)[long(null)]; L | join kind=leftouter R on a`,
    );
    expect(outer.rows).toEqual([{ a: null, a1: null }]);
  });
});

describe("KQL evaluator: tabular operators", () => {
  it("summarize with named and unnamed keys and aggregates, bin(), take_any, by-less summarize on no rows", async () => {
    const r = await query(
      `datatable(d:datetime, n:long)[datetime(2024-01-01 10:00), 1, datetime(2024-01-01 23:00), 2, datetime(2024-01-03), 5]
       | summarize count(), sum(n), take_any(n) by bin(d, 1d) | order by d asc`,
    );
    // the analyzer names unnamed aggregates (count_, sum_n; take_any(n) keeps n)
    expect(r.columns).toEqual(["d:datetime", "count_:long", "sum_n:long", "n:long"]);
    expect(r.rows.map((x) => [(x["d"] as Date).toISOString().slice(0, 10), x["count_"], x["sum_n"]])).toEqual([
      ["2024-01-01", 2, 3],
      ["2024-01-03", 1, 5],
    ]);
    // the documented defaults: count/sum/count_distinct 0, others (min, avg) null; one row without `by`
    const empty = await query(
      `datatable(n:long)[1] | where n > 5 | summarize c = count(), s = sum(n), d = count_distinct(n), lo = min(n), a = avg(n)`,
    );
    expect(empty.rows).toEqual([{ c: 0, s: 0, d: 0, lo: null, a: null }]);
    const nulls = await query(`datatable(n:long)[long(null)] | summarize s = sum(n), si = sumif(n, true), lo = max(n)`);
    expect(nulls.rows).toEqual([{ s: 0, si: 0, lo: null }]);
    const grouped = await query(`datatable(n:long)[1] | where n > 5 | summarize c = count() by n`);
    expect(grouped.rows).toEqual([]);
  });

  it("sort: default desc with nulls last, asc with nulls first, explicit nulls placement", async () => {
    const t = `datatable(n:long)[2, long(null), 1, 3]`;
    const vals = async (q: string) => (await query(q)).rows.map((r) => r["n"]);
    expect(await vals(`${t} | order by n`)).toEqual([3, 2, 1, null]);
    expect(await vals(`${t} | order by n asc`)).toEqual([null, 1, 2, 3]);
    expect(await vals(`${t} | sort by n asc nulls last`)).toEqual([1, 2, 3, null]);
    expect(await vals(`${t} | sort by n desc nulls first`)).toEqual([null, 3, 2, 1]);
  });

  it("extend, project, project-rename, project-away, distinct, union, take, count, let tables", async () => {
    const r = await query(
      `let T = datatable(a:string, n:long)["x", 1, "y", 2, "x", 1];
       let U = T | where n > 1;
       T | union U | extend m = n * 10 | extend m2 = m + 1 | project-rename name = a | project-away n | distinct name, m, m2 | order by name asc, m asc`,
    );
    expect(r.rows).toEqual([
      { name: "x", m: 10, m2: 11 },
      { name: "y", m: 20, m2: 21 },
    ]);
    expect((await query(`datatable(n:long)[1,2,3] | take 2 | count`)).rows).toEqual([{ Count: 2 }]);
    expect((await query(`datatable(n:long)[1,2,3] | project k = n % 2, n | limit 1`)).rows).toEqual([{ k: 1, n: 1 }]);
  });

  it("queries the dataset tables with the schema's types (date → datetime, integer → long, empty string → an empty string)", async () => {
    const r = await query(`individual_exams | take 1`);
    expect(r.columns).toContain("score:long");
    expect(r.columns).toContain("registered_at:datetime");
    expect(r.columns).toContain("passed:bool");
    const blanks = await query(`individual_exams | where isempty(delivery) | summarize n = count()`);
    expect((blanks.rows[0]?.["n"] as number) >= 0).toBe(true);
  });
});

describe("KQL evaluator: scalar functions", () => {
  it("integer division truncates; modulo is never negative (documented example); real division", async () => {
    expect(await one(`print a = 7 / 2, b = -7 / 2, e = 7 / 2.0, f = 1 / 0, g = 1 / 2`)).toEqual({
      a: 3,
      b: -3,
      e: 3.5,
      f: null,
      g: 0,
    });
    expect(
      await one(`print plusPlus = 14 % 12, minusPlus = -14 % 12, plusMinus = 14 % -12, minusMinus = -14 % -12`),
    ).toEqual({ plusPlus: 2, minusPlus: 10, plusMinus: 2, minusMinus: 10 });
  });

  it("datetime_diff counts period boundaries (the documented example)", async () => {
    const r = await one(`print
      year = datetime_diff('year',datetime(2017-01-01),datetime(2000-12-31)),
      quarter = datetime_diff('quarter',datetime(2017-07-01),datetime(2017-03-30)),
      month = datetime_diff('month',datetime(2017-01-01),datetime(2015-12-30)),
      week = datetime_diff('week',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
      day = datetime_diff('day',datetime(2017-10-29 00:00),datetime(2017-09-30 23:59)),
      hour = datetime_diff('hour',datetime(2017-10-31 01:00),datetime(2017-10-30 23:59)),
      minute = datetime_diff('minute',datetime(2017-10-30 23:05:01),datetime(2017-10-30 23:00:59)),
      second = datetime_diff('second',datetime(2017-10-30 23:00:10.100),datetime(2017-10-30 23:00:00.900)),
      millisecond = datetime_diff('millisecond',datetime(2017-10-30 23:00:00.200100),datetime(2017-10-30 23:00:00.100900))`);
    expect(r).toEqual({
      year: 17,
      quarter: 2,
      month: 13,
      week: 5,
      day: 29,
      hour: 2,
      minute: 5,
      second: 10,
      millisecond: 100,
    });
  });

  it("start/end of periods, parts, week_of_year, dayofweek, bin of datetimes from 0001-01-01 (Mondays for 7d)", async () => {
    const r = await one(`let d = datetime(2017-01-01 10:10:17);
      print sw = startofweek(d), sm = startofmonth(d), sy = startofyear(d), sd = startofday(d), em = endofmonth(d),
        y = getyear(d), m = getmonth(d), dow = dayofweek(datetime(1970-05-11)), w1 = week_of_year(datetime(2015-12-14)),
        w2 = week_of_year(datetime(2000-01-01)), b7 = bin(datetime(2024-05-09 13:00), 7d), p = datetime_part("quarter", d),
        add = datetime_add('month', 1, datetime(2017-01-31)), sw1 = startofweek(d, -1), sm1 = startofmonth(d, 1), mk = make_datetime(2024, 2, 29), bad = make_datetime(2023, 2, 29),
        f = format_datetime(datetime(2015-12-14 02:03:04.12345), 'y-M-d h:m:s.fffffff'), g = format_datetime(d, 'yyyy-MM')`);
    const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, iso(v)]))).toEqual({
      sw: "2017-01-01T00:00:00.000Z",
      sm: "2017-01-01T00:00:00.000Z",
      sy: "2017-01-01T00:00:00.000Z",
      sd: "2017-01-01T00:00:00.000Z",
      em: "2017-01-31T23:59:59.999Z",
      y: 2017,
      m: 1,
      dow: 86_400_000, // a timespan: the client reads it as milliseconds
      w1: 51,
      w2: 52,
      b7: "2024-05-06T00:00:00.000Z",
      p: 1,
      add: "2017-02-28T00:00:00.000Z",
      sw1: "2016-12-25T00:00:00.000Z",
      sm1: "2017-02-01T00:00:00.000Z",
      mk: "2024-02-29T00:00:00.000Z",
      bad: null,
      f: "15-12-14 2:3:4.1230000",
      g: "2017-01",
    });
  });

  it("datetime_add by months clamps the day to the target month (leap years, negative amounts, time of day kept)", async () => {
    const r =
      await one(`print a = datetime_add('month', 12, datetime(2024-02-29)), b = datetime_add('month', -1, datetime(2024-01-31 10:30)),
      c = datetime_add('month', 2, datetime(1999-12-31)), d = datetime_add('year', -4, datetime(2000-02-29)),
      e = datetime_add('quarter', 1, datetime(2025-11-30)), f = datetime_add('week', 1, datetime(2025-12-28))`);
    expect(Object.values(r).map((v) => (v as Date).toISOString())).toEqual([
      "2025-02-28T00:00:00.000Z",
      "2023-12-31T10:30:00.000Z",
      "2000-02-29T00:00:00.000Z",
      "1996-02-29T00:00:00.000Z",
      "2026-02-28T00:00:00.000Z",
      "2026-01-04T00:00:00.000Z",
    ]);
  });

  it("strings, conversions, iff/case/coalesce, in/!in, =~, min_of/max_of, floor", async () => {
    const r = await one(`print a = substring("123456", 1, 2), b = strlen("héllo"), c = toint("42"), d = tolong(2.9),
      e = toreal("1.5"), f = tostring(12), g = tobool("true"), h = todatetime("2024-01-02T03:04:05Z"),
      i = iff(1 > 2, "y", "n"), j = case(false, 1, true, 2, 3), k = coalesce(long(null), 5), l = coalesce("", "x"),
      m = "A" in ("a", "A"), n = "a" !in ("b"), o = "ABC" =~ "abc", p = "ABC" == "abc", q = min_of(10, 1, -3, 17),
      r = max_of(long(null), 2, 1), s = floor(7, 5), t = tostring(datetime(2024-01-02)), u = toint("x")`);
    expect(r).toEqual({
      a: "23",
      b: 5,
      c: 42,
      d: 2,
      e: 1.5,
      f: "12",
      g: true,
      h: new Date("2024-01-02T03:04:05Z"),
      i: "n",
      j: 2,
      k: 5,
      l: "x",
      m: true,
      n: true,
      o: true,
      p: false,
      q: -3,
      r: 2,
      s: 5,
      t: "2024-01-02T00:00:00Z",
      u: null,
    });
  });

  it("let scalars and user functions with typed scalar parameters; query parameters bound from the request", async () => {
    const r = await query(
      `declare query_parameters(as_of:datetime, who:string = "nobody", k:long = 2);
       let fy = (t:datetime) { strcat("FY", substring(tostring(getyear(t) + iff(getmonth(t) >= 7, 1, 0)), 2, 2)) };
       let cutoff = as_of - 1d;
       print f = fy(as_of), c = cutoff, w = who, k2 = k * 2`,
      { as_of: "datetime(2025-07-02T00:00:00Z)", who: "'me'" },
    );
    expect(r.rows).toEqual([{ f: "FY26", c: new Date("2025-07-01T00:00:00Z"), w: "me", k2: 4 }]);
  });
});

describe("KQL evaluator: string keys by dictionary code", () => {
  // dataset columns share the database's dictionary; strcat() makes a column with a dictionary of its own, so each
  // query below runs once on codes of one dictionary and once translating between two
  const copy = (t: string, cols: string) =>
    `(${t} | extend ${cols
      .split(",")
      .map((c) => `${c} = strcat(${c}, '')`)
      .join(", ")})`;

  it("join on one and on two string keys gives the same rows with shared and with separate dictionaries", async () => {
    const shared = await query(
      `certified_users | project user_id, certification
       | join kind=inner (individual_exams | summarize n = count() by user_id, certification) on user_id, certification
       | summarize rows = count(), n = sum(n), people = count_distinct(user_id)`,
    );
    const separate = await query(
      `${copy("certified_users | project user_id, certification", "user_id,certification")}
       | join kind=inner (individual_exams | summarize n = count() by user_id, certification) on user_id, certification
       | summarize rows = count(), n = sum(n), people = count_distinct(user_id)`,
    );
    expect(separate.rows).toEqual(shared.rows);
    expect((shared.rows[0]?.["rows"] as number) > 0).toBe(true);
    for (const kind of ["inner", "innerunique", "leftouter", "leftanti", "rightanti", "fullouter"]) {
      const q = (left: string) =>
        query(`${left} | join kind=${kind} (unified_users | project user_id, region) on user_id | count`);
      const a = await q("(individual_exams | project user_id, status)");
      const b = await q(copy("individual_exams | project user_id, status", "user_id"));
      expect(b.rows, kind).toEqual(a.rows);
    }
  });

  it("union keeps the parts' rows in order whether or not they share a dictionary", async () => {
    const a = await query(
      `union (unified_users | project user_id), (certified_users | project user_id)
       | summarize rows = count(), people = count_distinct(user_id)`,
    );
    const b = await query(
      `union ${copy("unified_users | project user_id", "user_id")}, (certified_users | project user_id)
       | summarize rows = count(), people = count_distinct(user_id)`,
    );
    expect(b.rows[0]?.["rows"]).toBe(a.rows[0]?.["rows"]);
    expect(b.rows[0]?.["people"]).toBe(a.rows[0]?.["people"]);
    const firsts = await query(`union (skills_courses | project course), (skills_courses | project course) | take 100`);
    const courses = await query(`skills_courses | project course`);
    expect(firsts.rows).toEqual([...courses.rows, ...courses.rows]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CellBook, derive, isSmall, newBook, protect, put, rate, SUPPRESSED, suppress } from "#core/suppress.ts";

describe("suppress", () => {
  it("hides 1–4, publishes 0 and ≥ 5", () => {
    expect(suppress(0)).toEqual({ value: 0, suppressed: false });
    for (const v of [1, 2, 3, 4]) expect(suppress(v)).toBe(SUPPRESSED);
    expect(suppress(5)).toEqual({ value: 5, suppressed: false });
  });
  it("derives nothing from a suppressed cell; rates have 4 decimals and are undefined over zero", () => {
    expect(rate(SUPPRESSED, suppress(10))).toEqual(SUPPRESSED);
    expect(rate(suppress(5), suppress(7))).toEqual({ value: 0.7143, suppressed: false });
    expect(rate(suppress(0), suppress(0))).toEqual({ value: null, suppressed: false });
    expect(derive([suppress(9), suppress(6)], (a, b) => a - b)).toEqual({ value: 3, suppressed: false });
  });
});

/** Random books: a few totals each made of random member cells, plus chains over random cells. */
const bookArb = fc
  .record({
    groups: fc.array(fc.array(fc.nat({ max: 12 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
    chainSteps: fc.array(fc.nat({ max: 9 }), { maxLength: 8 }),
    kpi: fc.tuple(fc.nat({ max: 30 }), fc.nat({ max: 30 })),
  })
  .map(({ groups, chainSteps, kpi }) => {
    const book = newBook();
    groups.forEach((members, gi) => {
      const keys = members.map((v, i) => put(book, `g${gi}.${i}`, v));
      const total = put(
        book,
        `g${gi}.total`,
        members.reduce((a, b) => a + b, 0),
      );
      book.groups.push({ total, members: keys });
    });
    // a 2-D margin: totals of every group summed
    const grand = [...book.values].filter(([k]) => k.endsWith(".total")).reduce((s, [, v]) => s + v, 0);
    book.groups.push({ total: put(book, "grand", grand), members: groups.map((_, gi) => `g${gi}.total`) });
    let cum = 0;
    const cumKeys = chainSteps.map((step, i) => {
      cum += step;
      return put(book, `cum.${i}`, cum);
    });
    book.chains.push(cumKeys);
    book.chains.push([put(book, "kpi.cur", kpi[0]), put(book, "kpi.prev", kpi[1])]);
    return book;
  });

function checkBook(book: CellBook, hidden: ReadonlySet<string>): string[] {
  const v = (k: string) => book.values.get(k) ?? 0;
  const bad: string[] = [];
  for (const [k, x] of book.values) if (!hidden.has(k) && isSmall(x)) bad.push(`visible small ${k}=${x}`);
  for (const g of book.groups) {
    const hiddenMembers = g.members.filter((m) => hidden.has(m));
    if (!hidden.has(g.total)) {
      const d = v(g.total) - g.members.filter((m) => !hidden.has(m)).reduce((s, m) => s + v(m), 0);
      if (isSmall(d)) bad.push(`total ${g.total} minus visible = ${d}`);
    } else if (hiddenMembers.length === 0 && isSmall(v(g.total))) bad.push(`total ${g.total} = sum of visible`);
  }
  for (const c of book.chains) {
    const vis = c.filter((k) => !hidden.has(k));
    for (let i = 1; i < vis.length; i++) {
      const d = v(vis[i] ?? "") - v(vis[i - 1] ?? "");
      if (isSmall(d)) bad.push(`chain step ${vis[i - 1]}→${vis[i]} = ${d}`);
    }
  }
  return bad;
}

describe("protect (complementary suppression)", () => {
  it("leaves no difference of visible cells in 1–4 (random books)", () => {
    fc.assert(
      fc.property(bookArb, (book) => {
        expect(checkBook(book, protect(book))).toEqual([]);
      }),
      { numRuns: 500, seed: 7 },
    );
  });
  it("hides a second cell when one hidden cell would be derivable from its total", () => {
    const book = newBook();
    const a = put(book, "a", 3);
    const b = put(book, "b", 40);
    const c = put(book, "c", 9);
    book.groups.push({ total: put(book, "t", 52), members: [a, b, c] });
    expect([...protect(book)].sort()).toEqual(["a", "c"]);
  });
});

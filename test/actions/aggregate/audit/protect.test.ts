import { describe, expect, it } from "vitest";
import { newBook, protect, put } from "#core/suppress.ts";
import { bookSystem, protectAudited } from "../../../../actions/aggregate/src/audit/protect.ts";
import { exposedCells } from "../../../../actions/aggregate/src/audit/solve.ts";

/** A course with six listed months (each ≥ 1) under a visible total: the Skills break of issue 16 in miniature. */
function skillsBook() {
  const book = newBook();
  const months = [1, 1, 2, 1, 1, 30].map((v, i) => {
    const k = put(book, `m${i}`, v);
    book.lower.set(k, 1);
    return k;
  });
  put(book, "total", 36);
  book.groups.push({ total: "total", members: months });
  return book;
}

describe("suppression checked by the solver", () => {
  it("protect() alone leaves listed months pinned; the solver check hides until none is", async () => {
    const book = skillsBook();
    const naive = protect(book);
    const before = await exposedCells(bookSystem(book, naive));
    expect(before.exposed.length).toBeGreaterThan(0);
    const { hidden, rounds } = await protectAudited(book);
    expect(rounds).toBeGreaterThan(1);
    expect((await exposedCells(bookSystem(book, hidden))).exposed).toEqual([]);
    expect(hidden.has("m5") || hidden.has("total")).toBe(true);
  });

  it("is deterministic", async () => {
    const a = await protectAudited(skillsBook());
    const b = await protectAudited(skillsBook());
    expect([...a.hidden].sort()).toEqual([...b.hidden].sort());
  });

  it("models people with both dates ≤ people who reached a stage", async () => {
    const book = newBook();
    put(book, "prev", 101);
    put(book, "stage", 100);
    put(book, "both", 100);
    put(book, "first", 111);
    book.chains.push(["first", "prev", "stage"]);
    book.leq.push(["both", "stage"]);
    // protect() alone hides only the stage (1 below the previous one), which "both" then pins to 100–101
    expect((await exposedCells(bookSystem(book, protect(book)))).exposed).toEqual(["stage"]);
    const { hidden } = await protectAudited(book);
    expect(hidden.size).toBeGreaterThan(1);
    expect((await exposedCells(bookSystem(book, hidden))).exposed).toEqual([]);
  });
});

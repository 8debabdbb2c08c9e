import { describe, expect, it } from "vitest";
import { DEMO_PSEUDONYM_KEY, pseudonym } from "#core/pseudonym.ts";
import { createWorld } from "../../../sim/world/index.ts";
import { DEMO, resolveScale, SCALES } from "../../../sim/world/scales.ts";
import { isoSec, isoWeek } from "../../../sim/world/time.ts";

describe("scales", () => {
  it("one table: S, M, L and custom populations", () => {
    expect(SCALES.S.people).toBe(2_000);
    expect(SCALES.M.people).toBe(200_000);
    expect(Math.round(SCALES.M.people * SCALES.M.loginRate)).toBe(11_300); // ≈ 10,100 of them exist as of DEMO.now
    expect(SCALES.L.people).toBe(1_000_000);
    expect(resolveScale({ scale: "m" }).name).toBe("M");
    expect(resolveScale({ people: 123 })).toMatchObject({ name: "custom", people: 123 });
    expect(() => resolveScale({ scale: "XL" })).toThrow(/unknown scale/);
    expect(() => resolveScale({ people: 0 })).toThrow(/--people/);
    expect(DEMO).toEqual({ seed: 7, scale: "S", now: "2026-11-24T02:00:00Z", org: "ace-demo" });
  });

  it("fast formatters agree with Date", () => {
    for (const t of [
      0,
      1_700_000_000_000,
      Date.parse("2024-02-29T23:59:59Z"),
      Date.parse("2026-12-31T00:00:00.999Z"),
    ]) {
      expect(isoSec(t)).toBe(`${new Date(t).toISOString().slice(0, 19)}Z`);
    }
    expect(isoWeek(Date.parse("2026-11-24T02:00:00Z"))).toBe("2026-W48");
    expect(isoWeek(Date.parse("2027-01-01T00:00:00Z"))).toBe("2026-W53");
    expect(isoWeek(Date.parse("2021-01-03T12:00:00Z"))).toBe("2020-W53");
  });

  it("the Kusto view filters by login and by any spelling of an e-mail", () => {
    const world = createWorld({ seed: 3, people: 200 });
    const users = [...world.kusto.rows("gh-analytics", "Users")];
    const withLogin = users.find((r) => r[2] !== "");
    expect(withLogin).toBeDefined();
    const login = String(withLogin?.[2]);
    expect([
      ...world.kusto.rows("gh-analytics", "Users", { person: { kind: "login", value: login.toUpperCase() } }),
    ]).toEqual([withLogin]);
    const email = String(withLogin?.[0]);
    const spelled = ` ${email.toUpperCase()} `;
    expect([...world.kusto.rows("gh-analytics", "Users", { person: { kind: "user_key", value: spelled } })]).toEqual([
      withLogin,
    ]);
    const ids = new Set([...world.goldens.rows("unified_users")].map((r) => r.user_id));
    expect(ids.has(pseudonym(DEMO_PSEUDONYM_KEY, spelled))).toBe(true);
  });
});

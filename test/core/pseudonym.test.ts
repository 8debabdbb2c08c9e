/** The pseudonym is its definition: the first 16 hex digits of HMAC-SHA256(key, trimmed lower-cased person key). */
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pseudonym } from "#core/pseudonym.ts";

describe("pseudonym", () => {
  it("is the first 16 hex digits of the HMAC of the normalized key", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), (key, person) => {
        const hex = createHmac("sha256", key).update(person.trim().toLowerCase()).digest("hex");
        expect(pseudonym(key, person)).toBe(hex.slice(0, 16));
      }),
      { numRuns: 300 },
    );
    expect(pseudonym("k", " Ada@Example.TEST ")).toBe(pseudonym("k", "ada@example.test"));
    expect(() => pseudonym("", "a")).toThrow(/PSEUDONYM_KEY is empty/);
  });
});

/**
 * Staff reads of `/api/users/{login}/exams` through Cloudflare Access: the `Cf-Access-Jwt-Assertion` verified against
 * the team's keys (a stand-in team on 127.0.0.1 serving /cdn-cgi/access/certs), one structured log line per read.
 * The refusals are in access-attacks.test.ts.
 */
import { describe, expect, inject, it } from "vitest";
import { assertion, client, STAFF_SUB, send, staff } from "./profile-helpers.ts";

describe("staff reads through Cloudflare Access", () => {
  it("a valid assertion reads a profile and leaves one structured log line without the content", async () => {
    const c = await client();
    const login = inject("pearsonLogin");
    const res = await send(c, `/api/users/${login}/exams`, staff(await assertion()));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = (await res.json()) as { login: string; exams: { exam_ref: string; certification: string }[] };
    expect(body.exams.length).toBeGreaterThan(0);
    const reads = c.log.filter((l) => l.startsWith("{"));
    expect(reads).toHaveLength(1);
    const line = JSON.parse(reads[0] ?? "{}") as Record<string, unknown>;
    expect(line).toEqual({
      event: "profile-read",
      who: STAFF_SUB,
      whose: login.toLowerCase(),
      at: new Date(c.now).toISOString(),
      source: "kusto",
    });
    expect(reads[0]).not.toContain("@");
    for (const e of body.exams) expect(reads[0]).not.toContain(e.exam_ref);
  });
});

import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { orgDayTotals } from "../../../actions/sync-github/src/copilot-parse.ts";
import {
  COPILOT_TOKEN,
  client,
  GITHUB_TOKEN,
  startFixtureSim,
  statusOf,
  useFixtureSim,
} from "../../harness/sim-github/testkit.ts";

const ORG = "ace-org";
const USERS = "GET /orgs/{org}/copilot/metrics/reports/users-1-day";
const ORG_DAY = "GET /orgs/{org}/copilot/metrics/reports/organization-1-day";
const LATEST = "GET /orgs/{org}/copilot/metrics/reports/organization-28-day/latest";

const fx = useFixtureSim({
  usersPerLink: 2,
  faults: {
    faults: [
      { route: "github:download", nth: [20], kind: "expired-link" },
      { route: "github:download", nth: [21], kind: "malformed-ndjson", line: 1 },
    ],
  },
});

interface Report {
  download_links: string[];
  report_day: string;
}

describe("Copilot usage-metrics reports", () => {
  it("answers signed links to NDJSON on the download origin, split for the users report", async () => {
    const { octokit } = client(fx.sim, COPILOT_TOKEN);
    const res = await octokit.request(USERS, { org: ORG, day: "2026-11-20" });
    const data = res.data as Report;
    expect(res.status).toBe(200);
    expect(data.report_day).toBe("2026-11-20");
    expect(data.download_links).toHaveLength(3);
    const lines: Record<string, unknown>[] = [];
    for (const link of data.download_links) {
      expect(link.startsWith(`${fx.sim.downloadUrl}/`)).toBe(true);
      const file = await fetch(link);
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("application/x-ndjson");
      for (const l of (await file.text()).split("\n").filter(Boolean)) lines.push(JSON.parse(l));
    }
    expect(lines.map((l) => l.user_login)).toEqual(["user0", "user1", "user2", "user3", "user4"]);
    expect(lines.every((l) => l.day === "2026-11-20")).toBe(true);
  });

  it("serves the org report and the 28-day report", async () => {
    const { octokit } = client(fx.sim, COPILOT_TOKEN);
    const day = await octokit.request(ORG_DAY, { org: ORG, day: "2026-11-23" });
    const link = (day.data as Report).download_links[0] ?? "";
    // the day's default variant (flat or report object, NDJSON or pretty JSON): read as the sync reads it
    expect(orgDayTotals([await (await fetch(link)).text()], "2026-11-23")).toMatchObject({ daily_active_users: 5 });
    const latest = await octokit.request(LATEST, { org: ORG });
    expect(latest.data).toMatchObject({ report_start_day: "2026-10-27", report_end_day: "2026-11-23" });
    const file = JSON.parse((await (await fetch(latest.data.download_links[0] ?? "")).text()).trim());
    expect(file.day_totals).toHaveLength(28);
  });

  it("answers 204 until a day is ready (one day of lag) and 4xx outside the available range", async () => {
    const { octokit } = client(fx.sim, COPILOT_TOKEN);
    expect(await statusOf(octokit.request(USERS, { org: ORG, day: "2026-11-24" }))).toBe(204);
    expect(await statusOf(octokit.request(USERS, { org: ORG, day: "2026-11-23" }))).toBe(200);
    expect(await statusOf(octokit.request(USERS, { org: ORG, day: "2025-11-23" }))).toBe(400);
    expect(await statusOf(octokit.request(USERS, { org: ORG, day: "2025-10-01" }))).toBe(400);
    expect(await statusOf(octokit.request(USERS, { org: ORG, day: "not-a-day" }))).toBe(422);
    expect(await statusOf(octokit.request(USERS, { org: "other-org", day: "2026-11-20" }))).toBe(404);
  });

  it("refuses the repository GITHUB_TOKEN with GitHub's 403 and anonymous calls with 401", async () => {
    const err = await client(fx.sim, GITHUB_TOKEN)
      .octokit.request(USERS, { org: ORG, day: "2026-11-20" })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect((err as RequestError).status).toBe(403);
    expect((err as RequestError).message).toMatch(/^Resource not accessible by integration/);
    expect(await statusOf(client(fx.sim, undefined).octokit.request(USERS, { org: ORG, day: "2026-11-20" }))).toBe(401);
  });

  it("download links refuse Authorization, tampering, expiry; a malformed line is served as such", async () => {
    const { octokit } = client(fx.sim, COPILOT_TOKEN);
    const link = (await octokit.request(USERS, { org: ORG, day: "2026-11-21" })).data.download_links[0] ?? "";
    const withAuth = await fetch(link, { headers: { authorization: `token ${COPILOT_TOKEN}` } });
    expect(withAuth.status).toBe(400);
    expect(await withAuth.text()).toContain("Only one auth mechanism allowed");
    const forged = new URL(link);
    forged.searchParams.set("exp", String(Number(forged.searchParams.get("exp")) + 3600));
    const tampered = await fetch(forged);
    expect(tampered.status).toBe(403);
    expect(await tampered.text()).toContain("SignatureDoesNotMatch");
    // consume download requests up to the planned faults (20th: expired, 21st: malformed)
    const before = fx.sim.requests.filter((r) => r.listener === "download").length;
    for (let i = before + 1; i < 20; i++) await (await fetch(link)).text();
    const expired = await fetch(link);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain("Request has expired");
    const malformed = (await (await fetch(link)).text()).split("\n").filter(Boolean);
    expect(() => JSON.parse(malformed[0] ?? "")).not.toThrow();
    expect(() => JSON.parse(malformed[1] ?? "")).toThrow();
  });

  it("a naturally expired link is refused (real-time TTL)", async () => {
    const short = await startFixtureSim({ linkTtlMs: -1000 });
    const { octokit } = client(short, COPILOT_TOKEN);
    const link = (await octokit.request(USERS, { org: ORG, day: "2026-11-21" })).data.download_links[0] ?? "";
    expect((await fetch(link)).status).toBe(403);
    await short.close();
  });
});

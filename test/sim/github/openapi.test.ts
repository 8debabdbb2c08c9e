import { describe, expect, it } from "vitest";
import {
  documentFor,
  extractSubset,
  loadOpenApi,
  SIM_PATHS,
  validateResponse,
  validateSchema,
} from "../../../sim/github/openapi.ts";
import { event, fullRepository, learnerFacts, repository } from "../../../sim/github/shapes.ts";
import { createFixture } from "../../harness/sim-github/fixture.ts";

const API = "http://127.0.0.1:1";
const world = createFixture();
const learner = world.github.learnerRepos()[150];
const course = world.github.skillsCourses()[0];

describe("OpenAPI validation against @octokit/openapi (api.github.com)", () => {
  it("covers every REST path the simulator answers, including the Copilot report endpoints", () => {
    const doc = loadOpenApi();
    for (const p of SIM_PATHS) expect(doc.paths[p], p).toBeDefined();
    const sub = documentFor(SIM_PATHS[0] ?? "");
    expect(Object.keys(sub.paths).sort()).toEqual([...SIM_PATHS].sort());
    expect(sub.components.schemas["full-repository"]).toEqual(doc.components.schemas["full-repository"]);
  });

  it("accepts the simulator's shapes", () => {
    if (learner === undefined || course === undefined) throw new Error("fixture changed");
    const events = world.github
      .publicEvents("alice")
      .slice(0, 10)
      .map((e) => event(API, e));
    expect(validateResponse("GET", "/users/{username}/events/public", 200, events)).toEqual([]);
    const full = fullRepository(API, learnerFacts(learner), { template: learnerFacts(learner) });
    expect(validateResponse("GET", "/repos/{owner}/{repo}", 200, full)).toEqual([]);
    expect(
      validateResponse("GET", "/repos/{owner}/{repo}/forks", 200, [repository(API, learnerFacts(learner))]),
    ).toEqual([]);
  });

  it("rejects deliberately wrong shapes, naming the offending path", () => {
    if (learner === undefined) throw new Error("fixture changed");
    const events = world.github
      .publicEvents("alice")
      .slice(0, 2)
      .map((e) => event(API, e));
    const wrongEvent = [{ ...events[0], actor: { ...(events[0]?.actor as object), login: 42 } }];
    expect(validateResponse("GET", "/users/{username}/events/public", 200, wrongEvent)).toEqual([
      "$[0].actor.login: expected string, got integer",
    ]);
    const { full_name: _drop, ...noName } = repository(API, learnerFacts(learner));
    expect(validateResponse("GET", "/repos/{owner}/{repo}/forks", 200, [noName])).toContain(
      '$[0]: missing required property "full_name"',
    );
    expect(
      validateResponse("GET", "/orgs/{org}/copilot/metrics/reports/users-1-day", 200, { download_links: ["x y"] }),
    ).toEqual(['$: missing required property "report_day"', '$.download_links[0]: "x y" is not a uri']);
    expect(
      validateResponse("GET", "/orgs/{org}/copilot/metrics/reports/organization-28-day/latest", 200, {
        download_links: [],
        report_start_day: "2026-11-01T00:00:00Z",
        report_end_day: "2026-11-28",
      }),
    ).toEqual(['$.report_start_day: "2026-11-01T00:00:00Z" is not a date']);
    const pull = { state: "merged" };
    expect(
      validateResponse("POST", "/repos/{owner}/{repo}/pulls", 201, pull).some((e) =>
        e.includes('"merged" not in enum'),
      ),
    ).toBe(true);
    expect(
      validateResponse("GET", "/search/repositories", 200, { total_count: "3", incomplete_results: false, items: [] }),
    ).toEqual(["$.total_count: expected integer, got string"]);
  });

  it("implements the schema keywords it relies on", () => {
    const doc = extractSubset(loadOpenApi(), []);
    expect(validateSchema(doc, { type: "string", nullable: true }, null)).toEqual([]);
    expect(validateSchema(doc, { type: "string" }, null)).toHaveLength(1);
    expect(validateSchema(doc, { type: "array", items: { type: "integer" }, maxItems: 1 }, [1, 2.5])).toHaveLength(2);
    expect(validateSchema(doc, { anyOf: [{ type: "string" }, { type: "integer" }] }, true)).toHaveLength(1);
    expect(validateSchema(doc, { type: "object", additionalProperties: false }, { a: 1 })).toHaveLength(1);
    expect(validateSchema(doc, { type: "string", pattern: "^[a-f]+$" }, "xyz")).toHaveLength(1);
    expect(validateResponse("DELETE", "/repos/{owner}/{repo}", 401, {}, { strictStatus: true })).toHaveLength(1);
  });
});

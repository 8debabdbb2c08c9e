/**
 * Keeps docs/wire-evidence.md honest: every evidence row has a link and a status word, every `assumed` row a
 * tolerance note naming an existing file, the counts line matches the rows, and every route the GitHub simulator
 * registers and every Kusto path the simulator or the clients use is covered by the document.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FAULT_KINDS } from "../sim/faults/plan.ts";
import { reportRoutes } from "../sim/github/copilot.ts";
import { eventsRoute } from "../sim/github/events.ts";
import { issueRoutes } from "../sim/github/issues.ts";
import { pullRoutes } from "../sim/github/pulls.ts";
import { forksRoute, orgReposRoute, repoRoute } from "../sim/github/repos.ts";
import type { Route } from "../sim/github/route.ts";
import { searchRoute } from "../sim/github/search.ts";
import { createStore } from "../sim/github/store.ts";
import { cells, countsLine, DOC_PATH, type EvidenceRow, evidenceRows, HEADER, rowProblems } from "./wire-evidence.ts";

const ROOT = join(import.meta.dirname, "..");
const read = (path: string): string => readFileSync(join(ROOT, path), "utf8");

/** Identifiers in server.ts's route list, e.g. `reportRoutes`, `eventsRoute`. */
function registeredRouteSources(): string[] {
  const server = read("sim/github/server.ts");
  const block = /const routes = \[([\s\S]*?)\]\.map\(/.exec(server)?.[1];
  if (block === undefined) throw new Error("sim/github/server.ts: the `const routes = [...]` list was not found");
  return [...block.matchAll(/(?:\.\.\.)?\b([a-zA-Z]+Routes?)\b/g)].map((m) => m[1] ?? "");
}

/** The simulator's routes, built the way server.ts builds them. */
function simulatorRoutes(): Route[] {
  const store = createStore();
  const deps = { downloadUrl: () => "http://127.0.0.1:1", signingKey: "k", linkTtlMs: 1000, usersPerLink: 10 };
  const known: Record<string, readonly Route[]> = {
    reportRoutes: reportRoutes(deps),
    eventsRoute: [eventsRoute],
    orgReposRoute: [orgReposRoute],
    forksRoute: [forksRoute],
    repoRoute: [repoRoute],
    searchRoute: [searchRoute],
    pullRoutes: pullRoutes(store),
    issueRoutes: issueRoutes(store),
  };
  const registered = registeredRouteSources();
  const unknown = registered.filter((name) => known[name] === undefined);
  expect(unknown, "server.ts registers routes this test does not enumerate: add them to simulatorRoutes()").toEqual([]);
  return registered.flatMap((name) => known[name] ?? []);
}

/** `METHOD /path` of every `pathname === "/…" && method === "…"` check in the GitHub simulator (not the route table). */
function pathChecks(): string[] {
  const dir = join(ROOT, "sim/github");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  return files.flatMap((f) =>
    [...read(`sim/github/${f}`).matchAll(/pathname === "(\/[^"]*)" && method === "([A-Z]+)"/g)].map(
      (m) => `${m[2]} ${m[1]}`,
    ),
  );
}

/** Kusto paths: the simulator's routing table plus what the clients send. */
function kustoPaths(): string[] {
  const server = read("sim/kusto/server.ts");
  const sim = [...server.matchAll(/method === "(GET|POST)" && path === "(\/[^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
  expect(sim.length, "sim/kusto/server.ts: no `method === … && path === …` routes found").toBeGreaterThan(0);
  const workerClient = read("worker/src/kusto/client.ts");
  const worker = [...workerClient.matchAll(/\/(v\d\/rest\/[a-z/]+)/g)].map((m) => `POST /${m[1]}`);
  const token = read("worker/src/kusto/token.ts");
  const tokenPaths = [...token.matchAll(/\/(oauth2\/v2\.0\/token)/g)].map((m) => `/${m[1]}`);
  expect(worker.length + tokenPaths.length).toBeGreaterThan(0);
  return [...new Set([...sim, ...worker, ...tokenPaths])];
}

describe("docs/wire-evidence.md", () => {
  const doc = read(DOC_PATH);
  const rows = evidenceRows(doc);

  it("has evidence tables", () => {
    expect(rows.length).toBeGreaterThan(50);
  });

  it("gives every row a source link, a status word and, when assumed, a tolerance note naming real code", () => {
    const problems = rows.flatMap((r) => rowProblems(r, (p) => existsSync(join(ROOT, p))));
    expect(problems).toEqual([]);
  });

  it("states counts that match the rows", () => {
    const counted = {
      rows: rows.length,
      confirmed: rows.filter((r) => r.status === "confirmed").length,
      inferred: rows.filter((r) => r.status === "inferred").length,
      assumed: rows.filter((r) => r.status === "assumed").length,
    };
    expect(countsLine(doc)).toEqual(counted);
  });

  it("covers every route the GitHub simulator registers", () => {
    const routes = simulatorRoutes();
    expect(routes.length).toBeGreaterThan(10);
    const missing = routes.map((r) => `${r.method} ${r.template}`).filter((r) => !doc.includes(`\`${r}\``));
    expect(missing).toEqual([]);
  });

  it("covers the GitHub simulator's paths answered outside the route table (the OAuth flow)", () => {
    const checks = pathChecks();
    expect(
      checks,
      "no `pathname === … && method === …` checks found in sim/github: did the OAuth routing change?",
    ).toContain("GET /user");
    const missing = checks.filter((r) => !doc.includes(`\`${r}\``));
    expect(missing).toEqual([]);
  });

  it("says how each fault kind of the simulators shows on the wire", () => {
    const missing = FAULT_KINDS.filter(
      (k) => !rows.some((r) => r.item.includes(`\`${k}\``) || r.serves.includes(`\`${k}\``)),
    );
    expect(missing).toEqual([]);
  });

  it("covers every Kusto path the simulator serves and the clients call", () => {
    const missing = kustoPaths().filter((p) => !doc.includes(p));
    expect(missing).toEqual([]);
  });
});

describe("the checks themselves", () => {
  const row = (over: Partial<EvidenceRow>): EvidenceRow => ({
    line: 1,
    section: "s",
    item: "i",
    serves: "",
    source: "[docs](https://example.com/x)",
    status: "confirmed",
    tolerance: "—",
    ...over,
  });
  const exists = (p: string): boolean => p === "actions/a.ts";

  it("refuses a row without a link", () => {
    expect(rowProblems(row({ source: "the docs" }), exists).join()).toMatch(/no http\(s\) link/);
  });

  it("refuses a status outside the three words", () => {
    expect(rowProblems(row({ status: "likely" }), exists).join()).toMatch(/not one of confirmed, inferred, assumed/);
  });

  it("refuses an assumed row without a tolerance note, without a code path, or naming a missing file", () => {
    expect(rowProblems(row({ status: "assumed", tolerance: "—" }), exists).join()).toMatch(/needs a tolerance note/);
    expect(rowProblems(row({ status: "assumed", tolerance: "retried" }), exists).join()).toMatch(/must name/);
    expect(
      rowProblems(row({ status: "assumed", tolerance: "see `sim/a.ts`" }), (p) => p === "sim/a.ts").join(),
    ).toMatch(/must name the client code/);
    expect(rowProblems(row({ status: "assumed", tolerance: "see `actions/b.ts`" }), exists).join()).toMatch(
      /does not exist/,
    );
    expect(rowProblems(row({ status: "assumed", tolerance: "see `actions/a.ts`" }), exists)).toEqual([]);
  });

  it("parses escaped pipes and pipes inside code spans as cell content", () => {
    expect(cells("| a \\| b | `x|y` | c |")).toEqual(["a | b", "`x|y`", "c"]);
  });

  it("reads only tables with the evidence header", () => {
    const md = [
      "## A",
      "| name | meaning |",
      "|---|---|",
      "| x | y |",
      "",
      `| ${HEADER.join(" | ")} |`,
      "|---|---|---|---|---|",
      "| i | s | [l](https://e.x) | inferred | — |",
    ].join("\n");
    expect(evidenceRows(md).map((r) => [r.section, r.item, r.status])).toEqual([["A", "i", "inferred"]]);
  });
});

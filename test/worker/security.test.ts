/** KQL injection is impossible by construction; CORS only for the configured origin; no secret in any answer. */
import { afterAll, describe, expect, inject, it } from "vitest";
import { QUERIES } from "../../worker/src/live.ts";
import { bearer, call, closeSim, envFor, type SimHandle, simQueries, startSim } from "./helpers.ts";

const started: SimHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map(closeSim));
});

const SEEDS = [
  "'",
  '"',
  "' or 1==1 //",
  '" | take 1000000',
  "x | project CandidateEmail",
  "a\nPearsonExamResults",
  "a\r\n| where 1==1",
  ";",
  "a; .drop table Users",
  "x' | union Users | '",
  "@'x'",
  "h'x'",
  "]",
  "[",
  ")",
  "$(whoami)",
  "`id`",
  "\\",
  "%00",
  "%0A",
  "../../etc/passwd",
  "..%2F..%2F",
  "ǅungla",
  "ｏｃｔｏｃａｔ",
  "оctocat",
  "octo\u200bcat",
  "😀",
  "a".repeat(40),
  "b".repeat(5000),
  "-leading",
  "trailing-",
  "dou--ble",
  "under_score",
  "dot.ted",
  "sp ace",
  "tab\there",
  "<script>",
  "{{7*7}}",
  "$" + "{7*7}",
  "null",
];

/** ≥ 100 hostile inputs: the seeds, plus each seed wrapped around a valid login. */
const HOSTILE = [...SEEDS, ...SEEDS.map((s) => `octocat${s}`), ...SEEDS.map((s) => `${s}octocat`)].filter(
  (s) => !/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/.test(s),
);

const CSL = new Set<string>(Object.values(QUERIES));

describe("injection", () => {
  it(`${HOSTILE.length} hostile logins and metric names never change the query text`, async () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(100);
    const s = await startSim();
    started.push(s);
    const env = envFor(s);
    for (const h of HOSTILE) {
      const enc = encodeURIComponent(h);
      const u = await call(`/api/users/${enc}/exams`, { env, headers: bearer() });
      expect([400, 404], h).toContain(u.status);
      const m = await call(`/api/metrics/${enc}`, { env });
      expect([400, 404], h).toContain(m.status);
    }
    // valid but unusual logins do reach Kusto, only as a parameter value
    const odd = ["A", "a-b-c", "Z9", "x".repeat(39), "MixedCase-Login"];
    for (const login of odd) {
      const res = await call(`/api/users/${login}/exams`, { env, headers: bearer() });
      expect(res.status).toBe(200);
    }
    const sent = await simQueries(s);
    expect(sent.length).toBeGreaterThan(0);
    for (const q of sent) {
      expect(CSL.has(q.csl ?? "")).toBe(true);
      expect(q.status).toBe(200);
    }
    const logins = new Set(sent.map((q) => q.parameters?.login).filter((l) => l !== undefined));
    expect([...logins].sort()).toEqual(odd.map((l) => l.toLowerCase()).sort());
  });
});

describe("CORS", () => {
  const origin = "https://dashboard.example";
  it("allows only the configured origin", async () => {
    const ok = await call("/api/health", { headers: { origin } });
    expect(ok.headers.get("access-control-allow-origin")).toBe(origin);
    expect(ok.headers.get("access-control-expose-headers")).toContain("X-Data-Source");
    const other = await call("/api/health", { headers: { origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
    const pre = await call("/api/metrics/exams-fy", { method: "OPTIONS", headers: { origin } });
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-headers")).toContain("Authorization");
    const bad = await call("/api/metrics/exams-fy", { method: "OPTIONS", headers: { origin: "https://evil.example" } });
    expect(bad.status).toBe(403);
    expect(bad.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows no origin when WORKER_CORS_ORIGIN is empty", async () => {
    const res = await call("/api/health", {
      env: envFor(undefined, { WORKER_CORS_ORIGIN: "" }),
      headers: { origin: "null" },
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("secrets", () => {
  it("never puts the API token or the client secret in a response or a log line", async () => {
    const secret = "client-secret-value-xyz";
    const env = envFor(undefined, {
      KUSTO_CSE_URL: "https://cse.invalid",
      KUSTO_GH_URL: "https://gh.invalid",
      AZURE_TENANT_ID: "tenant",
      AZURE_CLIENT_ID: "client",
      AZURE_CLIENT_SECRET: secret,
      AZURE_AUTHORITY_HOST: "http://127.0.0.1:9",
    });
    const log: string[] = [];
    const token = inject("apiToken");
    const responses = [
      await call(`/api/users/${inject("pearsonLogin")}/exams`, { env, headers: bearer(), log }),
      await call("/api/metrics/exams-fy", { env, log }),
      await call("/api/users/x/exams", { env, headers: { authorization: "Bearer nope" }, log }),
      await call("/api/health", { env, log }),
    ];
    for (const r of responses) {
      const text = `${[...r.headers].join("\n")}\n${await r.text()}`;
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }
    expect(log.length).toBeGreaterThan(0);
    expect(log.join("\n")).not.toContain(secret);
    expect(log.join("\n")).not.toContain(token);
  });
});

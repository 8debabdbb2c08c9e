/**
 * Stand-ins for the remote actions a workflow uses, on this machine: checkout → a clone of the local bare remote,
 * setup-node → Node 24 first on PATH, azure/login → the simulator needs no credentials (or a forced failure),
 * upload/download-artifact → a folder, Pages → a folder. Each declares the outputs the real action has, so a wrong
 * output name still fails the rehearsal. Anything else (create-github-app-token…) fails if it is ever reached.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { basename, dirname, isAbsolute, join } from "node:path";

export interface StandInContext {
  readonly with: Readonly<Record<string, string>>;
  readonly workspace: string;
  readonly remote: string;
  /** artifact store of the whole rehearsal: <artifacts>/<run id>/<name>/ */
  readonly artifacts: string;
  readonly runId: number;
  /** Node 24's bin directory */
  readonly nodeBin: string;
  readonly addPath: (dir: string) => void;
  readonly log: (line: string) => void;
}

export interface StandIn {
  readonly outputs: readonly string[];
  run(c: StandInContext): Record<string, string>;
}

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function abs(c: StandInContext, p: string): string {
  return isAbsolute(p) ? p : join(c.workspace, p);
}

function copyVisible(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true, filter: (src) => !basename(src).startsWith(".") || src === from });
}

export const STAND_INS: Readonly<Record<string, StandIn>> = {
  "actions/checkout": {
    outputs: ["ref", "commit"],
    run(c) {
      if (c.with["persist-credentials"] !== "false") throw new Error("checkout must set persist-credentials: false");
      rmSync(c.workspace, { recursive: true, force: true });
      mkdirSync(c.workspace, { recursive: true });
      const ref = c.with.ref || "main";
      git(c.workspace, "clone", "-q", "-b", ref, c.remote, ".");
      return { ref, commit: git(c.workspace, "rev-parse", "HEAD") };
    },
  },
  "actions/setup-node": {
    outputs: ["cache-hit", "node-version"],
    run(c) {
      if (c.with["node-version"] !== "24")
        throw new Error(`node-version ${c.with["node-version"]}: the project runs on 24`);
      c.addPath(c.nodeBin);
      return { "cache-hit": "false", "node-version": "v24" };
    },
  },
  "azure/login": {
    outputs: [],
    run(c) {
      if (c.with["allow-no-subscriptions"] !== "true" || !c.with["client-id"] || !c.with["tenant-id"])
        throw new Error("azure/login needs client-id, tenant-id and allow-no-subscriptions: true");
      c.log("Azure login (stand-in): the loopback Kusto simulator accepts anonymous requests");
      return {};
    },
  },
  "actions/upload-artifact": {
    outputs: ["artifact-id", "artifact-url", "artifact-digest"],
    run(c) {
      const name = c.with.name || "artifact";
      const path = abs(c, c.with.path ?? "");
      const dest = join(c.artifacts, String(c.runId), name);
      if (!existsSync(path)) {
        if ((c.with["if-no-files-found"] || "warn") === "error") throw new Error(`no files at ${c.with.path}`);
        c.log(`upload-artifact: nothing at ${c.with.path}`);
        return { "artifact-id": "", "artifact-url": "", "artifact-digest": "" };
      }
      rmSync(dest, { recursive: true, force: true });
      if (statSync(path).isDirectory()) copyVisible(path, dest);
      else copyVisible(path, join(dest, basename(path)));
      return { "artifact-id": name, "artifact-url": `file://${dest}`, "artifact-digest": "" };
    },
  },
  "actions/download-artifact": {
    outputs: ["download-path"],
    run(c) {
      const from = join(c.artifacts, c.with["run-id"] || String(c.runId), c.with.name ?? "");
      if (!c.with.name || !existsSync(from)) throw new Error(`Artifact not found: ${c.with.name}`);
      const to = abs(c, c.with.path || ".");
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(from)) cpSync(join(from, f), join(to, f), { recursive: true });
      return { "download-path": to };
    },
  },
  "actions/upload-pages-artifact": {
    outputs: ["artifact_id"],
    run(c) {
      const path = abs(c, c.with.path ?? "");
      if (!existsSync(join(path, "index.html"))) throw new Error(`no index.html in ${c.with.path}`);
      copyVisible(path, join(c.artifacts, String(c.runId), "github-pages"));
      return { artifact_id: "github-pages" };
    },
  },
  "actions/deploy-pages": {
    outputs: ["page_url"],
    run(c) {
      const site = join(c.artifacts, String(c.runId), "github-pages");
      if (!existsSync(join(site, "index.html"))) throw new Error("no github-pages artifact in this run");
      return { page_url: "https://ace-demo.github.io/ace-data-site/" };
    },
  },
  "actions/create-github-app-token": {
    outputs: ["token", "installation-id", "app-slug"],
    run() {
      throw new Error("the rehearsal has no GitHub App: leave vars.DATA_PR_APP_ID unset");
    },
  },
};

/** A stand-in that fails the step (e.g. azure/login with revoked federated credentials). */
export function failing(outputs: readonly string[], message: string): StandIn {
  return {
    outputs,
    run() {
      throw new Error(message);
    },
  };
}

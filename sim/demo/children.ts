/** Child processes of the demo: spawned under this very Node, tracked so Ctrl-C stops every one of them. */
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";

const running = new Set<ChildProcess>();
/** set by stopChildren: a child asked for afterwards is refused rather than left running after the demo exits */
let stopping = false;

export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node <script> …args`; `onLine` sees every stderr/stdout line as it arrives. */
export function runNode(
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  onLine: (line: string, stream: "stdout" | "stderr") => void = () => {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    if (stopping) {
      reject(new Error(`not starting ${script}: stopping`));
      return;
    }
    const child = spawn(process.execPath, [script, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let stdout = "";
    let stderr = "";
    createInterface({ input: child.stdout }).on("line", (l) => {
      stdout += `${l}\n`;
      onLine(l, "stdout");
    });
    createInterface({ input: child.stderr }).on("line", (l) => {
      stderr += `${l}\n`;
      onLine(l, "stderr");
    });
    child.once("error", (e) => {
      running.delete(child);
      reject(e);
    });
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** Stops every running child (SIGTERM, then SIGKILL after `graceMs`), waits for them to exit, and refuses new ones. */
export async function stopChildren(graceMs = 5_000): Promise<void> {
  stopping = true;
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            resolve();
            return;
          }
          const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
          child.once("close", () => {
            clearTimeout(timer);
            resolve();
          });
          child.kill("SIGTERM");
        }),
    ),
  );
}

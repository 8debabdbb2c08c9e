/** Worker thread of the growth bench: renders day snapshots (snapshot.ts) on request, so two cores share the year. */
import { parentPort } from "node:worker_threads";
import { snapshot } from "./snapshot.ts";

parentPort?.on("message", (msg: { now: string }) => {
  try {
    parentPort?.postMessage({ files: [...snapshot(new Date(msg.now))] });
  } catch (err) {
    parentPort?.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});

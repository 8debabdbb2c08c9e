/** The first stretch of a long year, rendered in a worker thread beside the second (growth-year.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { renderStretch, type StretchOptions } from "./growth-year.ts";

const data = workerData as { repo: string; opts: StretchOptions };
const result = await renderStretch(data.repo, data.opts, "a", (log) => parentPort?.postMessage({ log }));
parentPort?.postMessage({ result });

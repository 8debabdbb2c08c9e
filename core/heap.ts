/**
 * Imported first by the sync actions' entry points: bounds V8's lazy heap growth as `npm run sync` does with
 * `node --heap-growing-percent=50` (docs/sync.md). An action runs as `node dist/index.js` under the runner, which
 * takes no node flags, and NODE_OPTIONS does not allow this V8 flag; V8 reads it at every garbage collection, so
 * setting it before the sync allocates anything has the same effect as the command-line flag.
 */
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_FLAG = "--heap-growing-percent=50";

/**
 * The young generation's cap (MB per semi-space). V8's default on a large machine lets the new space grow to 128 MB,
 * which a scale-M Kusto sync pays in peak RSS (~560 MB by default, ~500 MB with 32: docs/bench.md). V8 sizes the new
 * space at start, so `setFlagsFromString` has no effect here: `npm run sync` passes it on the command line and the
 * workflows' sync steps in NODE_OPTIONS (which allows this flag).
 */
export const YOUNG_GENERATION_FLAG = "--max-semi-space-size=32";

setFlagsFromString(HEAP_GROWING_FLAG);

/**
 * Imported first by the sync actions' entry points: bounds V8's lazy heap growth as `npm run sync` does with
 * `node --heap-growing-percent=50` (docs/sync.md). An action runs as `node dist/index.js` under the runner, which
 * takes no node flags, and NODE_OPTIONS does not allow this V8 flag; V8 reads it at every garbage collection, so
 * setting it before the sync allocates anything has the same effect as the command-line flag.
 */
import { setFlagsFromString } from "node:v8";

export const HEAP_GROWING_FLAG = "--heap-growing-percent=50";

setFlagsFromString(HEAP_GROWING_FLAG);

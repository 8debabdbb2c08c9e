import "#core/heap.ts"; // first: bounds V8 heap growth like `npm run sync` (--heap-growing-percent=50)
import { run } from "./main.ts";

await run();

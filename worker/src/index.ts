/** The ACE data worker. Endpoints and configuration: docs/worker.md. */
import { defaultDeps, handle } from "./app.ts";

export default {
  fetch: (request, env, ctx) => handle(request, env, { ...defaultDeps, waitUntil: (p) => ctx.waitUntil(p) }),
} satisfies ExportedHandler<Env>;

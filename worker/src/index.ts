/** The ACE data worker. Endpoints and configuration: docs/worker.md. */
import { createApp } from "./app.ts";
import { defaultDeps } from "./context.ts";

const app = createApp(defaultDeps);

export default {
  fetch: (request, env, ctx) => app.fetch(request, env, ctx),
} satisfies ExportedHandler<Env>;

/** The ACE data worker. Endpoints and configuration: docs/worker.md. */
import { handle } from "./app.ts";

export default {
  fetch: (request, env) => handle(request, env),
} satisfies ExportedHandler<Env>;

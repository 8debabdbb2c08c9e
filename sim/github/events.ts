/**
 * `GET /users/{username}/events/public`: only the last 30 days (world clock), at most 300 events, `per_page` ≤ 100,
 * 422 when paging past the cap, ETag/If-None-Match (304 costs nothing when authorized), `X-Poll-Interval`.
 */
import { error, notFound } from "./errors.ts";
import { paged, pageRequest } from "./paginate.ts";
import { completePayload } from "./payloads.ts";
import type { Route } from "./route.ts";
import { event } from "./shapes.ts";

export const EVENTS_CAP = 300;
export const EVENTS_WINDOW_DAYS = 30;
export const POLL_INTERVAL = 60;

export const eventsRoute: Route = {
  method: "GET",
  template: "/users/{username}/events/public",
  name: "github:events",
  resource: "core",
  access: "any",
  handle(ctx) {
    const gh = ctx.world.github;
    const wanted = (ctx.params.username ?? "").toLowerCase();
    const login = gh.logins().find((l) => l.toLowerCase() === wanted);
    if (login === undefined) return notFound();
    const now = ctx.world.now.getTime();
    const since = now - EVENTS_WINDOW_DAYS * 86_400_000;
    const visible = gh.publicEvents(login).filter((e) => {
      const t = Date.parse(e.created_at);
      return t >= since && t <= now;
    });
    const req = pageRequest(ctx.query);
    if ((req.page - 1) * req.perPage >= EVENTS_CAP)
      return error(
        422,
        "In order to keep the API fast for everyone, pagination is limited for this resource. Check the rel=last link relation in the Link response header to see how far back you can traverse.",
        {},
        "https://docs.github.com/v3/#pagination",
      );
    const reachable = Math.min(visible.length, EVENTS_CAP);
    const page = paged(visible, ctx.url, req, reachable);
    return {
      status: 200,
      body: page.body.map((e) => event(ctx.api, { ...e, payload: completePayload(ctx.api, e) })),
      headers: { ...page.headers, "x-poll-interval": String(POLL_INTERVAL) },
      conditional: true,
    };
  },
};

/// <reference lib="dom" />
// Data page, only when built with SITE_WORKER_URL: asks the worker for the live sync status.
const box = document.querySelector<HTMLElement>("#live-status[data-worker]");

interface Entry {
  status?: string;
  last_success_at?: string | null;
  last_checked_at?: string | null;
  last_changed_at?: string | null;
  freshness?: string;
  stale?: boolean;
}

function text(tag: string, s: string): HTMLElement {
  const el = document.createElement(tag);
  el.textContent = s;
  return el;
}

async function show(el: HTMLElement): Promise<void> {
  const res = await fetch(`${el.dataset.worker}/api/metrics/sync-status`, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body = (await res.json()) as { datasets?: Record<string, Entry>; source?: string };
  const list = document.createElement("ul");
  for (const [name, e] of Object.entries(body.datasets ?? {})) {
    const fresh = e.freshness ?? (e.stale === true ? "stale" : e.stale === false ? "fresh" : "");
    list.append(
      text(
        "li",
        `${name}: ${e.status ?? "?"}${fresh ? `, ${fresh}` : ""}, checked ${
          e.last_checked_at ?? e.last_success_at ?? "never"
        }, changed ${e.last_changed_at ?? "never"}`,
      ),
    );
  }
  const from = body.source === "site" ? " (the published status and last run record)" : "";
  el.replaceChildren(text("h2", "Live status"), text("p", `From the worker, now${from}:`), list);
}

if (box) {
  show(box).catch((err: unknown) => {
    box.replaceChildren(
      text("h2", "Live status"),
      text("p", `Live status unavailable (${String(err)}); showing cached data.`),
    );
  });
}

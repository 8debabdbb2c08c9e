/** The "My certifications" link to the worker's /me: in the navigation only when SITE_WORKER_URL is configured. */
import { describe, expect, it } from "vitest";
import { render } from "../../site/_includes/layouts/base.11ty.ts";
import { workerNav } from "../../site/_lib/nav.ts";

const page = (workerUrl: string | null): string =>
  render({
    ace: {
      prefix: "/",
      href: (p: string) => `/${p}`,
      banner: [],
      now: "2026-11-24T02:00:00Z",
      dataLabel: "test data",
      workerUrl,
      pages: [],
    },
    entry: { nav: "overview", url: "", title: "Overview", hasCharts: false },
    content: "<p>x</p>",
  } as unknown as Parameters<typeof render>[0]);

describe("worker link in the navigation", () => {
  it("links My certifications to the worker's /me when a worker is configured", () => {
    expect(workerNav("https://worker.example/")).toEqual([
      { url: "https://worker.example/me", title: "My certifications" },
    ]);
    expect(page("https://worker.example")).toContain(
      '<li><a href="https://worker.example/me">My certifications</a></li>',
    );
  });

  it("has no such link without SITE_WORKER_URL", () => {
    expect(workerNav(null)).toEqual([]);
    expect(workerNav("")).toEqual([]);
    expect(page(null)).not.toContain("My certifications");
  });
});

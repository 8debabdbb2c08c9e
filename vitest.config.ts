import { cloudflareTest } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          exclude: ["**/node_modules/**", "**/dist/**", "test/worker/**"],
          environment: "node",
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
      {
        // The Cloudflare Worker, tested inside workerd against the Kusto simulator on loopback (docs/worker.md).
        plugins: [
          // .kql files are text modules (wrangler bundles them with the "Text" rule of worker/wrangler.jsonc)
          {
            name: "kql-text",
            transform(code: string, id: string) {
              return id.endsWith(".kql") ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined;
            },
          },
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: "./worker/wrangler.jsonc" },
            miniflare: {
              bindings: {
                KUSTO_CSE_URL: inject("kustoCseUrl"),
                KUSTO_GH_URL: inject("kustoGhUrl"),
                API_TOKEN: inject("apiToken"),
                ACE_NOW: "2026-11-24T02:00:00Z",
                WORKER_CORS_ORIGIN: "https://dashboard.example",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          globalSetup: ["./test/worker/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});

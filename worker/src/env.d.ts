// Secrets (`wrangler secret put`, or `.dev.vars` / `npm run dev:worker` locally) are not in wrangler.jsonc, so
// `wrangler types` cannot see them: declared here, merged into the generated `Env`.
interface Env {
  /** bearer token of the per-person endpoint */
  API_TOKEN?: string;
  /** Entra ID client secret for Kusto (unused for loopback cluster URLs) */
  AZURE_CLIENT_SECRET?: string;
  /** Entra ID authority, default https://login.microsoftonline.com (tests point it at a loopback double) */
  AZURE_AUTHORITY_HOST?: string;
}

declare namespace Cloudflare {
  interface GlobalProps {
    /** types `exports.default` from "cloudflare:workers" in the tests */
    mainModule: typeof import("./index.ts");
  }
}

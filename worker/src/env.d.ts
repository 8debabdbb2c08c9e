// Secrets (`wrangler secret put`, or `.dev.vars` / `npm run dev:worker` locally) are not in wrangler.jsonc, so
// `wrangler types` cannot see them: declared here, merged into the generated `Env`.
interface Env {
  /** bearer token of the per-person endpoint */
  API_TOKEN?: string;
  /** Entra ID client secret for Kusto (unused for loopback cluster URLs) */
  AZURE_CLIENT_SECRET?: string;
  /** Entra ID authority, default https://login.microsoftonline.com (tests point it at a loopback double) */
  AZURE_AUTHORITY_HOST?: string;
  /** GitHub OAuth app of "Sign in with GitHub" (docs/worker.md, Profiles and sign-in) */
  GITHUB_OAUTH_CLIENT_ID?: string;
  GITHUB_OAUTH_CLIENT_SECRET?: string;
  /** github.com (default) or the GitHub simulator: the OAuth web flow's host */
  GITHUB_WEB_URL?: string;
  /** api.github.com (default) or the GitHub simulator: GET /user */
  GITHUB_API_URL?: string;
  /** HMAC key (≥ 32 characters) of the session and sign-in cookies */
  SESSION_KEY?: string;
  /** Cloudflare Access team domain (`<team>.cloudflareaccess.com`) and application AUD tag of the staff route */
  ACCESS_TEAM_DOMAIN?: string;
  ACCESS_AUD?: string;
}

/**
 * What counts as "the demo": every configured upstream URL (Kusto clusters, GitHub API) points at this machine's
 * loopback interface (127.0.0.0/8, `localhost`, `[::1]`), where the simulators of `sim/` listen. At least one must be
 * configured. The demo's published, not secret pseudonym key and API token are refused anywhere else, so a
 * deployment that forgot its secrets fails loudly instead of running with a key everyone knows. Node-free (the worker
 * bundles it).
 */

/** The demo's documented, NOT secret API token of the worker's per-person endpoint (sim/start.ts exports it). */
export const DEMO_API_TOKEN = "ace-demo-api-token-not-secret";

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
  } catch {
    return false;
  }
}

/** True when at least one upstream URL is configured and every configured one is loopback. */
export function isDemoUpstream(urls: readonly (string | undefined)[]): boolean {
  const set = urls.filter((u): u is string => u !== undefined && u !== "");
  return set.length > 0 && set.every(isLoopbackUrl);
}

/** The upstream URLs of an environment (sync or worker) that decide whether it is the demo. */
export function upstreamUrls(env: Readonly<Record<string, unknown>>): (string | undefined)[] {
  return ["KUSTO_CSE_URL", "KUSTO_GH_URL", "GITHUB_API_URL"].map((k) =>
    typeof env[k] === "string" ? (env[k] as string) : undefined,
  );
}

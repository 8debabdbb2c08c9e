/** Path prefix handling (SITE_PATH_PREFIX, e.g. "/ace/"): links go through Eleventy's `url` filter (site/_config/plugin.ts). */
export function normalizePrefix(p: string | undefined): string {
  if (p === undefined || p === "" || p === "/") return "/";
  const trimmed = p.replace(/^\/+|\/+$/g, "");
  return `/${trimmed}/`;
}

/** Path prefix handling (SITE_PATH_PREFIX, e.g. "/ace/"): every internal link goes through `href`. */
export function normalizePrefix(p: string | undefined): string {
  if (p === undefined || p === "" || p === "/") return "/";
  const trimmed = p.replace(/^\/+|\/+$/g, "");
  return `/${trimmed}/`;
}

export function hrefWith(prefix: string, path: string): string {
  return prefix + path.replace(/^\/+/, "");
}

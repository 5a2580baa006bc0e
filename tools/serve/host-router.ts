/**
 * Which site a request's Host header names. The hub answers at the apex and at `www`; a unit at
 * `<slug>.<apex>`. Works for the production domain and for `localhost` (Chromium and curl resolve
 * every `*.localhost` name to loopback, so no hosts file is needed). An unknown name gets no site:
 * the server answers 404 rather than showing another unit's pages.
 */
export function siteForHost(
  host: string | undefined,
  options: { domain: string; hub: string; slugs: ReadonlySet<string> },
): string | undefined {
  if (!host) return undefined;
  const name = host.toLowerCase().replace(/:\d+$/, "").replace(/\.$/, "");
  for (const apex of [options.domain, "localhost"]) {
    if (name === apex || name === `www.${apex}`) return options.hub;
    if (name.endsWith(`.${apex}`)) {
      const slug = name.slice(0, -apex.length - 1);
      return slug !== options.hub && options.slugs.has(slug) ? slug : undefined;
    }
  }
  return undefined;
}

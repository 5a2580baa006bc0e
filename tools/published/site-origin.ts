import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { archivePrefix } from "./permalinks.ts";

/**
 * Where the sites are served: `https://paserkab.go.id` in production, `http://localhost:8080` in
 * `npm start`. Units are subdomains of the apex; the hub is the apex itself.
 */
export interface Base {
  protocol: "http:" | "https:";
  /** Host and optional port of the hub, e.g. "paserkab.go.id" or "localhost:8080". */
  apex: string;
}

export function productionBase(portal: PortalConfig): Base {
  return { protocol: "https:", apex: portal.domain };
}

/** The base for a build: PORTAL_BASE_URL (e.g. http://localhost:8080) overrides production. */
export function baseFromEnv(portal: PortalConfig, env: NodeJS.ProcessEnv = process.env): Base {
  const url = env.PORTAL_BASE_URL;
  if (!url) return productionBase(portal);
  const parsed = new URL(url);
  return { protocol: parsed.protocol === "http:" ? "http:" : "https:", apex: parsed.host };
}

/** Absolute URL of a site's home page, with a trailing slash. */
export function siteUrl(base: Base, portal: PortalConfig, slug: string): string {
  return slug === portal.hub ? `${base.protocol}//${base.apex}/` : `${base.protocol}//${slug}.${base.apex}/`;
}

/**
 * Where an archived unit's pages live (`npm run retire-site -- --archive`): in the hub's site,
 * under `/arsip/<slug>`, without the trailing slash (as `urlsOf(site).self` of a unit).
 */
export function archiveUrl(base: Base, portal: PortalConfig, slug: string): string {
  return `${siteUrl(base, portal, portal.hub).slice(0, -1)}${archivePrefix(slug)}`;
}

/** The active unit that took over a retired one's tasks, as a link, if the record names one. */
export function successorOf(
  registry: readonly SiteRecord[],
  retired: Pick<SiteRecord, "successor">,
  base: Base,
  portal: PortalConfig,
): { name: string; url: string } | undefined {
  const successor = registry.find((u) => u.slug === retired.successor && u.status === "active");
  return successor && { name: successor.name, url: siteUrl(base, portal, successor.slug) };
}

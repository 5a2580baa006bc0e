import { schemas } from "../schema/schemas.ts";

/**
 * Where every page of a site lives. One module so validation (duplicate URLs), the generator and
 * the manifest agree. Items of a type marked `x-top-level` (profile pages, halaman) sit at the
 * site's root: /profil/, /visi-misi/.
 */
export const siteUrls = {
  home: "/",
  dip: "/informasi-publik/",
  notFound: "/404.html",
  feedAtom: "/feed.xml",
  feedJson: "/feed.json",
  sitemap: "/sitemap.xml",
  robots: "/robots.txt",
  manifest: "/manifest.json",
  assets: "/assets/",
  media: "/media/",
  images: "/img/",
  search: "/cari/",
  /** Pagefind's bundle: the site's own search. */
  searchIndex: "/pagefind/",
  /** The hub's second index, of the units' records (stages/records-index.ts), merged into its search. */
  unitsSearchIndex: "/pagefind/units/",
  /** Decap CMS for the site's editors; the CMS's own files are in /admin/decap/. */
  admin: "/admin/",
  cmsConfig: "/admin/config.json",
  cmsRules: "/admin/rules.json",
} as const;

/** The hub's page about a retired unit, where the unit's subdomain redirects (nginx-config.ts). */
export const retiredUnitUrl = (slug: string) => `/arsip/${slug}/`;

/** Where an archived unit's pages live in the hub's site (retire-site --archive): `/arsip/<slug>`, no trailing slash. */
export const archivePrefix = (slug: string) => retiredUnitUrl(slug).slice(0, -1);

export function itemUrl(type: string, slug: string): string {
  return schemas().typeByName.get(type)?.topLevel ? `/${slug}/` : `/${type}/${slug}/`;
}

export function listUrl(type: string, pageNumber = 0): string {
  return pageNumber === 0 ? `/${type}/` : `/${type}/halaman-${pageNumber + 1}/`;
}

/** Top-level names a profile page may not take, because the generator or the server uses them. */
export const reservedTopLevel = (): ReadonlySet<string> =>
  new Set([
    ...schemas().types.map((t) => t.name),
    "informasi-publik",
    "assets",
    "media",
    "img",
    "admin",
    "api",
    "feed",
    "cari",
    "search",
    "pagefind",
    "404",
    "index",
    // The hub's own pages: its combined lists, its dashboard, its pages about retired units.
    "kabar",
    "status",
    "arsip",
  ]);

export const fileSlugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import type { Manifest, ManifestItem } from "./manifest.ts";
import { siteUrl, type Base } from "./site-origin.ts";
import { byRank, type ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";

/**
 * What the hub shows about the units, read from their published `manifest.json` files, never from
 * their Markdown: at scale the hub could fetch the same files from the deployed subdomains.
 */
export interface HubData {
  groups: { type: string; label: string; units: HubUnit[] }[];
  news: HubItem[];
  announcements: HubItem[];
  /** News and announcements of every unit, newest first: the hub's feeds. */
  feed: HubItem[];
  /** Every unit's news, announcements and agenda, newest first: the hub's list pages. */
  all: HubItem[];
  /** Every unit's public documents: the combined Daftar Informasi Publik. */
  documents: HubItem[];
  years: number[];
  events: HubItem[];
  counts: { units: number; active: number; quiet: number; withoutSite: number };
  /** The units' Pagefind bundles, which the hub's search merges (from their manifests). */
  searchIndexes: { slug: string; name: string; bundle: string }[];
}

export interface HubUnit {
  slug: string;
  name: string;
  short_name: string;
  url: string;
  address: string;
  phone: string;
  email: string;
  /** active: something new within 90 days; quiet: nothing new for 90 days; none: no site yet. */
  state: "active" | "quiet" | "none";
  latest?: string;
  /** A 96px logo from the unit's manifest, on the unit's own origin. */
  icon?: string;
}

export interface HubItem extends ManifestItem {
  unit: { slug: string; short_name: string; url: string };
}

/** The content types the hub lists together (`x-hub-lists`), in their listed order. */
export const listedTypes = (): string[] =>
  schemas()
    .types.filter((t) => t.hubLists)
    .sort(byRank)
    .map((t) => t.name);

/** Types of the units' manifests: what counts as activity (`x-activity`) and feeds (`x-feed`). */
const typesWhere = (test: (t: ContentType) => boolean) =>
  new Set(
    schemas()
      .types.filter(test)
      .map((t) => t.name),
  );

/** A unit is quiet after this many days without a new dated item (issue: "nothing new for 90 days"). */
export const quietAfterDays = 90;

export function readHubData(args: {
  ws: Workspace;
  portal: PortalConfig;
  registry: SiteRecord[];
  base: Base;
  now: Date;
  labels: Record<string, string>;
}): HubData {
  const { ws, portal, registry, base, now } = args;
  const activity = typesWhere((t) => t.activity);
  const feeds = typesWhere((t) => t.feed);
  const listed = listedTypes();
  const quietBefore = new Date(now.getTime() - quietAfterDays * 86_400_000).toISOString();
  const groups: HubData["groups"] = [];
  const items: HubItem[] = [];
  const counts = { units: 0, active: 0, quiet: 0, withoutSite: 0 };
  const searchIndexes: HubData["searchIndexes"] = [];

  for (const site of registry.filter((s) => s.slug !== portal.hub)) {
    const file = join(ws.distDir, site.slug, "manifest.json");
    const manifest =
      site.status === "active" && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Manifest) : undefined;
    const url = siteUrl(base, portal, site.slug);
    const dated = (manifest?.items ?? []).filter((i) => i.date && activity.has(i.type)).map((i) => i.date!);
    const latest = dated.sort().at(-1);
    const state = !manifest ? "none" : latest && latest >= quietBefore ? "active" : "quiet";
    counts.units++;
    counts[state === "none" ? "withoutSite" : state]++;
    let group = groups.find((g) => g.type === site.type);
    if (!group) groups.push((group = { type: site.type, label: args.labels[site.type] ?? site.type, units: [] }));
    group.units.push({
      slug: site.slug,
      name: site.name,
      short_name: site.short_name,
      url,
      address: site.address,
      phone: site.phone,
      email: site.email,
      state,
      ...(latest ? { latest } : {}),
      ...(manifest?.site.icon ? { icon: manifest.site.icon } : {}),
    });
    // A unit with nothing published yet has an empty index, which Pagefind cannot merge.
    if (manifest?.site.search && manifest.items.length > 0)
      searchIndexes.push({ slug: site.slug, name: site.name, bundle: manifest.site.search });
    for (const item of manifest?.items ?? [])
      items.push({ ...item, unit: { slug: site.slug, short_name: site.short_name, url } });
  }

  const today = now.toISOString();
  // An announcement's `end` is the start of its last valid day (WITA); it is current through that day.
  const current = (i: HubItem) => !i.end || Date.parse(i.end) + 86_400_000 > now.getTime();
  const byDateDesc = (a: HubItem, b: HubItem) => String(b.date).localeCompare(String(a.date));
  return {
    groups,
    news: items
      .filter((i) => i.type === "berita")
      .sort(byDateDesc)
      .slice(0, 8),
    feed: items
      .filter((i) => feeds.has(i.type))
      .sort(byDateDesc)
      .slice(0, 30),
    all: items.filter((i) => listed.includes(i.type)).sort(byDateDesc),
    documents: items
      .filter((i) => i.type === "dokumen")
      .sort(
        (a, b) =>
          Number(b.extra?.year) - Number(a.extra?.year) ||
          a.unit.short_name.localeCompare(b.unit.short_name, "id") ||
          a.title.localeCompare(b.title, "id"),
      ),
    years: [...new Set(items.filter((i) => i.type === "dokumen").map((i) => Number(i.extra?.year)))].sort(
      (a, b) => b - a,
    ),
    announcements: items
      .filter((i) => i.type === "pengumuman" && current(i))
      .sort(byDateDesc)
      .slice(0, 5),
    events: items
      .filter((i) => i.type === "agenda" && String(i.end ?? i.date) >= today)
      .sort((a, b) => String(a.date).localeCompare(String(b.date)))
      .slice(0, 5),
    counts,
    searchIndexes: searchIndexes.sort((a, b) => a.name.localeCompare(b.name, "id")),
  };
}

/** One page of the hub's lists: every combination of type filter and unit filter, paginated. */
export interface HubListPage {
  type?: string;
  unit?: { slug: string; short_name: string };
  items: HubItem[];
  pageNumber: number;
  hrefs: string[];
}

/** `/kabar/<type or semua>/[<unit>/][halaman-N/]`: a static page for every filter. */
export function hubListUrl(type: string | undefined, unit: string | undefined, pageNumber = 0): string {
  return `/kabar/${type ?? "semua"}/${unit ? `${unit}/` : ""}${pageNumber ? `halaman-${pageNumber + 1}/` : ""}`;
}

/**
 * Every filter the list pages link to has its page, even when nothing matches yet (it says so):
 * the filter links are the same on every page, and a link must never lead to a 404.
 */
export function hubListPages(hub: HubData, pageSize = 20): HubListPage[] {
  const units = hub.groups
    .flatMap((g) => g.units)
    .filter((u) => u.state !== "none")
    .map((u) => ({ slug: u.slug, short_name: u.short_name }));
  const pages: HubListPage[] = [];
  for (const type of [undefined, ...listedTypes()]) {
    for (const unit of [undefined, ...units]) {
      const items = hub.all.filter((i) => (!type || i.type === type) && (!unit || i.unit.slug === unit.slug));
      const count = Math.max(1, Math.ceil(items.length / pageSize));
      const hrefs = Array.from({ length: count }, (_, n) => hubListUrl(type, unit?.slug, n));
      for (let n = 0; n < count; n++) {
        pages.push({
          ...(type ? { type } : {}),
          ...(unit ? { unit } : {}),
          items: items.slice(n * pageSize, (n + 1) * pageSize),
          pageNumber: n,
          hrefs,
        });
      }
    }
  }
  return pages;
}

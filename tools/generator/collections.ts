import type { SiteRecord } from "../core/records.ts";
import type { ContentType } from "../content/content-types.ts";
import { contentTypes } from "../content/content-types.ts";
import { listUrl } from "../content/permalinks.ts";
import { titleOf, type CollectionItem } from "./portal-plugin.ts";

/** How many items a list page shows: ten keeps a list page light on a slow connection. */
export const pageSize = 10;

/** Per site: its items of each content type in their natural order, and `feed` (news and announcements). */
export type SiteIndex = Record<string, Record<string, CollectionItem[]>>;

export function siteIndex(
  all: CollectionItem[],
  contentFileOf: (inputPath: string) => { slug: string; type: ContentType } | undefined,
  slugs: string[],
): SiteIndex {
  const index: SiteIndex = {};
  for (const slug of slugs) index[slug] = Object.fromEntries([...contentTypes.map((t) => [t.name, []]), ["feed", []]]);
  for (const item of all) {
    const file = contentFileOf(item.inputPath);
    if (!file) continue;
    index[file.slug]![file.type.name]!.push(item);
    if (file.type.feed) index[file.slug]!.feed!.push(item);
  }
  for (const site of Object.values(index)) {
    for (const [type, items] of Object.entries(site)) sortItems(type, items);
  }
  return index;
}

/** One entry per list page of every site and type (profile pages are listed by the menu instead). */
export interface ListPage {
  site: SiteRecord;
  type: string;
  label: string;
  items: CollectionItem[];
  pageNumber: number;
  hrefs: string[];
}

export function listPages(index: SiteIndex, sites: SiteRecord[], hub: string): ListPage[] {
  const pages: ListPage[] = [];
  for (const site of sites) {
    for (const type of contentTypes.filter((t) => t.name !== "halaman" && (!t.hubOnly || site.slug === hub))) {
      const items = index[site.slug]?.[type.name] ?? [];
      const count = Math.max(1, Math.ceil(items.length / pageSize));
      const hrefs = Array.from({ length: count }, (_, n) => listUrl(type.name, n));
      for (let n = 0; n < count; n++) {
        pages.push({
          site,
          type: type.name,
          label: type.label,
          items: items.slice(n * pageSize, (n + 1) * pageSize),
          pageNumber: n,
          hrefs,
        });
      }
    }
  }
  return pages;
}

const byOrderThenTitle = (a: CollectionItem, b: CollectionItem) =>
  (a.data.order ?? 500) - (b.data.order ?? 500) || titleOf(a).localeCompare(titleOf(b), "id");

const newestFirst = (key: string) => (a: CollectionItem, b: CollectionItem) =>
  String(b.data[key]).localeCompare(String(a.data[key])) || a.url.localeCompare(b.url);

/** Each type's natural order: news by date, services and officials by their `order`. */
export function sortItems(type: string, items: CollectionItem[]): CollectionItem[] {
  switch (type) {
    case "berita":
    case "pengumuman":
    case "galeri":
    case "feed":
      return items.sort(newestFirst("date"));
    case "agenda":
      return items.sort(newestFirst("start"));
    case "dokumen":
      return items.sort((a, b) => b.data.year - a.data.year || newestFirst("date")(a, b));
    default:
      return items.sort(byOrderThenTitle);
  }
}

/** Agenda items that have not ended by `today` (YYYY-MM-DD in the regency's zone), soonest first. */
export function upcoming(items: CollectionItem[], today: string): CollectionItem[] {
  return items
    .filter((i) => String(i.data.end ?? i.data.start).slice(0, 10) >= today)
    .sort((a, b) => String(a.data.start).localeCompare(String(b.data.start)));
}

/** An announcement is current until the end of its `valid_until` day. */
export function isCurrent(item: CollectionItem, today: string): boolean {
  return !item.data.valid_until || String(item.data.valid_until) >= today;
}

import type { SiteRecord } from "../core/records.ts";
import type { ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";
import { listUrl } from "../published/permalinks.ts";
import { titleOf, typeOfPath, type CollectionItem } from "./content-item.ts";
import { InternalError } from "../core/internal-error.ts";

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
  for (const slug of slugs)
    index[slug] = Object.fromEntries([...schemas().types.map((t) => [t.name, []]), ["feed", []]]);
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
    for (const type of schemas().types.filter((t) => !t.topLevel && (!t.hubOnly || site.slug === hub))) {
      const items = index[site.slug]?.[type.name] ?? [];
      // A list of nothing is a page nothing links to (the menu lists types that have items).
      if (items.length === 0) continue;
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

/**
 * Each type's natural order, from its schema's `x-sort` (news newest first, services and officials
 * by their `order` then title). `feed` mixes
 * the types in the feeds, newest first by each one's date. Ties go by address, so the order never
 * depends on the order files were read in.
 */
export function sortItems(type: string, items: CollectionItem[]): CollectionItem[] {
  if (type === "feed") return items.sort(newestFirst);
  const contentType = schemas().typeByName.get(type);
  if (!contentType) throw new InternalError(`no content type ${type} to sort`);
  return items.sort(comparatorOf(contentType));
}

function comparatorOf(type: ContentType): (a: CollectionItem, b: CollectionItem) => number {
  const keys = type.sort.map(({ field, descending, missing }) => {
    const value = (item: CollectionItem): unknown =>
      field === "title" ? titleOf(item) : (item.data[field] ?? missing);
    return { value, sign: descending ? -1 : 1 };
  });
  return (a, b) => {
    for (const { value, sign } of keys) {
      const order = compareValues(value(a), value(b));
      if (order) return sign * order;
    }
    return a.url.localeCompare(b.url);
  };
}

function compareValues(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a ?? "").localeCompare(String(b ?? ""), "id");
}

const dateOf = (item: CollectionItem) => {
  const field = typeOfPath(item.inputPath)?.dateField;
  return String(field ? item.data[field] : "");
};
const newestFirst = (a: CollectionItem, b: CollectionItem) =>
  dateOf(b).localeCompare(dateOf(a), "id") || a.url.localeCompare(b.url);

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

import { titleOf, type CollectionItem } from "./site-plugin.ts";

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

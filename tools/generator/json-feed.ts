import type { SiteRecord } from "../core/records.ts";
import { titleOf, type CollectionItem } from "./portal-plugin.ts";

/**
 * JSON Feed 1.1, built as an object and serialised, so titles with quotes or backslashes can
 * never break the JSON (a text template cannot promise that).
 */
export function jsonFeed(items: CollectionItem[], site: SiteRecord, self: string): string {
  return JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: site.name,
      language: "id",
      home_page_url: `${self}/`,
      feed_url: `${self}/feed.json`,
      authors: [{ name: site.name, url: `mailto:${site.email}` }],
      items: items.slice(0, 20).map((item) => ({
        id: `${self}${item.url}`,
        url: `${self}${item.url}`,
        title: titleOf(item),
        content_text: String(item.data.summary ?? titleOf(item)),
        date_published: item.date.toISOString(),
        tags: item.data.tags ?? [],
      })),
    },
    null,
    1,
  );
}

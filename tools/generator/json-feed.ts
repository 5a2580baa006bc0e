import type { SiteRecord } from "../core/records.ts";
import type { CollectionItem } from "./site-plugin.ts";

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
        title: String(item.data.heading),
        content_text: String(item.data.summary ?? item.data.heading),
        date_published: item.date.toISOString(),
        tags: [item.data.contentType, ...(item.data.tags ?? [])],
      })),
    },
    null,
    1,
  );
}

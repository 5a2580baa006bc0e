import type { SiteRecord } from "../core/records.ts";
import type { HubItem } from "./hub-data.ts";
import { titleOf, type CollectionItem } from "./content-item.ts";

interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  date: string;
  tags: string[];
  author?: string;
}

/**
 * JSON Feed 1.1, built as an object and serialised, so titles with quotes or backslashes can
 * never break the JSON (a text template cannot promise that).
 */
function serialise(entries: FeedEntry[], site: SiteRecord, self: string): string {
  return JSON.stringify(
    {
      version: "https://jsonfeed.org/version/1.1",
      title: site.name,
      language: "id",
      home_page_url: `${self}/`,
      feed_url: `${self}/feed.json`,
      authors: [{ name: site.name, url: `mailto:${site.email}` }],
      items: entries.slice(0, 20).map((e) => ({
        id: e.url,
        url: e.url,
        title: e.title,
        content_text: e.summary,
        date_published: e.date,
        tags: e.tags,
        ...(e.author ? { authors: [{ name: e.author }] } : {}),
      })),
    },
    null,
    1,
  );
}

/**
 * A unit's own feed: its news and announcements. `instant` reads an item's date as the Atom feed
 * does (a day is its midnight in the regency's zone): Eleventy's `item.date` is UTC midnight,
 * eight hours later in WITA, and feed readers showed the same item at two times.
 */
export function jsonFeed(
  items: CollectionItem[],
  site: SiteRecord,
  self: string,
  instant: (value: string | Date) => string,
): string {
  return serialise(
    items.map((item) => ({
      url: `${self}${item.url}`,
      title: titleOf(item),
      summary: String(item.data.summary ?? titleOf(item)),
      date: instant((item.data.date as string | Date | undefined) ?? item.date),
      tags: item.data.tags ?? [],
    })),
    site,
    self,
  );
}

/** The hub's feed: every unit's news and announcements, from their manifests. */
export function hubJsonFeed(items: HubItem[], site: SiteRecord, self: string): string {
  return serialise(
    items.map((item) => ({
      url: item.url,
      title: item.title,
      summary: item.summary ?? item.title,
      date: item.date ?? "",
      tags: [item.type, item.unit.slug],
      author: item.unit.short_name,
    })),
    site,
    self,
  );
}

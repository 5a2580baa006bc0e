import type { SiteRecord } from "../../core/records.ts";
import type { CollectionItem } from "../content-item.ts";
import { jsonFeed } from "../json-feed.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A site's JSON Feed 1.1 of its news and announcements.
 */
export default defineFilter(
  (run) => (items: CollectionItem[], site: SiteRecord) =>
    jsonFeed(items, site, run.urlsOf(site).self, run.dates.isoWaktu),
  {
    example: {
      template: "{{ c.feed | head(20) | jsonFeed(site) | safe }}",
      output:
        /^\{\n "version": "https:\/\/jsonfeed\.org\/version\/1\.1",\n "title": "Dinas Kesehatan",[\s\S]*"title": "Posyandu Serentak di 10 Kecamatan"/,
    },
  },
);

import type { SiteRecord } from "../../core/records.ts";
import type { CollectionItem } from "../content-item.ts";
import { jsonFeed } from "../json-feed.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A site's JSON Feed 1.1 of its news and announcements.
 * @example {{ c.feed | head(20) | jsonFeed(site) | safe }}
 */
export default defineFilter(
  "jsonFeed",
  (run) => (items: CollectionItem[], site: SiteRecord) =>
    jsonFeed(items, site, run.urlsOf(site).self, run.dates.isoWaktu),
);

import type { SiteRecord } from "../../core/records.ts";
import type { HubData } from "../hub-data.ts";
import { hubJsonFeed } from "../json-feed.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's JSON Feed of every unit's news and announcements.
 * @example {{ hub.feed | hubJsonFeed(site) | safe }}
 */
export default defineFilter(
  "hubJsonFeed",
  (run) => (items: HubData["feed"], site: SiteRecord) => hubJsonFeed(items, site, run.urlsOf(site).self),
);

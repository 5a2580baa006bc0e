import type { SiteRecord } from "../../core/records.ts";
import type { HubData } from "../hub-data.ts";
import { hubJsonFeed } from "../json-feed.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's JSON Feed of every unit's news and announcements.
 */
export default defineFilter(
  (run) => (items: HubData["feed"], site: SiteRecord) => hubJsonFeed(items, site, run.urlsOf(site).self),
  {
    example: {
      template: "{{ hub.feed | hubJsonFeed(site) | safe }}",
      output:
        /^\{\n "version": "https:\/\/jsonfeed\.org\/version\/1\.1",\n "title": "Portal Pemerintah Kabupaten Paser",[\s\S]*"title": "Posyandu Serentak di 10 Kecamatan"/,
      on: "hub",
    },
  },
);

import type { SiteRecord } from "../../core/records.ts";
import type { SiteIndex } from "../collections.ts";
import { manifestJson } from "../manifest.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The site's `manifest.json`, what the hub reads about it.
 */
export default defineFilter(
  (run) => (index: SiteIndex, site: SiteRecord) =>
    manifestJson({
      collections: index[site.slug] ?? {},
      site,
      portal: run.portal,
      origin: run.urlsOf(site).self,
      shareImage: (src) => run.shareImage(site.slug, src),
      iconImage: (src) => run.iconImage(site.slug, src),
      thumbImage: (src) => run.thumbImage(site.slug, src),
      timeZone: run.portal.time_zone,
      withheld: run.options.withheld?.get(site.slug) ?? new Set(),
    }),
  {
    async: true,
    example: {
      template: "{{ collections.bySite | manifestJson(site) | safe }}",
      output: /^\{\n "version": 1,\n "generated": "[^"]+",\n "site": \{\n {2}"slug": "dinkes",/,
    },
  },
);

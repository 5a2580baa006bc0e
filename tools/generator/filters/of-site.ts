import type { SiteRecord } from "../../core/records.ts";
import type { SiteIndex } from "../collections.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A site's items by type, from the `bySite` collection.
 */
export default defineFilter(() => (index: SiteIndex, site: SiteRecord) => index[site.slug], {
  example: { template: "{% set mine = collections.bySite | ofSite(site) %}{{ mine.berita | length }}", output: "1" },
});

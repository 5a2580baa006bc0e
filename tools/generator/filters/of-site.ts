import type { SiteRecord } from "../../core/records.ts";
import type { SiteIndex } from "../collections.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A site's items by type, from the `bySite` collection.
 * @example {% set c = collections.bySite | ofSite(site) %}{{ c.berita | length }}
 */
export default defineFilter("ofSite", () => (index: SiteIndex, site: SiteRecord) => index[site.slug]);

import type { SiteRecord } from "../../core/records.ts";
import { cmsConfig } from "../../cms/cms-config.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The site's Decap CMS configuration (`/admin/config.json`), as JSON; `emblem` is the regency's
 * emblem as the site publishes it (regencyEmblem), for the CMS's login page and header.
 */
export default defineFilter(
  (run) => (site: SiteRecord, emblem?: string) => {
    const origin = run.urlsOf(site).self;
    return JSON.stringify(
      cmsConfig({
        portal: run.portal,
        site,
        origin,
        registry: run.options.registry,
        ...(run.options.catalogue ? { topics: run.options.catalogue.topics } : {}),
        ...(run.options.cmsLocalBackend ? { local: true } : {}),
        ...(emblem ? { emblem } : {}),
      }),
      null,
      1,
    );
  },
  {
    example: {
      template: "{{ site | cmsConfigJson | safe }}",
      output: /^\{\n "load_config_file": false,[\s\S]*\n "site_url": "https:\/\/dinkes\.paserkab\.go\.id",/,
    },
  },
);

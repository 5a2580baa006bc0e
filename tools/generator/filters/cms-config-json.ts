import type { SiteRecord } from "../../core/records.ts";
import { cmsConfig } from "../../cms/cms-config.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The site's Decap CMS configuration (`/admin/config.json`), as JSON.
 * @example {{ site | cmsConfigJson | safe }}
 */
export default defineFilter("cmsConfigJson", (run) => (site: SiteRecord) => {
  const origin = run.urlsOf(site).self;
  const local = run.options.cmsLocalBackend;
  const localBackend = local ? { url: `${origin}${local.path}`, host: new URL(origin).hostname } : undefined;
  return JSON.stringify(
    cmsConfig({
      portal: run.portal,
      site,
      origin,
      registry: run.options.registry,
      ...(localBackend ? { localBackend } : {}),
    }),
    null,
    1,
  );
});

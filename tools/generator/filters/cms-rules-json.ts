import type { SiteRecord } from "../../core/records.ts";
import { cmsRules } from "../../cms/cms-config.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The checks the CMS runs before saving (`/admin/rules.json`), as JSON.
 * @example {{ site | cmsRulesJson | safe }}
 */
export default defineFilter(
  "cmsRulesJson",
  (run) => (site: SiteRecord) => JSON.stringify(cmsRules({ portal: run.portal, site })),
);

import type { SiteRecord } from "../../core/records.ts";
import { cmsRules } from "../../cms/cms-config.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The checks the CMS runs before saving (`/admin/rules.json`), as JSON.
 */
export default defineFilter((run) => (site: SiteRecord) => JSON.stringify(cmsRules({ portal: run.portal, site })), {
  example: {
    template: "{{ site | cmsRulesJson | safe }}",
    output: /^\{"dinkes_agenda":\{"dependentRequired":\{\},"labels":\{"title":"Nama kegiatan"/,
  },
});

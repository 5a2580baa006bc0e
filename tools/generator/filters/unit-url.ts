import { siteUrl } from "../../published/site-origin.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The home page of a unit's site.
 */
export default defineFilter((run) => (slug: string) => siteUrl(run.base, run.portal, slug), {
  example: { template: '{{ "dinkes" | unitUrl }}', output: "https://dinkes.paserkab.go.id/" },
});

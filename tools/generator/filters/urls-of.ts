import { defineFilter } from "./define-filter.ts";

/**
 * A site's own addresses (siteUrls), with `self`, its origin, and `hub`, the hub's home.
 */
export default defineFilter((run) => run.urlsOf, {
  example: { template: "{% set u = site | urlsOf %}{{ u.self }}", output: "https://dinkes.paserkab.go.id" },
});

import { defineFilter } from "./define-filter.ts";

/**
 * The unit a page belongs to. (Site, type and title come from filters, not eleventyComputed:
 * computed data costs Eleventy a dependency analysis on every page, a fifth of a large build.)
 */
export default defineFilter((run) => run.siteOfPage, {
  example: { template: "{% set s = page | siteOf %}{{ s.name }}", output: "Dinas Kesehatan" },
});

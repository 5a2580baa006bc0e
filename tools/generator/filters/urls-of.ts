import { defineFilter } from "./define-filter.ts";

/**
 * A site's own addresses (siteUrls), with `self`, its origin, and `hub`, the hub's home.
 * @example {{ (site | urlsOf).self }} → https://dinkes.paserkab.go.id
 */
export default defineFilter("urlsOf", (run) => run.urlsOf);

import { structuredData, type PageFacts } from "../structured-data.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The page's schema.org JSON-LD (structured-data.ts), or "" for a page of no particular kind.
 * @example <script type="application/ld+json">{{ facts | structuredData | safe }}</script>
 */
export default defineFilter(
  "structuredData",
  (run) => (facts: Omit<PageFacts, "portal">) => structuredData({ ...facts, portal: run.portal }),
);

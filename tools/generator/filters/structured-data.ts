import { structuredData, type PageFacts } from "../structured-data.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The page's schema.org JSON-LD (structured-data.ts), or "" for a page of no particular kind.
 */
export default defineFilter(
  (run) => (facts: Omit<PageFacts, "portal">) => structuredData({ ...facts, portal: run.portal }),
  {
    example: {
      template:
        '{{ { type: "berita", site: site, url: "https://dinkes.paserkab.go.id/berita/x/", name: "Posyandu", date: "2025-08-17" } | structuredData | safe }}',
      output: /^\{"@context":"https:\/\/schema\.org","@type":"NewsArticle","headline":"Posyandu"/,
    },
  },
);

import { defineFilter } from "./define-filter.ts";

/**
 * An instant for `<time datetime>` and feeds.
 */
export default defineFilter((run) => run.dates.isoWaktu, {
  example: { template: '{{ "2025-08-17" | isoWaktu }}', output: "2025-08-16T16:00:00.000Z" },
});

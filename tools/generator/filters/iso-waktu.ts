import { defineFilter } from "./define-filter.ts";

/**
 * An instant for `<time datetime>` and feeds.
 * @example {{ "2025-08-17" | isoWaktu }} → 2025-08-16T16:00:00.000Z
 */
export default defineFilter("isoWaktu", (run) => run.dates.isoWaktu);

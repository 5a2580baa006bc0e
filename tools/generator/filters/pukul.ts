import { defineFilter } from "./define-filter.ts";

/**
 * A time of day with the zone's abbreviation.
 */
export default defineFilter((run) => run.dates.pukul, {
  example: { template: '{{ "2025-08-17 14:30" | pukul }}', output: "pukul 14.30 WITA" },
});

import { defineFilter } from "./define-filter.ts";

/**
 * A time of day with the zone's abbreviation.
 * @example {{ "2025-08-17 14:30" | pukul }} → pukul 14.30 WITA
 */
export default defineFilter("pukul", (run) => run.dates.pukul);

import { defineFilter } from "./define-filter.ts";

/**
 * The calendar day in the regency's zone, to compare with `today`.
 */
export default defineFilter((run) => run.dates.tanggalIso, {
  example: { template: '{{ "2025-08-17 23:30" | tanggalIso }}', output: "2025-08-17" },
});

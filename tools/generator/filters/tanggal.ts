import { defineFilter } from "./define-filter.ts";

/**
 * A date, in the regency's zone.
 */
export default defineFilter((run) => run.dates.tanggal, {
  example: { template: '{{ "2025-08-17" | tanggal }}', output: "17 Agustus 2025" },
});

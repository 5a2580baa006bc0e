import { defineFilter } from "./define-filter.ts";

/**
 * A date with its weekday, in the regency's zone.
 */
export default defineFilter((run) => run.dates.tanggalLengkap, {
  example: { template: '{{ "2025-08-17" | tanggalLengkap }}', output: "Minggu, 17 Agustus 2025" },
});

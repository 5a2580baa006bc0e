import { defineFilter } from "./define-filter.ts";

/**
 * The calendar day in the regency's zone, to compare with `today`.
 * @example {{ "2025-08-17 23:30" | tanggalIso }} → 2025-08-17
 */
export default defineFilter("tanggalIso", (run) => run.dates.tanggalIso);

import { defineFilter } from "./define-filter.ts";

/**
 * A date, in the regency's zone.
 * @example {{ "2025-08-17" | tanggal }} → 17 Agustus 2025
 */
export default defineFilter("tanggal", (run) => run.dates.tanggal);

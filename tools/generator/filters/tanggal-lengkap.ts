import { defineFilter } from "./define-filter.ts";

/**
 * A date with its weekday, in the regency's zone.
 * @example {{ "2025-08-17" | tanggalLengkap }} → Minggu, 17 Agustus 2025
 */
export default defineFilter("tanggalLengkap", (run) => run.dates.tanggalLengkap);

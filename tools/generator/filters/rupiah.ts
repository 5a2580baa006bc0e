import { defineFilter } from "./define-filter.ts";

const rupiahFormat = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });

/** Indonesian style has no space after "Rp"; Intl puts a no-break space there. */
export function rupiah(value: number): string {
  return rupiahFormat.format(value).replace(/\u00a0/g, "");
}

export default defineFilter(() => rupiah, { example: { template: "{{ 1500000 | rupiah }}", output: "Rp1.500.000" } });

import { defineFilter } from "./define-filter.ts";

const number = new Intl.NumberFormat("id-ID");

/** A number in Indonesian style: dots between thousands, a comma before decimals. */
export function angka(value: number): string {
  return number.format(value);
}

export default defineFilter(() => angka, { example: { template: "{{ 1234567.89 | angka }}", output: "1.234.567,89" } });

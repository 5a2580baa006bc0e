import { defineFilter } from "./define-filter.ts";

/** File sizes next to download links, so citizens on metered data can decide. */
export function ukuranBerkas(bytes: number): string {
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
  return `${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

export default defineFilter(() => ukuranBerkas, {
  example: { template: "{{ 1572864 | ukuranBerkas }}", output: "1,5 MB" },
});

const number = new Intl.NumberFormat("id-ID");
const rupiahFormat = new Intl.NumberFormat("id-ID", { style: "currency", currency: "IDR", maximumFractionDigits: 0 });

/** "1.234.567,89" */
export function angka(value: number): string {
  return number.format(value);
}

/** "Rp1.500.000": Indonesian style has no space; Intl puts a no-break space after "Rp". */
export function rupiah(value: number): string {
  return rupiahFormat.format(value).replace(/\u00a0/g, "");
}

/** "1,2 MB": file sizes next to download links, so citizens on metered data can decide. */
export function ukuranBerkas(bytes: number): string {
  if (bytes < 1024 * 1024)
    return `${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;
  return `${new Intl.NumberFormat("id-ID", { maximumFractionDigits: 1 }).format(bytes / 1024 / 1024)} MB`;
}

/**
 * The hub's own addresses that units' pages, the desk's e-mails and the network strip link to:
 * written once, so that no link to them can drift.
 */

/** The catalogue's index (`/layanan/`) and each topic's page (`/layanan/<topic>/`). */
export const catalogueUrl = (topic?: string) => `/layanan/${topic ? `${topic}/` : ""}`;

/** The hub's directory of every unit, with its office and numbers. */
export const directoryUrl = "/direktori/";

/** The hub's status dashboard (the desk's view of every unit). */
export const hubStatusUrl = "/status/";

/** `/kabar/<type or semua>/[halaman-N/]`: the hub's list of every unit's newest items of a type. */
export function hubListUrl(type: string | undefined, pageNumber = 0): string {
  return `/kabar/${type ?? "semua"}/${pageNumber ? `halaman-${pageNumber + 1}/` : ""}`;
}

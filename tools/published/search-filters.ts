/**
 * The Pagefind filter that only service pages carry: on a unit's own pages (base.njk) and on the
 * hub's records of them (hub-search-records.ts). The search page (search.js) searches with it to
 * put services first when a query names one. Pagefind writes one file per filter and loads a
 * filter's file whenever a search uses it: the type filter's lists every page of the index (17 KB
 * at 500 units), this one only the services.
 */
export const serviceFilter: Readonly<Record<string, string>> = { layanan: "ya" };

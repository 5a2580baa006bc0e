import type { ManifestItem } from "../../published/manifest-format.ts";
import { serviceWords } from "../../generator/service-words.ts";
import { serviceFilter } from "../../published/search-filters.ts";
import { schemas } from "../../schema/schemas.ts";
import type { SearchRecord } from "./search-index.ts";

/**
 * The units' pages in the hub's own search index: one small HTML record per item of every unit's
 * manifest, given to Pagefind beside the hub's own pages. The hub's first search then loads one
 * index, whatever the number of units, and a unit whose server is down is still found (issue 27:
 * merging every unit's index took 188 requests for the demo's 44 units, 2,012 at 500).
 *
 * A record holds what the unit's page shows a searcher first: the title, the names a service is
 * known by (weighted as on the service's own page, layanan.njk) and the summary; its unit, type
 * and date are the same Pagefind filters and metadata the theme puts on the page (base.njk), so
 * one search page (search.js) reads both alike. A page's full text stays in its unit's own index:
 * the unit's /cari/ searches it.
 *
 * The index holds at most `hubSearchRecordLimit` records: every first search loads Pagefind's list
 * of all its pages (about 5 bytes a record as sent), so the records decide what the hub's first
 * search costs. Items of every type come first, then those of the types whose schema says
 * `x-hub-search: newest` (news, announcements, events, albums), newest first, as many as fit.
 * An older news item left out is still found by its unit's own search.
 */
/** Its `url` is the page's absolute address on its unit's subdomain (Pagefind keeps absolute URLs as given). */
export type HubSearchRecord = SearchRecord;

/** Types whose pages Pagefind indexes on the unit's own site (item.njk): all but broadcasts. */
const unsearched = new Set(["siaran"]);

/** A unit's manifest item, with the unit's name (its filter value on the unit's own pages). */
export interface HubSearchEntry {
  item: ManifestItem;
  unit: string;
}

/**
 * How many records the hub's index holds at most. Measured at 500 units (docs/benchmarks.md): with
 * Pagefind's own script and WebAssembly (70 KB as sent), 3,000 records keep the hub's first search
 * under 100 KB; 8,000 made it 145 KB.
 */
export const hubSearchRecordLimit = 3000;

export function hubSearchRecords(
  entries: readonly HubSearchEntry[],
  synonyms: readonly string[][],
  tanggal: (iso: string) => string,
  limit = hubSearchRecordLimit,
): HubSearchRecord[] {
  const types = schemas().typeByName;
  const searched = entries.filter(({ item }) => !unsearched.has(item.type));
  const newestOnly = (e: HubSearchEntry) => types.get(e.item.type)?.hubSearch === "newest";
  // Each date parsed once, not at every comparison of the sort (8,000 items at 500 units).
  const newest = searched
    .filter(newestOnly)
    .map((e) => ({ e, time: e.item.date ? Date.parse(e.item.date) || 0 : 0 }))
    .sort((a, b) => b.time - a.time)
    .map(({ e }) => e);
  const kept = [...searched.filter((e) => !newestOnly(e)), ...newest].slice(0, limit);
  return kept.map(({ item, unit }) => {
    const aliases = item.extra?.aliases;
    const knownAs =
      item.type === "layanan"
        ? serviceWords(item.title, Array.isArray(aliases) ? aliases.map(String) : [], synonyms)
        : [];
    const head = [
      meta("unit", unit, true),
      meta("jenis", types.get(item.type)?.label ?? item.type, false),
      ...(item.type === "layanan"
        ? Object.entries(serviceFilter).map(([name, value]) => meta(name, value, false))
        : []),
      ...(item.date ? [`<meta data-pagefind-meta="date[content]" content="${attribute(tanggal(item.date))}">`] : []),
    ];
    const body = [
      `<h1>${text(item.title)}</h1>`,
      ...(knownAs.length
        ? [`<p data-pagefind-weight="10" data-pagefind-meta="aliases">${text(knownAs.join(", "))}</p>`]
        : []),
      ...(item.summary ? [`<p>${text(String(item.summary))}</p>`] : []),
    ];
    return {
      url: item.url,
      html: `<!doctype html><html lang="id"><head>${head.join("")}</head><body><main data-pagefind-body>${body.join("")}</main></body></html>`,
    };
  });
}

/** A filter (and, for the unit, metadata too), as base.njk marks them on every page. */
function meta(name: string, value: string, alsoMeta: boolean): string {
  return `<meta data-pagefind-filter="${name}[content]"${alsoMeta ? ` data-pagefind-meta="${name}[content]"` : ""} content="${attribute(value)}">`;
}

// Units' words reach the hub's index through these records: escaped, never markup.
const text = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attribute = (value: string) => text(value).replace(/"/g, "&quot;");

import type { ManifestItem } from "../../published/manifest-format.ts";
import { serviceWords } from "../../generator/service-words.ts";
import { serviceFilter } from "../../published/search-filters.ts";
import { schemas } from "../../schema/schemas.ts";
import type { SearchRecord } from "./search-index.ts";
import type { SiteRecord } from "../../core/records.ts";

/**
 * The units' pages in the hub's search: one small HTML record per item of every unit's manifest,
 * in the hub's index of the units' records (`pagefind/units/`, in three parts: records-index.ts),
 * or for the recent ones in the hub's own index beside its pages (hubSearchRecords). The hub's
 * first search then loads four indexes, whatever the number of units, and a unit whose server is down is still
 * found (issue 27: merging every unit's index took 188 requests for the demo's 44 units, 2,012 at
 * 500).
 *
 * A record holds what the unit's page shows a searcher first: the title, the names a service is
 * known by (weighted as on the service's own page, layanan.njk) and the summary; its unit, type
 * and date are the same Pagefind filters and metadata the theme puts on the page (base.njk), so
 * one search page (search.js) reads both alike. A page's full text stays in its unit's own index:
 * the unit's /cari/ searches it.
 *
 * The hub's search holds at most `hubSearchRecordLimit` records: every first search loads
 * Pagefind's list of all the pages of each index (about 5 bytes a record as sent), so the records
 * decide what the hub's first search costs. Each unit that can have a site has an equal share of
 * them (hubSearchShare): its items of every type first, then those of the types whose schema says
 * `x-hub-search: newest` (news, announcements, events, albums), newest first, as many as its share
 * holds. An older news item left out is still found by its unit's own search. A share makes a
 * unit's records depend on its own manifest alone, so a build of many batches gives each batch's
 * records to Pagefind while the next batch renders, not all of them after the last
 * (build-sites.ts); and a unit that writes much never pushes a quiet unit's pages out of the
 * regency's search.
 */
/** Its `url` is the page's absolute address on its unit's subdomain (Pagefind keeps absolute URLs as given). */
export type HubSearchRecord = SearchRecord;

/** Types whose pages Pagefind indexes on the unit's own site (item.njk): all but broadcasts. */
const unsearched = new Set(["siaran"]);

/** A unit's manifest items, with the unit's name (its filter value on the unit's own pages). */
export interface HubSearchUnit {
  unit: string;
  items: readonly ManifestItem[];
}

/**
 * How many records the hub's index holds at most. Every first search loads Pagefind's list of the
 * index's pages (about 5 bytes a record in brotli) beside the chunks of its words (10–13 KB each),
 * Pagefind's script and WebAssembly (61 KB as nginx sends them). Measured from nginx over HTTP/2
 * (docs/benchmarks.md): 3,000 of the synthetic regency's records, 81 KB; 3,000 in the demo's words,
 * 95–108 KB, over issue 27's 100 KB for two of three words; 1,000 of them would take about 10 KB
 * off (the list of pages shrinks, a word's chunks do not) for a third of the regency's pages. At
 * 8,000 records the list alone was 42 KB.
 */
export const hubSearchRecordLimit = 3000;

/**
 * How many records each unit may have in the hub's index: the limit shared by `units`, the units
 * that can have a site (hubSearchUnitCount). At least one: past `limit` units the index holds one
 * record a unit.
 */
export function hubSearchShare(units: number, limit = hubSearchRecordLimit): number {
  return Math.max(1, Math.floor(limit / Math.max(1, units)));
}

/** The units that share the hub's index: every active unit but the hub. */
export function hubSearchUnitCount(registry: readonly Pick<SiteRecord, "slug" | "status">[], hub: string): number {
  return registry.filter((s) => s.slug !== hub && s.status === "active").length;
}

/**
 * The records of the units' items, unit after unit, each unit's at most `share` (hubSearchShare),
 * in two sets. The hub's build writes its own index every time, and the units' index
 * (`pagefind/units/`) only when its records change (records-index.ts): so the items dated from
 * `recentFrom` on (the week before this one: core/wita.ts startOfPreviousWeek) go into the hub's
 * own index, and the others into the units'. What editors write and correct most, this week's news,
 * then costs the hub's build no new index of a region's 3,000 records (Pagefind's 0.8–1 s at
 * 40 × 100: docs/benchmarks.md). The units' index is written again when an older item changes
 * (its unit's part of it), or once a week, when a week's items move into it.
 * Without `recentFrom`, every record is in `older`.
 */
export function hubSearchRecords(
  units: readonly HubSearchUnit[],
  synonyms: readonly string[][],
  tanggal: (iso: string) => string,
  share: number,
  recentFrom?: Date,
): HubSearchRecordSets {
  const sets: HubSearchRecordSets = { recent: [], older: [] };
  const from = recentFrom?.getTime() ?? Number.POSITIVE_INFINITY;
  for (const { unit, items } of units) {
    for (const item of keptItems(items, share)) {
      // Manifests' dates are ISO instants (generator/manifest.ts); an item without one is older.
      const recent = item.date !== undefined && Date.parse(item.date) >= from;
      (recent ? sets.recent : sets.older).push(recordOf(item, unit, synonyms, tanggal));
    }
  }
  return sets;
}

export interface HubSearchRecordSets {
  /** Items dated from `recentFrom` on (an agenda's coming events too): the hub's own index. */
  recent: HubSearchRecord[];
  /** The rest: the units' index. */
  older: HubSearchRecord[];
}

/** A unit's items of every type first, then its newest of the others, `share` at most. */
function keptItems(items: readonly ManifestItem[], share: number): ManifestItem[] {
  const types = schemas().typeByName;
  const searched = items.filter((item) => !unsearched.has(item.type));
  const newestOnly = (item: ManifestItem) => types.get(item.type)?.hubSearch === "newest";
  // Each date parsed once, not at every comparison of the sort.
  const newest = searched
    .filter(newestOnly)
    .map((item) => ({ item, time: item.date ? Date.parse(item.date) || 0 : 0 }))
    .sort((a, b) => b.time - a.time)
    .map(({ item }) => item);
  return [...searched.filter((item) => !newestOnly(item)), ...newest].slice(0, share);
}

/** One item as the small page Pagefind indexes for it (its unit's page shows the same). */
function recordOf(
  item: ManifestItem,
  unit: string,
  synonyms: readonly string[][],
  tanggal: (iso: string) => string,
): HubSearchRecord {
  const types = schemas().typeByName;
  const aliases = item.extra?.aliases;
  const knownAs =
    item.type === "layanan"
      ? serviceWords(item.title, Array.isArray(aliases) ? aliases.map(String) : [], synonyms)
      : [];
  const head = [
    meta("unit", unit, true),
    meta("jenis", types.get(item.type)?.label ?? item.type, false),
    ...(item.type === "layanan" ? Object.entries(serviceFilter).map(([name, value]) => meta(name, value, false)) : []),
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
    // Every unit's services in one part of the units' index (records-index.ts), not each in its
    // unit's: the search puts the services a query names first, in Pagefind's order, and a score
    // is its index's own (how rare a word is there), so services of units in other parts would
    // be ranked by other measures ("sku" found a kecamatan's SKU before the regency's).
    ...(item.type === "layanan" ? { group: "layanan" } : {}),
  };
}

/** A filter (and, for the unit, metadata too), as base.njk marks them on every page. */
function meta(name: string, value: string, alsoMeta: boolean): string {
  return `<meta data-pagefind-filter="${name}[content]"${alsoMeta ? ` data-pagefind-meta="${name}[content]"` : ""} content="${attribute(value)}">`;
}

// Units' words reach the hub's index through these records: escaped, never markup.
const text = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const attribute = (value: string) => text(value).replace(/"/g, "&quot;");

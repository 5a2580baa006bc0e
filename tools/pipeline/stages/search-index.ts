import { readFile } from "node:fs/promises";
import { join } from "node:path";
import * as pagefind from "pagefind";
// Before any index is created: the size of its word index's files (pagefind-environment.ts).
import "./pagefind-environment.ts";
import { siteUrls } from "../../published/permalinks.ts";
import { timeLimits, withTimeLimit } from "../../core/progress.ts";
import { allSettledOrThrow, eachInParallel } from "../../core/in-parallel.ts";
import { placeRecordsIndex, recordsInParts } from "./records-index.ts";
import type { SearchRecord, StartedIndex, StartedParts } from "./search-record.ts";

export type { SearchRecord, StartedIndex, StartedParts } from "./search-record.ts";
import { pagefindInterfaceFiles, removeFromBundle } from "./pagefind-unused.ts";

/**
 * Two sites at a time keep both cores of a build machine busy in Pagefind's process (measured on
 * the benchmark's 40 sites: 3.1 s one at a time, 2.6 s two at a time, 2.7 s four at a time).
 */
const concurrency = 2;

export type SearchIndexResult = { ok: true; pages: number } | { ok: false; error: string };

/**
 * Stage 3, index: Pagefind indexes each rendered site of the batch, in staging.
 *
 * Indexes built sites for search, each into `<siteDir>/pagefind/`, after Eleventy has written
 * them (in staging, so a site is published with its index or not at all). Which part of a page is
 * indexed, and its filters (unit, content type), are marked in the theme (`data-pagefind-*`);
 * pages without `data-pagefind-body` (lists, the home page, the search page) are left out.
 * Indonesian is forced: the whole portal is `lang="id"`, and one language keeps one index per site,
 * which the site's own /cari/ reads. The hub has a second, of records of the units' pages
 * (hub-search-records.ts), which its /cari/ merges into the first: `pagefind/units/`, kept by
 * its content (records-index.ts); the records of the units' recent items go into the first, with
 * the hub's pages (`ownRecords`), so that this week's news does not change the second.
 *
 * (Feeding pages to Pagefind while Eleventy writes them was tried and measured slower: every page
 * then crosses a pipe as base64 JSON, which cost more than Pagefind reading the files.)
 */
export async function writeSearchIndexes(
  sites: {
    slug: string;
    dir: string;
    /**
     * The site's pages marked for the index, as paths in `dir` (BuildOutput.searchable), of its
     * `pages` HTML pages; without them Pagefind reads every page of the folder, keeping the marked.
     */
    searchable?: { paths: readonly string[]; pages: number };
    /**
     * The hub's records of the units' pages (hub-search-records.ts), indexed apart into
     * `pagefind/units/` from the cache under `cacheDir` (records-index.ts): `staged` if their index
     * is linked into a staging folder already, `started` if they were given to Pagefind already.
     */
    records?: UnitRecords & { cacheDir: string };
    /** Records indexed with the site's own pages (the hub's of its units' recent items: hub-search-records.ts). */
    ownRecords?: readonly SearchRecord[];
  }[],
): Promise<Map<string, SearchIndexResult>> {
  const results = new Map<string, SearchIndexResult>();
  try {
    await eachInParallel(sites, concurrency, async (site) => {
      const indexed = withTimeLimit(
        indexSite(site.dir, site.searchable, site.records, site.ownRecords ?? []),
        timeLimits.searchIndexMs,
        `Pagefind, indexing ${site.slug}`,
      );
      results.set(
        site.slug,
        await indexed.catch((e: unknown) => ({
          ok: false as const,
          error: e instanceof Error ? e.message : String(e),
        })),
      );
    });
  } finally {
    // One Pagefind process per build, unless a long-lived process keeps it for its next build
    // (keepSearchProcess). Not one that failed: Pagefind's module never starts a process again
    // once its own has died, until closed.
    if (!keptProcess || [...results.values()].some((r) => !r.ok) || results.size < sites.length) await pagefind.close();
  }
  return results;
}

let keptProcess = false;

/**
 * For a process that builds again and again (`npm start`): Pagefind's process stays between
 * builds, saving its start (15–25 ms) on each save's rebuild of a unit and of the hub, until
 * `closeSearchProcess`. In this thread only: a build's indexing thread has its own.
 */
export function keepSearchProcess(): void {
  keptProcess = true;
}

export async function closeSearchProcess(): Promise<void> {
  keptProcess = false;
  await pagefind.close();
}

/** Whether two lists hold the same records in the same order. */
export function sameRecords(a: readonly SearchRecord[], b: readonly SearchRecord[]): boolean {
  return a.length === b.length && a.every((r, i) => r.url === b[i]!.url && r.html === b[i]!.html);
}

/**
 * The hub's records, and their index if one was started for them beforehand (undefined when none
 * was, or the cache holds it: records-index.ts).
 */
export interface UnitRecords {
  records: readonly SearchRecord[];
  /** An index started for each part of them (startRecordParts). */
  started?: StartedParts;
  /** Where their index is linked already, to be moved into the site (records-index.ts stageRecordsIndex). */
  staged?: string;
}

/**
 * Starts an index in Pagefind's process and gives it `records`. The hub's thousands of records
 * can go in while its own pages still render (build-sites.ts). Never rejects: a failure is the
 * `error` of the index, reported when the site's index is written.
 */
export async function startSearchIndex(records: readonly SearchRecord[]): Promise<StartedIndex> {
  try {
    const created = await pagefind.createIndex({ forceLanguage: "id" });
    if (!created.index) return { error: `Pagefind could not start an index: ${created.errors.join("; ")}` };
    return await addSearchRecords({ index: created.index }, records);
  } catch (error) {
    return { error: `Pagefind could not start an index: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** More records into a started index (one that failed stays failed: its records are incomplete). */
export async function addSearchRecords(started: StartedIndex, records: readonly SearchRecord[]): Promise<StartedIndex> {
  if (started.error !== undefined) return started;
  const { index } = started;
  try {
    const recorded = await Promise.all(records.map((r) => index.addHTMLFile({ url: r.url, content: r.html })));
    const refused = recorded.flatMap((r, i) => r.errors.map((e) => `${records[i]!.url}: ${e}`));
    if (refused.length)
      return { index, error: `Pagefind could not index ${refused.length} records: ${refused.slice(0, 3).join("; ")}` };
    return { index };
  } catch (error) {
    // With the index: the site's indexing deletes it.
    return {
      index,
      error: `Pagefind could not index the records: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** An index started for each part of `records` that holds any (records-index.ts recordsInParts). */
export function startRecordParts(records: readonly SearchRecord[]): StartedParts {
  return recordsInParts(records).map((part) => (part.length ? startSearchIndex(part) : undefined));
}

/**
 * More records into the parts' indexes started before (startRecordParts), each into its part's
 * index, or one started for it now (a part none of the earlier records were in).
 */
export function addRecordParts(parts: StartedParts, more: readonly SearchRecord[]): StartedParts {
  return recordsInParts(more).map((records, i) => {
    const earlier = parts[i];
    if (!records.length) return earlier;
    return earlier ? earlier.then((s) => addSearchRecords(s, records)) : startSearchIndex(records);
  });
}

/** Past this many names, Pagefind's matching of a folder's files costs more than it saves. */
const globNamesAtMost = 200;

/**
 * The pattern of Pagefind's `glob` naming exactly a site's searchable pages, when reading only
 * them is the cheaper way: Pagefind matches every file of the folder against every name, so a long
 * list costs more than the pages it leaves out (Pagefind 1.6, a folder of 700 pages: 200 names
 * 46 ms and 400 names 68 ms, against 53 ms reading all). So only a list of at most 200 names that
 * leaves out a quarter of the pages or more: at 500 units of 22 pages, 16 of them searchable,
 * Pagefind took 15 % less time to read them. A path holding anything the pattern would read as
 * syntax is never named (the build's addresses hold none: validation's slugs); Pagefind then
 * reads the whole folder, as without a list.
 */
export function searchableGlob({ paths, pages }: { paths: readonly string[]; pages: number }): string | undefined {
  if (paths.length > globNamesAtMost || paths.length > pages * 0.75) return undefined;
  if (!paths.every((path) => /^[a-z0-9][a-z0-9._/-]*$/i.test(path) && !path.includes(".."))) return undefined;
  return `{${paths.join(",")}}`;
}

/**
 * The site's pages indexed and written into the site, and for the hub the index of the units'
 * records beside them (records-index.ts). A site with no searchable page gets no page of its own:
 * given a folder where no page has `data-pagefind-body`, Pagefind would index every page whole
 * (home, lists, 404).
 */
async function indexSite(
  siteDir: string,
  searchable: { paths: readonly string[]; pages: number } | undefined,
  units: (UnitRecords & { cacheDir: string }) | undefined,
  ownRecords: readonly SearchRecord[],
): Promise<SearchIndexResult> {
  const own = indexOwnPages(siteDir, searchable, ownRecords);
  const records = units?.records.length
    ? placeRecordsIndex({
        records: units.records,
        started: units.started,
        ...(units.staged === undefined ? {} : { staged: units.staged }),
        outDir: join(siteDir, siteUrls.unitsSearchIndex),
        cacheDir: units.cacheDir,
        start: startSearchIndex,
      })
    : Promise.all((units?.started ?? []).map((s) => s?.then((i) => i.index?.deleteIndex())));
  // Both settle before the staging folder can go (index-publish.ts).
  await allSettledOrThrow([own, records]);
  const pages = await own;
  return pages.ok ? { ok: true, pages: pages.pages + (units?.records.length ?? 0) } : pages;
}

async function indexOwnPages(
  siteDir: string,
  searchable: { paths: readonly string[]; pages: number } | undefined,
  records: readonly SearchRecord[],
): Promise<SearchIndexResult> {
  const started = await startSearchIndex(records);
  try {
    if (started.error !== undefined) throw new Error(started.error);
    const { index } = started;
    const glob = searchable && searchableGlob(searchable);
    const added =
      searchable?.paths.length === 0
        ? { errors: [], page_count: 0 }
        : await index.addDirectory({ path: siteDir, ...(glob ? { glob } : {}) });
    if (added.errors.length) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join("; ")}`);
    const outDir = join(siteDir, siteUrls.searchIndex);
    const written = await index.writeFiles({ outputPath: outDir });
    if (written.errors.length)
      throw new Error(`Pagefind could not write the index of ${siteDir}: ${written.errors.join("; ")}`);
    // addDirectory counts every HTML file it read; the entry counts the pages in the index.
    const entry = JSON.parse(await readFile(join(outDir, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    const pages = Object.values(entry.languages).reduce((n, l) => n + l.page_count, 0);
    // The WebAssembly for pages in no known language goes too, since the language is forced to
    // Indonesian (unless the index is empty, when that is the only one Pagefind writes).
    await removeFromBundle(
      outDir,
      pages > 0 ? [...pagefindInterfaceFiles, "wasm.unknown.pagefind"] : pagefindInterfaceFiles,
    );
    return { ok: true, pages };
  } finally {
    await started.index?.deleteIndex();
  }
}

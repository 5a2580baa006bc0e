import type { PagefindIndex } from "pagefind";

// The types search-index.ts and records-index.ts share (each imports this, not the other).

/** A page that is not a file of the site: its address and its HTML. */
export type SearchRecord = { url: string; html: string };

/** An index Pagefind has started, with the records given to it; or why it could not. */
export type StartedIndex = { index: PagefindIndex; error?: undefined } | { index?: PagefindIndex; error: string };

/**
 * Indexes started beforehand for the parts of a list of records (records-index.ts recordsInParts),
 * by part; undefined for a part none was started for. Each never rejects (startSearchIndex).
 */
export type StartedParts = readonly (Promise<StartedIndex> | undefined)[];

import type { PagefindIndex } from "pagefind";

// The types search-index.ts and records-index.ts share (each imports this, not the other).

/**
 * A page that is not a file of the site: its address and its HTML; and for the hub's records of
 * the units' pages, what keeps it in one part of their index with others (records-index.ts
 * recordPart), when not its unit's address.
 */
export type SearchRecord = { url: string; html: string; group?: string };

/** An index Pagefind has started, with the records given to it; or why it could not. */
export type StartedIndex = { index: PagefindIndex; error?: undefined } | { index?: PagefindIndex; error: string };

/**
 * Indexes started beforehand for the parts of a list of records (records-index.ts recordsInParts),
 * by part; undefined for a part none was started for. Each never rejects (startSearchIndex).
 */
export type StartedParts = readonly (Promise<StartedIndex> | undefined)[];

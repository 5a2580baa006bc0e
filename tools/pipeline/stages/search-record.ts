import type { PagefindIndex } from "pagefind";

// The types search-index.ts and records-index.ts share (each imports this, not the other).

/** A page that is not a file of the site: its address and its HTML. */
export type SearchRecord = { url: string; html: string };

/**
 * A record of the hub's index of the units' pages, with the part of that index it is written in
 * (hub-search-records.ts recordsShardOf): `pagefind/units/<shard>/` (records-index.ts).
 */
export type ShardedRecord = SearchRecord & { shard: number };

/** An index Pagefind has started, with the records given to it; or why it could not. */
export type StartedIndex = { index: PagefindIndex; error?: undefined } | { index?: PagefindIndex; error: string };

/** Indexes started for the records of each shard (ShardedRecord), by shard. */
export type StartedShards = ReadonlyMap<number, Promise<StartedIndex | undefined>>;

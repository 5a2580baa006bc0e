/**
 * What the Pagefind process a thread starts is told through its environment: Pagefind's Node API
 * starts its binary with the environment of the thread that first creates an index, and reads a
 * few settings only from there. Imported for its effect by every module that starts Pagefind or
 * names what it writes (search-index.ts, records-index.ts), so each thread sets it before its
 * first index, the indexing thread included.
 */

/** Pagefind's setting (pagefind/src/options.rs), "unstable" by its own name; search-index.test.ts fails if a version drops it. */
export const indexChunkSizeVariable = "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE";

/**
 * How many word locations Pagefind puts in one file of its word index (its default: 20,000). A
 * search fetches, from each index it reads, the file of each of its words and of each word's stem
 * (Pagefind 1.5 and later): "kesehatan" and "sehat" often sit in two files. Smaller files cost a
 * first search fewer bytes in the same number of requests: the hub's first search, its units'
 * records in the demo's words, fetched 87–92 KB of Pagefind's files at 5,000 against 94–107 KB
 * at 20,000, in 18 to 20 requests either way; 2,500 saved 1–4 KB more for nearly twice the files
 * (docs/benchmarks.md, the log of 2026-12-07).
 */
export const indexChunkSize = 5000;

// An operator's own value (measuring another size) stands.
process.env[indexChunkSizeVariable] ??= String(indexChunkSize);

/** The size this thread's Pagefind writes with: part of the name of a kept index (records-index.ts). */
export const effectiveIndexChunkSize = (): string => process.env[indexChunkSizeVariable] ?? String(indexChunkSize);

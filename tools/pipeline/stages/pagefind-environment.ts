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
 * (Pagefind 1.5 and later): "kesehatan" and "sehat" often sit in two files. The hub's search reads
 * its own index and the three parts of its units' records (records-index.ts), so a word costs a
 * file from each: smaller files keep the sum about what one index's were. The hub's first search,
 * its units' records in the demo's words, fetched 87–92 KB of Pagefind's files from one units'
 * index at 5,000; from three parts, 96–109 KB at 5,000, 91–97 at 1,700, 90–95 at 1,250, 90–95 at
 * 850, in 24 to 28 requests (docs/benchmarks.md, the log of 2026-12-08). A unit's own index at
 * 40 × 100 has 132 files at 1,250 against 121 at 5,000.
 */
export const indexChunkSize = 1250;

// An operator's own value (measuring another size) stands.
process.env[indexChunkSizeVariable] ??= String(indexChunkSize);

/** The size this thread's Pagefind writes with: part of the name of a kept index (records-index.ts). */
export const effectiveIndexChunkSize = (): string => process.env[indexChunkSizeVariable] ?? String(indexChunkSize);

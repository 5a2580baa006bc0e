/**
 * Node's flags for a process that builds sites: `npm run build` and `npm start` (package.json
 * spells them the same: a test compares), Nx's build tasks, and the benchmark's builds.
 *
 * V8's young generation may grow to 64 MB a half instead of 16: Eleventy allocates short-lived
 * objects by the gigabyte, and with the default each page's garbage was swept more often than it
 * needed. A 40 × 100 build (`--trace-gc`): 247 scavenges with 1.92 s of pauses → 145 with 1.45 s
 * at 32 MB; five interleaved cold builds each, median 11.66 → 10.80 s (docs/benchmarks.md). At
 * 64 MB (2026-12-06, the build's thread): 40 × 100, 113 scavenges with 0.82 s of pauses → 68 with
 * 0.57 s, six interleaved builds each 7.61 → 7.44 s, peak memory 0.46 → 0.51 GB; 500 × 10, 1.68 →
 * 1.46 s of pauses, 0.58 → 0.69 GB (128 MB: 1.27 s for 0.79 GB). V8 sizes the heap when the
 * process starts, so the flag must be on the command line: `v8.setFlagsFromString` in the
 * launcher changed nothing (measured).
 *
 * One thread for V8's background work instead of Node's four: on a build machine's two cores the
 * build's thread and Pagefind's process already keep both busy, and four more threads of garbage
 * collection and compilation took 30–60 % of a core from them (`top -H`). Interleaved cold
 * builds (2026-12-06): 40 × 100, six pairs, medians 7.79 → 7.14 s, faster in each pair; 500 × 10,
 * seven pairs, faster in five (the first three 14.69 → 13.93 s).
 */
export const buildProcessFlags = ["--max-semi-space-size=64", "--v8-pool-size=1"] as const;

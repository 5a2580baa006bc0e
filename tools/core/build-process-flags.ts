/**
 * Node's flags for a process that builds sites: `npm run build` and `npm start` (package.json
 * spells them the same: a test compares), Nx's build tasks, and the benchmark's builds.
 *
 * V8's young generation may grow to 32 MB a half instead of 16: Eleventy allocates short-lived
 * objects by the gigabyte, and with the default each page's garbage was swept more often than it
 * needed. A 40 × 100 build (`--trace-gc`): 247 scavenges with 1.92 s of pauses → 145 with 1.45 s
 * (64 MB: 107 and 1.29 s, for more memory); five interleaved cold builds each, median 11.66 →
 * 10.80 s (docs/benchmarks.md). V8 sizes the heap when the process starts, so the flag must be
 * on the command line: `v8.setFlagsFromString` in the launcher changed nothing (measured).
 */
export const buildProcessFlags = ["--max-semi-space-size=32"] as const;

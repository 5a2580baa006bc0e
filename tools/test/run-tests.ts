import { readdir } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { finished } from "node:stream/promises";
import { run } from "node:test";
import { spec } from "node:test/reporters";
import { toolsRepoRoot } from "../core/workspace.ts";
import { slowestTests, type FinishedTest } from "./slowest-tests.ts";

/**
 * Runs every `*.test.ts` beside the code in tools/ and themes/ with Node's test runner, a process
 * per file as `node --test` does (Node 20's runner does not expand globs itself), then prints the
 * slowest tests. Arguments filter by path: `npm test -- validate` runs matching files.
 */
const filters = process.argv.slice(2);
const roots = ["tools", "themes"];
const files = (
  await Promise.all(
    roots.map(async (root) =>
      (await readdir(join(toolsRepoRoot, root), { recursive: true })).map((f) => join(root, f)),
    ),
  )
)
  .flat()
  .filter((f) => f.endsWith(".test.ts") && !f.includes("node_modules") && !f.includes("fixtures"))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(" ")}`);
  process.exit(1);
}
console.log(`Running ${files.length} test files: ${files.join(", ")}`);
process.chdir(toolsRepoRoot);
// The test processes inherit this process's environment and its `--import tsx`.
process.env.NODE_ENV = "test";
const slowest = slowestTests(toolsRepoRoot);
const stream = run({
  files: files.map((f) => join(toolsRepoRoot, f)),
  // What `node --test` uses on Node 20: one file fewer than the cores, at least one.
  concurrency: Math.max(1, availableParallelism() - 1),
  // A file that hangs (a wait with no deadline, a server that never answers) fails by name instead
  // of holding CI until its own limit; the slowest file takes about 2 minutes on 2 cores.
  timeout: 15 * 60_000,
});
stream.on("test:pass", (data: FinishedTest) => slowest.record(data));
stream.on("test:fail", (data: FinishedTest) => {
  slowest.record(data);
  process.exitCode = 1;
});
const report = stream.compose(new spec());
report.pipe(process.stdout, { end: false });
await finished(report);
console.log(`\n${slowest.summary()}`);

import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join, relative } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * Runs every `*.test.ts` beside the code in tools/ with Node's test runner. (Node 20's runner does
 * not expand globs itself.) Arguments filter by path: `npm test -- validate` runs matching files.
 */
const filters = process.argv.slice(2);
const files = (await readdir(join(toolsRepoRoot, "tools"), { recursive: true }))
  .filter((f) => f.endsWith(".test.ts") && !f.includes("node_modules") && !f.includes("fixtures"))
  .map((f) => join("tools", f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`No test files match ${filters.join(" ")}`);
  process.exit(1);
}
console.log(`Running ${files.length} test files: ${files.map((f) => relative("tools", f)).join(", ")}`);
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: toolsRepoRoot,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test" },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * Runs every `*.test.ts` beside the code in tools/ and themes/ with Node's test runner. (Node 20's runner does
 * not expand globs itself.) Arguments filter by path: `npm test -- validate` runs matching files.
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
console.log(`Running ${files.length} test files: ${files.map((f) => f).join(", ")}`);
const child = spawn(process.execPath, ["--import", "tsx", "--test", "--test-reporter=spec", ...files], {
  cwd: toolsRepoRoot,
  stdio: "inherit",
  env: { ...process.env, NODE_ENV: "test" },
});
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

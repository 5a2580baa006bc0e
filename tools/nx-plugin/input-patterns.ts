import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** A module's tests never shape what it builds: excluded wherever a folder's modules are one pattern. */
export const testsExcluded = "!{workspaceRoot}/tools/**/*.test.ts";

/**
 * `files` (paths in the repository) as Nx input patterns, no wider than the files: a folder of
 * which every TypeScript module but its tests is among them is one pattern (`tools/content/*.ts`),
 * any other file is itself. Nx keeps each target's inputs in its graph, and merges, writes, reads
 * and matches them for every project in every run: at 500 units, 167 inputs a target took its graph
 * 0.3 s longer than none (docs/benchmarks.md). The plugin reads the folders each time Nx builds its
 * graph, so a module added to a folder that the build does not load makes it a list again.
 */
export function inputPatterns(root: string, files: readonly string[]): string[] {
  const byFolder = new Map<string, string[]>();
  for (const file of files) byFolder.set(dirname(file), [...(byFolder.get(dirname(file)) ?? []), file]);
  const patterns: string[] = [];
  for (const [folder, listed] of byFolder) {
    const modules = readdirSync(join(root, folder)).filter(
      (name) => name.endsWith(".ts") && !name.endsWith(".test.ts"),
    );
    const known = new Set(listed);
    const whole = modules.length > 1 && modules.every((name) => known.has(`${folder}/${name}`));
    if (whole) patterns.push(`{workspaceRoot}/${folder}/*.ts`);
    for (const file of listed) if (!(whole && file.endsWith(".ts"))) patterns.push(`{workspaceRoot}/${file}`);
  }
  return patterns.sort();
}

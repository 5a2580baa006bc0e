import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";

/**
 * Replaces the section of docs/benchmarks.md that starts with `heading` (up to the next `## `),
 * or appends it: each benchmark script rewrites its own figures and leaves the others'.
 */
export async function writeBenchmarkSection(file: string, heading: string, section: string): Promise<void> {
  const previous = existsSync(file) ? await readFile(file, "utf8") : "";
  const at = previous.indexOf(heading);
  const rest = at < 0 ? "" : previous.slice(at + 1);
  const next = rest.indexOf("\n## ");
  const updated =
    at < 0
      ? `${previous.trimEnd()}\n\n${section}`
      : `${previous.slice(0, at)}${section}${next < 0 ? "" : rest.slice(next)}`;
  await writeFile(file, updated);
}

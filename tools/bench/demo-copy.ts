import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * A copy of the built-in demo's content (its sites and portal.json) in a Git repository of its own
 * (npm start's local gateway commits to it), for the benches that run `npm start` on it. `caches`
 * names folders of the checkout's `.cache/` copied along (e.g. "img": the photos already encoded,
 * as a developer's machine has them); none, and the copy starts as a fresh clone does.
 */
export async function demoCopy(name: string, caches: readonly string[] = []): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), `portal-${name}-`));
  await cp(join(toolsRepoRoot, "sites"), join(root, "sites"), { recursive: true });
  await cp(join(toolsRepoRoot, "portal.json"), join(root, "portal.json"));
  for (const cache of caches)
    if (existsSync(join(toolsRepoRoot, ".cache", cache)))
      await cp(join(toolsRepoRoot, ".cache", cache), join(root, ".cache", cache), { recursive: true });
  await writeFile(join(root, ".gitignore"), "dist\n.cache\n");
  for (const args of [
    ["init", "-q", "-b", "main"],
    ["add", "-A"],
    ["commit", "-qm", "demo"],
  ]) {
    const r = spawnSync("git", ["-c", "user.name=Bench", "-c", "user.email=bench@example.org", ...args], {
      cwd: root,
      encoding: "utf8",
    });
    if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  }
  return root;
}

/** The nearest-rank percentile of `xs`. */
export function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

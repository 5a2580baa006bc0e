import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * The sites a change touches, from Nx's graph (`nx show projects --affected`): a unit's own
 * folder affects it and the hub; the theme, the schemas or the tools affect every site. Without
 * a usable base (a first push, a force push: all zeros or unknown to Git), every site.
 * Throws with Nx's message when Nx cannot tell.
 */
export function affectedSites(root: string, base: string | undefined): string[] {
  const usable =
    base !== undefined &&
    !/^0+$/.test(base) &&
    spawnSync("git", ["cat-file", "-e", `${base}^{commit}`], { cwd: root }).status === 0;
  const args = usable
    ? ["show", "projects", "--affected", `--base=${base}`, "--head=HEAD", "--json"]
    : ["show", "projects", "--json"];
  const result = spawnSync(join(toolsRepoRoot, "node_modules", ".bin", "nx"), args, {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, NX_DAEMON: "false" },
  });
  if (result.status !== 0) throw new Error(`nx ${args.join(" ")} failed:\n${result.stderr.trim()}`);
  return (JSON.parse(result.stdout) as string[]).sort();
}

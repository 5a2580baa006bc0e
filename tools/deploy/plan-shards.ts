import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * The deploy workflow's matrix: the affected sites (`nx show projects --affected`) in shards of at
 * most `size`, so a change to the theme (every site) deploys in parallel jobs and a one-unit
 * change in one. Printed as `shards=<json>` for $GITHUB_OUTPUT.
 *
 *   node --import tsx tools/deploy/plan-shards.ts --base <sha> [--size 10] [--all]
 */
export function shardsOf(sites: readonly string[], size: number): { shard: number; sites: string }[] {
  const sorted = [...sites].sort();
  const count = Math.ceil(sorted.length / size);
  // Round-robin, so shards are even (45 sites in 5 shards of 9, not 10+10+10+10+5).
  return Array.from({ length: count }, (_, i) => ({ shard: i + 1, sites: sorted.filter((_, j) => j % count === i).join(" ") }));
}

function affected(base: string | undefined, all: boolean): string[] {
  const nx = join(toolsRepoRoot, "node_modules", ".bin", "nx");
  // A first push or a force push has no usable base: deploy everything.
  const usable = base && !/^0+$/.test(base) && spawnSync("git", ["cat-file", "-e", `${base}^{commit}`]).status === 0;
  const args = all || !usable ? ["show", "projects", "--json"] : ["show", "projects", "--affected", `--base=${base}`, "--head=HEAD", "--json"];
  const result = spawnSync(nx, args, { encoding: "utf8", env: { ...process.env, NX_DAEMON: "false" } });
  if (result.status !== 0) throw new Error(`nx ${args.join(" ")} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as string[];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { base: { type: "string" }, size: { type: "string", default: "10" }, all: { type: "boolean", default: false } } });
  const sites = affected(values.base, values.all);
  console.log(`shards=${JSON.stringify(shardsOf(sites, Number(values.size)))}`);
  console.log(`sites=${sites.sort().join(" ")}`);
  // Nx's --projects takes one comma-separated value.
  console.log(`projects=${sites.join(",")}`);
}

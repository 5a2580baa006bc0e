import { parseArgs } from "node:util";
import { affectedSites } from "./affected.ts";

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
  return Array.from({ length: count }, (_, i) => ({
    shard: i + 1,
    sites: sorted.filter((_, j) => j % count === i).join(" "),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      size: { type: "string", default: "10" },
      all: { type: "boolean", default: false },
    },
  });
  const sites = affectedSites(process.cwd(), values.all ? undefined : values.base);
  console.log(`shards=${JSON.stringify(shardsOf(sites, Number(values.size)))}`);
  console.log(`sites=${sites.join(" ")}`);
  // Nx's --projects takes one comma-separated value.
  console.log(`projects=${sites.join(",")}`);
}

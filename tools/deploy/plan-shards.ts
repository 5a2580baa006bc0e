import { parseArgs } from "node:util";
import { hubSlug } from "../core/hub-slug.ts";
import { affectedSites } from "./affected.ts";

/**
 * The deploy workflow's two matrices, from the affected sites (`nx show projects --affected`):
 *
 * - `shards`: the sites in deploy jobs of at most `size`, so a change to the theme (every site)
 *   deploys in parallel jobs and a one-unit change in one;
 * - `unit_jobs`: with `--units-per-job` (given when the workflow has a remote cache, deploy.yml),
 *   the affected units in build jobs when there are more than one job's worth, each built by
 *   `nx run-many` on a runner of its own and stored in Nx's remote cache, from which the hub's
 *   job takes their manifests and each deploy job its shard's sites. Otherwise `[]`, and one job
 *   builds everything, as it does without one.
 *
 * Printed as `name=<value>` lines for $GITHUB_OUTPUT.
 *
 *   node --import tsx tools/deploy/plan-shards.ts --base <sha> [--size 10] [--all] [--units-per-job 150]
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

/**
 * More build jobs than this stop paying: the hub's job waits for the slowest unit job, and each job
 * pays its own start (`npm run bench -- --scale national`, the units' jobs storing in a remote
 * cache: 2.15× faster with 8 jobs than with one, 1.65× with 4, none with 2; docs/benchmarks.md).
 */
export const maxUnitJobs = 8;

/** The units' build jobs: none when one job's worth or fewer, else even jobs, at most `maxUnitJobs`. */
export function unitJobsOf(
  sites: readonly string[],
  hub: string,
  perJob: number,
): { job: number; units: string; projects: string }[] {
  const units = sites.filter((site) => site !== hub);
  if (units.length <= perJob) return [];
  const jobs = Math.min(maxUnitJobs, Math.ceil(units.length / perJob));
  return shardsOf(units, Math.ceil(units.length / jobs)).map(({ shard, sites: list }) => ({
    job: shard,
    units: list,
    // Nx's --projects takes one comma-separated value.
    projects: list.replaceAll(" ", ","),
  }));
}

/**
 * The deploy jobs' shards, each with its units (the hub left out) as Nx's --projects (as the units'
 * jobs name theirs, `unitJobsOf`): after the
 * units' build jobs, a deploy job takes its units' sites from the remote cache itself, so the job
 * that builds the hub does not fetch every unit's site only to hand them on.
 */
export function deployShardsOf(
  sites: readonly string[],
  hub: string,
  size: number,
): { shard: number; sites: string; projects: string }[] {
  return shardsOf(sites, size).map((shard) => ({
    ...shard,
    projects: shard.sites
      .split(" ")
      .filter((site) => site !== hub)
      .join(","),
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      size: { type: "string", default: "10" },
      all: { type: "boolean", default: false },
      "units-per-job": { type: "string" },
    },
  });
  const perJob = values["units-per-job"] === undefined ? undefined : Number(values["units-per-job"]);
  if (perJob !== undefined && !(Number.isInteger(perJob) && perJob >= 1)) {
    console.error(`--units-per-job ${values["units-per-job"]}: expected a whole number of at least 1`);
    process.exit(2);
  }
  const sites = affectedSites(process.cwd(), values.all ? undefined : values.base);
  const hub = hubSlug(process.cwd());
  console.log(`shards=${JSON.stringify(deployShardsOf(sites, hub, Number(values.size)))}`);
  console.log(`sites=${sites.join(" ")}`);
  console.log(`projects=${sites.join(",")}`);
  console.log(`hub=${hub}`);
  console.log(`unit_jobs=${JSON.stringify(perJob === undefined ? [] : unitJobsOf(sites, hub, perJob))}`);
}

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readdir, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { manifestCopyDir } from "../published/manifest-format.ts";
import { hubFactsSuffix } from "../published/hub-facts.ts";

/**
 * Issue 27, past one machine: the build of every site split into GitHub Actions matrix jobs,
 * simulated here by running each job's real command in a fresh clone of its own, one after the
 * other, and taking the critical path (the slowest unit job, then the hub's job, which reads the
 * manifests the unit jobs pass on as artifacts). Cold: no Nx cache, as after a change to the
 * theme, when every site is rebuilt; the other caches the workflow restores (`restore`: the
 * encoded images, the CMS's bundle) are there, as they would be. A runner's own start (checkout,
 * npm ci, cache restore) is not timed: GitHub's, not this machine's, and the same for every job.
 */
export interface ShardRun {
  shards: number;
  /** Seconds of each unit job's build, in the order of the shards. */
  jobs: number[];
  hub: number;
  /** The slowest unit job, then the hub's: how long the build takes with this many runners. */
  critical: number;
}

export interface ShardSimulation {
  /** A Git repository of the whole portal, with node_modules beside it to link. */
  repository: string;
  nodeModules: string;
  units: readonly string[];
  hub: string;
  shards: number;
  /** Where the clones go (removed after). */
  scratch: string;
  /** Paths of `repository` copied into each clone before its job, as actions/cache restores them. */
  restore: readonly string[];
}

export async function simulateShards(o: ShardSimulation): Promise<ShardRun> {
  const groups = Array.from({ length: o.shards }, (_, i) => o.units.filter((_, n) => n % o.shards === i));
  const manifests = join(o.scratch, "manifests");
  await mkdir(manifests, { recursive: true });
  const jobs: number[] = [];
  for (const [i, group] of groups.entries()) {
    const clone = await freshClone(o, `shard-${i}`);
    jobs.push(timedNx(clone, ["run-many", "-t", "build", `--projects=${group.join(",")}`]));
    // The job's artifact for the hub's job: what its units' builds kept for the hub.
    await cp(join(clone, "dist", manifestCopyDir), manifests, { recursive: true });
    await rm(clone, { recursive: true, force: true });
  }
  const clone = await freshClone(o, "hub");
  await cp(manifests, join(clone, "dist", manifestCopyDir), { recursive: true });
  // Each unit's job kept two files for the hub: its manifest's copy and what the hub reads of it.
  const got = (await readdir(join(clone, "dist", manifestCopyDir))).filter((f) => f.endsWith(hubFactsSuffix)).length;
  if (got !== o.units.length) throw new Error(`the hub's job got the facts of ${got} of ${o.units.length} units`);
  const hub = timedNx(clone, ["run", `${o.hub}:build`, "--exclude-task-dependencies"]);
  await rm(clone, { recursive: true, force: true });
  await rm(manifests, { recursive: true, force: true });
  return { shards: o.shards, jobs, hub, critical: Math.max(...jobs) + hub };
}

async function freshClone(o: ShardSimulation, name: string): Promise<string> {
  const clone = join(o.scratch, name);
  await rm(clone, { recursive: true, force: true });
  const cloned = spawnSync("git", ["clone", "-q", o.repository, clone], { encoding: "utf8" });
  if (cloned.status !== 0) throw new Error(`git clone failed: ${cloned.stderr}`);
  await symlink(o.nodeModules, join(clone, "node_modules"));
  for (const path of o.restore)
    if (existsSync(join(o.repository, path)))
      await cp(join(o.repository, path), join(clone, path), { recursive: true });
  return clone;
}

/** Seconds `nx <args>` took in `cwd`, as CI runs it (no daemon); throws with Nx's output if it failed. */
function timedNx(cwd: string, args: string[]): number {
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    [join(cwd, "node_modules/nx/dist/bin/nx.js"), ...args, "--outputStyle=static"],
    {
      cwd,
      encoding: "utf8",
      env: { ...process.env, CI: "true", NX_DAEMON: "false", FORCE_COLOR: "0" },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`nx ${args.join(" ")} failed in ${cwd}:\n${run.stdout}\n${run.stderr}`);
  return seconds;
}

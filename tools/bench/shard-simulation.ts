import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { startNxRemoteCache } from "../test/nx-remote-cache.ts";

/**
 * Issue 27, past one machine: the build of every site split into GitHub Actions matrix jobs as
 * deploy.yml splits it, simulated here by running each job's real command in a fresh clone of its
 * own, one after the other, and taking the critical path: the slowest unit job, then the hub's
 * job (deploy.yml's `hub`: the units' manifests from Nx's remote cache, here a server of its
 * protocol on loopback, and the hub built); then each deploy job takes its shard's sites from that
 * cache, which is timed for one shard of ten. One job is the build job alone, which builds every
 * site itself. Cold: no Nx cache, as after a change to the theme, when every site is rebuilt; the
 * other caches the workflow restores (`restore`: the encoded images, the CMS's bundle) are there,
 * as they would be. A runner's own start (checkout, npm ci, cache restore) is not timed: GitHub's,
 * not this machine's, and the same for every job.
 */
export interface ShardRun {
  shards: number;
  /** Seconds of each unit job's build, in the order of the shards. */
  jobs: number[];
  /** The hub's job: the units' manifests from the remote cache, and the hub built (0 with one job, which builds all). */
  hub: number;
  /** A deploy job's fetch of its ten units' sites from the remote cache (none with one job: the artifact holds them). */
  deployShard?: number;
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
  // One job is deploy.yml's build job alone: every site, with no remote cache.
  if (o.shards === 1) {
    const clone = await freshClone(o, "one-job");
    const seconds = await timedNx(
      clone,
      ["run-many", "-t", "build", `--projects=${[...o.units, o.hub].join(",")}`],
      {},
    );
    await rm(clone, { recursive: true, force: true });
    return { shards: 1, jobs: [seconds], hub: 0, critical: seconds };
  }
  const token = "bench-0123456789abcdef0123456789abcdef";
  const cache = await startNxRemoteCache({ write: token, read: `${token}-read` });
  const env = { NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url, NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token };
  try {
    const jobs: number[] = [];
    for (const [i, group] of groups.entries()) {
      const clone = await freshClone(o, `shard-${i}`);
      jobs.push(await timedNx(clone, ["run-many", "-t", "build", `--projects=${group.join(",")}`], env));
      await rm(clone, { recursive: true, force: true });
    }
    // Each unit's job stored two entries a unit: its site, and what the hub reads of it.
    if (cache.stored.length !== 2 * o.units.length)
      throw new Error(`the unit jobs stored ${cache.stored.length} entries for ${o.units.length} units, not two each`);
    const gathering = await freshClone(o, "gather");
    const hub = await timedNx(gathering, ["run", `${o.hub}:build`], env);
    await rm(gathering, { recursive: true, force: true });
    // A deploy job of ten sites takes them from the remote cache before it deploys them.
    const deploying = await freshClone(o, "deploy");
    const deployShard = await timedNx(
      deploying,
      ["run-many", "-t", "build", `--projects=${o.units.slice(0, 10).join(",")}`],
      env,
    );
    await rm(deploying, { recursive: true, force: true });
    return { shards: o.shards, jobs, hub, deployShard, critical: Math.max(...jobs) + hub };
  } finally {
    await cache.stop();
  }
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

/**
 * Seconds `nx <args>` took in `cwd`, as CI runs it (no daemon); throws with Nx's output if it
 * failed. Not spawnSync: the remote cache answers from this process.
 */
async function timedNx(cwd: string, args: string[], env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(cwd, "node_modules/nx/dist/bin/nx.js"), ...args, "--outputStyle=static"],
    {
      cwd,
      env: { ...process.env, CI: "true", NX_DAEMON: "false", FORCE_COLOR: "0", ...env },
    },
  );
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) throw new Error(`nx ${args.join(" ")} failed in ${cwd}:\n${output}`);
  return seconds;
}

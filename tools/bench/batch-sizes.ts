// How the size of the units' batches (build-sites.ts, `batchContentFiles`) weighs on a full build:
// wall time and peak memory, medians of the runs, sizes interleaved so that the machine's drift
// touches all alike. `0` is one run for every unit (no batches, no indexing thread).
//   node --import tsx tools/bench/batch-sizes.ts [--sites 500] [--posts 10] [--sizes 500,1000,2000,0] [--runs 3]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { workspaceAt } from "../core/workspace.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { writeSyntheticWorkspace } from "./synthetic-regency.ts";

const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "500" },
    posts: { type: "string", default: "10" },
    sizes: { type: "string", default: "500,1000,2000,0" },
    runs: { type: "string", default: "3" },
    // Internal: one build of the workspace at `--child` with batches of `--size`.
    child: { type: "string" },
    size: { type: "string" },
  },
});

if (values.child) {
  const ws = workspaceAt(values.child);
  await rm(ws.distDir, { recursive: true, force: true });
  const size = Number(values.size);
  const report = await buildSites(ws, undefined, { batchContentFiles: size > 0 ? size : Number.POSITIVE_INFINITY });
  const failed = report.fatal.length + report.results.filter((r) => !r.ok).length;
  if (failed) throw new Error(`${failed} sites failed: ${JSON.stringify(report).slice(0, 2000)}`);
  process.exit(0);
}

const [sites, posts, runs] = [Number(values.sites), Number(values.posts), Number(values.runs)];
const sizes = values.sizes!.split(",").map(Number);
if (![sites, posts, runs, ...sizes].every((n) => Number.isInteger(n) && n >= 0) || sites < 2 || runs < 1) {
  console.error(
    "--sites (2 or more), --posts, --runs (1 or more) and --sizes (comma-separated, 0 = one run) are whole numbers",
  );
  process.exit(2);
}
if (!existsSync("/usr/bin/time")) {
  console.error("batch-sizes measures each build's peak memory with GNU time: install it (apt-get install time)");
  process.exit(2);
}
const root = await mkdtemp(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "portal-batches-"));
try {
  await writeSyntheticWorkspace(root, { sites, posts });
  const once = (size: number) => {
    const timing = join(root, ".time");
    const result = spawnSync(
      "/usr/bin/time",
      [
        "-f",
        "%e %M",
        "-o",
        timing,
        process.execPath,
        "--import",
        "tsx",
        import.meta.filename,
        "--child",
        root,
        "--size",
        String(size),
      ],
      { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] },
    );
    if (result.status !== 0) throw new Error(`batches of ${size}: exit ${result.status}\n${result.stderr}`);
    return readFile(timing, "utf8").then((t) => t.trim().split(" ").map(Number) as [number, number]);
  };
  // The images encoded once, before any measured run.
  await once(0);
  const samples = new Map(sizes.map((s) => [s, [] as [number, number][]]));
  for (let run = 0; run < runs; run++)
    for (const size of sizes) {
      samples.get(size)!.push(await once(size));
      console.log(`  batches of ${size || "everything"}: ${samples.get(size)!.at(-1)![0].toFixed(2)} s`);
    }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
  console.log(`\n${sites} sites × ${posts} posts, medians of ${runs} (lower median when even):\n`);
  console.log("| content files a batch | full build (s) | runs (s) | peak RSS (MB) |\n| ---: | ---: | --- | ---: |");
  for (const [size, list] of samples)
    console.log(
      `| ${size || "all (one run)"} | ${median(list.map((s) => s[0])).toFixed(2)} | ${list.map((s) => s[0].toFixed(2)).join(", ")} | ${Math.round(Math.max(...list.map((s) => s[1])) / 1024)} |`,
    );
} finally {
  await rm(root, { recursive: true, force: true });
}

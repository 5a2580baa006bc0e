import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot } from "../core/workspace.ts";
import { writeBenchmarkSection } from "./benchmarks-section.ts";

/**
 * What warm image processing adds to a full build (issue 27: under 5%): `portal build` of the
 * built-in demo with its image cache warm, under V8's CPU profiler, `--runs` times. A sample is
 * image work when any frame of its stack is eleventy-img, sharp, posthtml or our image code (the
 * transform, the share, icon and thumbnail images); the share is of the build thread's busy
 * samples (idle and V8's "(program)" left out; garbage collection, which the profile cannot pin
 * on anyone, stays in the whole). Loading those modules counts as image work too. Replaces the
 * "## Warm images" section of docs/benchmarks.md.
 *
 *   node --import tsx tools/bench/image-share.ts [--runs 3]
 */
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    out: { type: "string", default: join(toolsRepoRoot, "docs", "benchmarks.md") },
  },
});
const runs = Number(values.runs);

/** Where a frame's code lives, for each part that is image work. */
const imageCode = [
  "/@11ty/eleventy-img/",
  "/sharp/",
  "/posthtml",
  "/tools/generator/image-transform.ts",
  "/tools/generator/share-image.ts",
  "/tools/generator/image-options.ts",
  "/tools/generator/used-images.ts",
];

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

/** Milliseconds the thread was busy, and of those, in image work. */
export function imageShare(profile: CpuProfile): { busyMs: number; imageMs: number } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const isImage = new Map<number, boolean>();
  const image = (id: number): boolean => {
    const known = isImage.get(id);
    if (known !== undefined) return known;
    const url = byId.get(id)!.callFrame.url;
    const up = parent.get(id);
    const result = imageCode.some((part) => url.includes(part)) || (up !== undefined && image(up));
    isImage.set(id, result);
    return result;
  };
  let busy = 0;
  let inImages = 0;
  profile.samples.forEach((id, i) => {
    const name = byId.get(id)!.callFrame.functionName;
    if (name === "(idle)" || name === "(program)") return;
    const t = profile.timeDeltas[i] ?? 0;
    busy += t;
    if (image(id)) inImages += t;
  });
  return { busyMs: busy / 1000, imageMs: inImages / 1000 };
}

const build = (dist: string, profileDir?: string) =>
  spawnSync(
    process.execPath,
    [
      ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
      "--import",
      "tsx",
      join(toolsRepoRoot, "tools/cli/portal.ts"),
      "build",
      "--dist",
      dist,
    ],
    { cwd: toolsRepoRoot, encoding: "utf8", env: { ...process.env, FORCE_COLOR: "0" } },
  );

if (import.meta.url === `file://${process.argv[1]}`) {
  const scratch = await mkdtemp(join(tmpdir(), "image-share-"));
  try {
    const dist = join(scratch, "dist");
    // The cache warm: every photo encoded once before the measured runs.
    const first = build(dist);
    if (first.status !== 0) throw new Error(`portal build failed:\n${first.stdout}${first.stderr}`);
    const shares: { busyMs: number; imageMs: number }[] = [];
    for (let i = 0; i < runs; i++) {
      const dir = join(scratch, `profile-${i}`);
      const run = build(dist, dir);
      if (run.status !== 0) throw new Error(`portal build failed:\n${run.stdout}${run.stderr}`);
      // The main thread's profile; the indexing thread (large builds only) writes a second file.
      const main = (await readdir(dir)).filter((f) => f.endsWith(".cpuprofile")).sort()[0]!;
      shares.push(imageShare(JSON.parse(await readFile(join(dir, main), "utf8")) as CpuProfile));
      const s = shares.at(-1)!;
      console.log(`run ${i + 1}: ${s.imageMs.toFixed(0)} of ${s.busyMs.toFixed(0)} ms busy in image work`);
    }
    const pct = (s: { busyMs: number; imageMs: number }) => (100 * s.imageMs) / s.busyMs;
    const sorted = [...shares].sort((a, b) => pct(a) - pct(b));
    const median = sorted[Math.floor(sorted.length / 2)]!;
    const heading = "## Warm images";
    const section = `${heading} (${new Date().toISOString().slice(0, 10)})

Written by \`node --import tsx tools/bench/image-share.ts --runs ${runs}\` (also run by \`npm run bench\`):
\`portal build\` of the built-in demo with its image cache warm, under V8's CPU profiler. Image work is
every sample with eleventy-img, sharp, posthtml or our image code (the transform, share, icon and
thumbnail images) on its stack, module loading included; the share is of the build thread's busy
samples. Machine: ${cpus().length} cores, Node ${process.version}.

| run | busy (ms) | image work (ms) | share |
| ---: | ---: | ---: | ---: |
${shares.map((s, i) => `| ${i + 1} | ${s.busyMs.toFixed(0)} | ${s.imageMs.toFixed(0)} | ${pct(s).toFixed(1)}% |`).join("\n")}

Median share: **${pct(median).toFixed(1)}%** (issue 27's target: under 5%).
`;
    await writeBenchmarkSection(values.out!, heading, section);
    console.log(`median ${pct(median).toFixed(1)}%; written to ${values.out}`);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

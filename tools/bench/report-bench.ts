import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot } from "../core/workspace.ts";
import { writeBenchmarkSection } from "./benchmarks-section.ts";

/**
 * `npm run report` on the built-in demo, as an operator runs it: the whole command (Node and tsx
 * starting, Git history, every unit's content, the completeness rules, and, with the demo built
 * in dist/, the link check and page weights). Target: under 5 s. Replaces the "## Report" section
 * of docs/benchmarks.md.
 *
 *   node --import tsx tools/bench/report-bench.ts [--runs 5]
 */
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    out: { type: "string", default: join(toolsRepoRoot, "docs", "benchmarks.md") },
  },
});
const runs = Number(values.runs);
const built = existsSync(join(toolsRepoRoot, "dist", "portal", "manifest.json"));
const scratch = await mkdtemp(join(tmpdir(), "portal-report-bench-"));
const timing = join(scratch, "time");
const cli = [process.execPath, join(toolsRepoRoot, "tools/cli/portal.mjs"), "report", "--json"];

const samples: { seconds: number; rssMb: number }[] = [];
let units = 0;
for (let i = 0; i < runs; i++) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timing, ...cli], {
    cwd: toolsRepoRoot,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`npm run report failed (${r.status}): ${r.stderr}`);
  units = (JSON.parse(r.stdout) as { units: unknown[] }).units.length;
  const [seconds, kb] = readFileSync(timing, "utf8").trim().split(/\s+/).map(Number) as [number, number];
  samples.push({ seconds, rssMb: Math.round(kb / 1024) });
}
await rm(scratch, { recursive: true, force: true });
const sorted = samples.map((s) => s.seconds).sort((a, b) => a - b);
const median = sorted[Math.floor(sorted.length / 2)]!;
const section = `## Report: \`npm run report\` on the built-in demo (${new Date().toISOString().slice(0, 10)})

Machine: ${cpus().length} cores, Node ${process.version}. ${units} units, ${built ? "the demo built in dist/ (links and page weights checked)" : "nothing built (links and page weights not checked)"}.
Measured with \`/usr/bin/time\` around \`node tools/cli/portal.mjs report --json\`, ${runs} runs:
median **${median.toFixed(2)} s** (runs ${samples.map((s) => s.seconds.toFixed(2)).join(", ")} s; target under 5 s),
peak RSS ${Math.max(...samples.map((s) => s.rssMb))} MB.

\`\`\`sh
npm run build && node --import tsx tools/bench/report-bench.ts --runs 5
\`\`\`
`;
await writeBenchmarkSection(values.out!, "## Report", section);
console.log(section);
if (median >= 5) {
  console.error(`npm run report took ${median.toFixed(2)} s on the demo, over its 5 s target.`);
  process.exitCode = 1;
}

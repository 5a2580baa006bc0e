import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readRegistry } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { installAdvice, shortfall } from "../test/system-packages.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { deploySites } from "../deploy/deploy.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { parseTarget } from "../deploy/target.ts";
import { productionBase } from "../published/site-origin.ts";
import { brotliModule, get, startNginx } from "../test/nginx.ts";

/**
 * Serving and deploying the built demo (`dist/`, from `npm run build`): how long `deploy --all`
 * takes the first time and with nothing changed, and what a real nginx with the generated
 * configuration serves under wrk on this machine (wrk and nginx share its cores, so the figures
 * are a floor). Replaces the "## Serving" section of docs/benchmarks.md.
 *
 *   node --import tsx tools/bench/serve-bench.ts [--runs 3] [--seconds 10] [--connections 50]
 */
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    seconds: { type: "string", default: "10" },
    connections: { type: "string", default: "50" },
    out: { type: "string", default: join(toolsRepoRoot, "docs", "benchmarks.md") },
  },
});
const ws = workspaceAt(toolsRepoRoot);
if (!existsSync(join(ws.distDir, "dinkes", "index.html"))) throw new Error("Build the demo first: npm run build");
const advice = installAdvice(shortfall("bench"), process.getuid?.() === 0);
if (advice !== undefined) throw new Error(advice);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runs = Number(values.runs);

const { portal } = await readPortal(ws);
const sites = (await readRegistry(ws)).filter((s) => existsSync(join(ws.distDir, s.slug, "index.html")));
const target = await mkdtemp(join(tmpdir(), "portal-bench-srv-"));
const staging = await mkdtemp(join(tmpdir(), "portal-bench-stage-"));
const deployOnce = async () => {
  const t = performance.now();
  const results = await deploySites({
    distDir: ws.distDir,
    stagingDir: staging,
    target: parseTarget(target),
    sites: sites.map((s) => s.slug),
    keep: 3,
    shareFrom: portal!.hub,
  });
  if (results.some((r) => !r.ok))
    throw new Error(
      results
        .filter((r) => !r.ok)
        .map((r) => `${r.site}: ${r.error}`)
        .join("\n"),
    );
  return (performance.now() - t) / 1000;
};
// The first deploy compresses every text file (cached by content afterwards) and sends all.
const cold = await deployOnce();
const warm: number[] = [];
for (let i = 0; i < runs; i++) warm.push(await deployOnce());
const du = (path: string) => spawnSync("du", ["-sm", path], { encoding: "utf8" }).stdout.split("\t")[0];

const nginx = await startNginx((port) =>
  nginxConfig({
    portal: portal!,
    sites,
    root: target,
    base: productionBase(portal!),
    listen: `127.0.0.1:${port}`,
    brotli: existsSync(brotliModule),
  }),
);
const apex = portal!.domain;
const cases = [
  { label: "Unit home page (HTML", host: `dinkes.${apex}`, path: "/", encoding: "br, gzip" },
  { label: "Hub home page (HTML", host: apex, path: "/", encoding: "br, gzip" },
  {
    label: "Theme stylesheet (fingerprinted",
    host: `dinkes.${apex}`,
    path: "/assets/style.css?v=x",
    encoding: "br, gzip",
  },
  { label: "Unknown host (404", host: `tidak-ada.${apex}`, path: "/", encoding: "gzip" },
];
const rows: string[] = [];
for (const c of cases) {
  // What nginx actually sends for the request (Debian 12's brotli module falls back to gzip under
  // disable_symlinks: nginx-config.ts), so the label says what was measured.
  const sent = (await get(nginx.port, c.host, c.path, { "accept-encoding": c.encoding })).headers["content-encoding"];
  c.label = `${c.label}, ${sent === "br" ? "brotli" : (sent ?? "uncompressed")})`;
  const rps: number[] = [];
  const p99: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(
      "wrk",
      [
        "-t2",
        `-c${values.connections}`,
        `-d${values.seconds}s`,
        "--latency",
        "-H",
        `Host: ${c.host}`,
        "-H",
        `Accept-Encoding: ${c.encoding}`,
        `http://127.0.0.1:${nginx.port}${c.path}`,
      ],
      { encoding: "utf8" },
    ).stdout;
    rps.push(Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN));
    const latency = /99%\s+([\d.]+)(us|ms|s)/.exec(out);
    p99.push(latency ? Number(latency[1]) * (latency[2] === "us" ? 0.001 : latency[2] === "s" ? 1000 : 1) : NaN);
  }
  rows.push(
    `| ${c.label} | ${Math.round(median(rps)).toLocaleString("en")} | ${rps.map((r) => Math.round(r)).join(", ")} | ${median(p99).toFixed(2)} |`,
  );
  console.log(rows.at(-1));
}
await nginx.stop();

const section = `## Serving: the built-in demo behind nginx (${new Date().toISOString().slice(0, 10)})

Written by \`node --import tsx tools/bench/serve-bench.ts\` (also run by \`npm run bench\`) after
\`npm run build\`: ${sites.length} sites deployed with \`deploy\` to a local folder, served by Debian's nginx with
the configuration from \`nginx-config\` (brotli ${existsSync(brotliModule) ? "on" : "off"}), loaded with wrk
(2 threads, ${values.connections} connections, ${values.seconds} s, median of ${runs} runs) from the same
${cpus().length}-core machine, so wrk takes part of the CPU nginx would have.

| deploy of all ${sites.length} sites | seconds |
| --- | ---: |
| First deploy (compress every text file, send everything) | ${cold.toFixed(1)} |
| Again, nothing changed (median of ${runs}: ${warm.map((w) => w.toFixed(1)).join(", ")}) | ${median(warm).toFixed(1)} |

On the target after these deploys: ${du(target)} MB. A deploy with nothing changed adds no release;
in a new release, unchanged files and the CMS's bundle (shared with the hub's) are hard links.

| request | requests/s (median) | runs | p99 latency (ms) |
| --- | ---: | --- | ---: |
${rows.join("\n")}
`;
await rm(target, { recursive: true, force: true });
await rm(staging, { recursive: true, force: true });
const previous = existsSync(values.out!) ? await readFile(values.out!, "utf8") : "";
const start = previous.indexOf("## Serving");
const next = start >= 0 ? previous.indexOf("\n## ", start + 1) : -1;
const updated =
  start < 0
    ? `${previous.trimEnd()}\n\n${section}`
    : `${previous.slice(0, start)}${section}${next >= 0 ? previous.slice(next) : ""}`;
await writeFile(values.out!, updated);
console.log(`Written to ${values.out}`);

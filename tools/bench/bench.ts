import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdir, mkdtemp, readFile, readdir, rm, stat, symlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { batchContentFiles } from "../pipeline/build-sites.ts";
import { runDeployPlan, workflowCachePaths, workflowStepCommand } from "../nx-plugin/workflow-cache-paths.ts";
import { writeBenchmarkSection } from "./benchmarks-section.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { type Daemon, startDaemon } from "../test/daemon.ts";
import { type FirstSearch, firstSearch, firstSearchHeader, firstSearchRow } from "./first-search.ts";
import { serveOverHttps } from "./https-sites.ts";
import { demoWordsRecords } from "./demo-words-records.ts";
import { siteUrls } from "../published/permalinks.ts";
import { placeRecordsIndex } from "../pipeline/stages/records-index.ts";
import { closeSearchProcess, startSearchIndex } from "../pipeline/stages/search-index.ts";
import { hubSearchRecordLimit } from "../pipeline/stages/hub-search-records.ts";
import { judgeRatios, readRatioGuard } from "./ratio-guard.ts";
import { type ShardRun, simulateShards } from "./shard-simulation.ts";
import { writeSyntheticWorkspace } from "./synthetic-regency.ts";
import { buildProcessFlags } from "../core/build-process-flags.ts";

/**
 * `npm run bench [-- --scale regency|national] [--sites 40 --posts 100 --runs 3]`: builds a
 * synthetic regency several ways and writes the medians to docs/benchmarks.md, in a section of
 * its own per size. Without `--scale` it then measures the demo (serving, report, the editor's
 * day, the gateway); with it, only the synthetic regency. Runs on tmpfs (/dev/shm) when there is
 * one, because measured here: writing right after deleting output on ext4 inflated build times a lot.
 */
const scales = {
  /** Paser's size, with a long history: 40 units × 100 news items. */
  regency: { sites: 40, posts: 100 },
  /** Every regency of a country on one platform, or a large province: 500 units × 10 news items. */
  national: { sites: 500, posts: 10 },
} as const;
const { values } = parseArgs({
  options: {
    scale: { type: "string" },
    sites: { type: "string" },
    posts: { type: "string" },
    runs: { type: "string", default: "3" },
    out: { type: "string", default: join(toolsRepoRoot, "docs/benchmarks.md") },
    /**
     * The pull request's guard: only the cold builds (floor, same theme, portal) at 20 × 20,
     * their ratios judged against tools/bench/ratio-guard.json; exits 1 when one is over its limit.
     */
    quick: { type: "boolean", default: false },
    /** With --quick: write the measured ratios to the guard file as the new recorded values. */
    calibrate: { type: "boolean", default: false },
    /** How many matrix jobs of units to simulate a full rebuild with (shard-simulation.ts). */
    shards: { type: "string", default: "1,2,4,8" },
    /** Skip the serving figures (tools/bench/serve-bench.ts: builds the demo, nginx, wrk). */
    "no-serve": { type: "boolean", default: false },
  },
});
if (values.scale !== undefined && !(values.scale in scales)) {
  console.error(`--scale ${values.scale}: expected one of ${Object.keys(scales).join(", ")}`);
  process.exit(2);
}
const preset = values.quick ? { sites: 20, posts: 20 } : scales[(values.scale ?? "regency") as keyof typeof scales];
const sites = Number(values.sites ?? preset.sites);
const posts = Number(values.posts ?? preset.posts);
const runs = Number(values.runs);
for (const [name, n] of [
  ["--sites", sites],
  ["--posts", posts],
  ["--runs", runs],
] as const)
  if (!Number.isInteger(n) || n < 1) {
    console.error(`${name}: expected a whole number of at least 1`);
    process.exit(2);
  }

const shardCounts = values.shards!.split(",").map(Number);
if (shardCounts.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error("--shards: expected whole numbers of at least 1, separated by commas (1,2,4,8)");
  process.exit(2);
}

const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const root = await mkdtemp(join(base, "portal-bench-"));
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

function run(label: string, command: string[], env: NodeJS.ProcessEnv = {}, cwd = root): Sample {
  const timing = join(root, ".time");
  const argv = timeBin ? [timeBin, "-f", "%e %M", "-o", timing, ...command] : command;
  const started = performance.now();
  const result = spawnSync(argv[0]!, argv.slice(1), {
    cwd,
    encoding: "utf8",
    env: { ...process.env, CI: "true", NX_DAEMON: "false", FORCE_COLOR: "0", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${label} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  if (!timeBin) return { seconds: wall };
  return {
    seconds: wall,
    maxRssMb: Math.round(Number(spawnSync("cat", [timing], { encoding: "utf8" }).stdout.trim().split(" ")[1]) / 1024),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function countHtml(dir: string): Promise<number> {
  return (await readdir(dir, { recursive: true })).filter((f) => f.endsWith(".html")).length;
}

async function measure(
  label: string,
  times: number,
  before: () => Promise<void>,
  /** The command, or what gives it once `before` has run (a step whose arguments a plan gives). */
  command: string[] | (() => string[]),
  env?: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<{ label: string; seconds: number; maxRssMb?: number; samples: number[] }> {
  const samples: Sample[] = [];
  for (let i = 0; i < times; i++) {
    await before();
    samples.push(run(label, typeof command === "function" ? command() : command, env, cwd));
    process.stdout.write(`  ${label}: ${samples.at(-1)!.seconds.toFixed(2)} s\n`);
  }
  const rss = samples.map((s) => s.maxRssMb).filter((x): x is number => x !== undefined);
  return {
    label,
    seconds: median(samples.map((s) => s.seconds)),
    ...(rss.length ? { maxRssMb: Math.max(...rss) } : {}),
    samples: samples.map((s) => s.seconds),
  };
}

console.log(`Synthetic regency: ${sites} sites × ${posts} posts in ${root}`);
const { files } = await writeSyntheticWorkspace(root, { sites, posts }, [
  "/plain-dist",
  "/theme-dist",
  "/target",
  "/.time",
  "/_includes",
]);
await mkdir(join(root, "_includes"), { recursive: true });
await writeFile(
  join(root, "_includes/plain.njk"),
  '<!doctype html><html lang="id"><title>{{ title }}</title><main>{{ content | safe }}</main></html>\n',
);
const git = (...args: string[]) =>
  spawnSync("git", ["-c", "user.email=bench@example.org", "-c", "user.name=bench", ...args], {
    cwd: root,
    encoding: "utf8",
  });

const node = process.execPath;
// The CLI as `npm run build` runs it: compiled (tools/cli/portal.mjs).
const portalBuild = (dist: string) => [
  node,
  ...buildProcessFlags,
  join(root, "tools/cli/portal.mjs"),
  "build",
  "--root",
  root,
  "--dist",
  dist,
];
const portal = portalBuild(join(root, "dist"));
const plain = [
  node,
  join(root, "node_modules/@11ty/eleventy/cmd.cjs"),
  "--input=sites",
  "--output=plain-dist",
  `--config=${join(root, "tools/bench/plain-eleventy.config.mjs")}`,
  "--quiet",
];
const sameTheme = [
  node,
  "--import",
  "tsx",
  join(root, "node_modules/@11ty/eleventy/cmd.cjs"),
  "--input=sites",
  "--output=theme-dist",
  `--config=${join(root, "tools/generator/standalone.config.ts")}`,
  "--quiet",
];
/** Nx's command line in the workspace at `dir` (the bench's own, or a runner's checkout). */
const nxIn = (dir: string, ...args: string[]) => [
  node,
  join(dir, "node_modules/nx/dist/bin/nx.js"),
  ...args,
  "--outputStyle=static",
];
const nx = (...args: string[]) => nxIn(root, ...args);
const clean = async () => {
  // .cache/search too: a cold build's Pagefind takes every record of the hub's search.
  for (const d of ["dist", "plain-dist", "theme-dist", ".nx", ".cache/search"])
    await rm(join(root, d), { recursive: true, force: true });
};

console.log("Measuring (median of", runs, "runs each):");
const results = [];
// Interleave the cold builds so machine drift affects all of them alike.
const samples = { plain: [] as Sample[], theme: [] as Sample[], portal: [] as Sample[] };
let plainPages = 0;
let themePages = 0;
// A first round is left out: in a new workspace it also does what a checkout does once, not each
// build (the CLI's compiling and V8's cache of its code, which CI restores from its cache with
// .cache/compiled; tsx's transform cache; the page cache). Measured here: a first round's portal
// build ran 25% slower than the next ones (the quick guard), and 16.63 s against 8.43 and 8.88 at
// 40 × 100 in a full run (2026-12-07, docs/benchmarks.md).
const warmUp = 1;
for (let i = 0; i < runs + warmUp; i++) {
  if (i === warmUp) for (const list of Object.values(samples)) list.length = 0;
  await clean();
  samples.plain.push(run("plain", plain));
  plainPages = await countHtml(join(root, "plain-dist"));
  await clean();
  samples.theme.push(run("same theme", sameTheme));
  themePages = await countHtml(join(root, "theme-dist"));
  await clean();
  samples.portal.push(run("portal", portal));
  console.log(
    `  plain Eleventy ${samples.plain.at(-1)!.seconds.toFixed(2)} s, same theme ${samples.theme.at(-1)!.seconds.toFixed(2)} s, portal build ${samples.portal.at(-1)!.seconds.toFixed(2)} s`,
  );
}
const pages = await countHtml(join(root, "dist"));
// What a visitor downloads before images, at this number of units (issue 27: ≤ 50 KB for an
// article, a unit home and the hub home at national scale, whatever the number of units).
const weighed: [string, string][] = [
  ["an article", "unit001/berita/berita-0/index.html"],
  ["a unit's home", "unit001/index.html"],
  ["the hub's home", "portal/index.html"],
  ["the hub's search page", "portal/cari/index.html"],
  ["the hub's news list, first page (it lists the units)", "portal/kabar/berita/index.html"],
  ["the hub's news list, page 2", "portal/kabar/berita/halaman-2/index.html"],
  ["the hub's directory (every unit, its job)", "portal/direktori/index.html"],
  ["DKISP's /status/ (every unit, its job)", "portal/status/index.html"],
];
const weights = await Promise.all(
  weighed.map(async ([label, path]) => {
    const file = join(root, "dist", path);
    return `| ${label} | \`${path}\` | ${existsSync(file) ? ((await stat(file)).size / 1024).toFixed(1) : "missing"} |`;
  }),
);
const hubPages = await countHtml(join(root, "dist/portal"));
const row = (label: string, xs: Sample[], pageCount: number) => ({
  label,
  seconds: median(xs.map((x) => x.seconds)),
  maxRssMb: Math.max(...xs.map((x) => x.maxRssMb ?? 0)),
  samples: xs.map((x) => x.seconds),
  pages: pageCount,
});
const plainRow = row(
  "Floor: one plain Eleventy process, same Markdown, minimal one-line layout",
  samples.plain,
  plainPages,
);
const themeRow = row(
  "**Baseline**: one plain Eleventy process, same Markdown, portal theme (`eleventy --config=tools/generator/standalone.config.ts`)",
  samples.theme,
  themePages,
);
const portalRow = row(
  "Cold full build: `portal build` (validate, build the units in batches, each indexed and published in a thread while the next renders, then the hub)",
  samples.portal,
  pages,
);
results.push(plainRow, themeRow, portalRow);

/**
 * Each counted round's ratio of one cold build to another. A round's builds run one after the
 * other, so a busy minute of the machine weighs on the three of them; the medians come from
 * different rounds.
 */
const roundRatios = (xs: Sample[], ys: Sample[]) =>
  xs.map((x, i) => (x.seconds / ys[i]!.seconds).toFixed(2)).join(", ");

if (values.quick) {
  const guardFile = join(toolsRepoRoot, "tools/bench/ratio-guard.json");
  const guard = readRatioGuard(guardFile);
  const measured = {
    "portal-vs-theme": portalRow.seconds / themeRow.seconds,
    "portal-vs-floor": portalRow.seconds / plainRow.seconds,
  };
  const spread = (name: string, xs: Sample[], ys: Sample[]) => `${name}: ${roundRatios(xs, ys)}`;
  console.log(
    `\nQuick bench, ${sites} sites × ${posts} posts, medians of ${runs}: floor ${plainRow.seconds.toFixed(2)} s, same theme ${themeRow.seconds.toFixed(2)} s, portal ${portalRow.seconds.toFixed(2)} s`,
  );
  console.log(
    `Each run's ratios: ${spread("portal-vs-theme", samples.portal, samples.theme)}; ${spread("portal-vs-floor", samples.portal, samples.plain)}`,
  );
  const judged = judgeRatios(guard, measured);
  for (const line of judged.lines) console.log(line);
  if (values.calibrate) {
    for (const [name, value] of Object.entries(measured)) guard.ratios[name]!.recorded = Number(value.toFixed(2));
    await writeFile(guardFile, `${JSON.stringify(guard, null, 2)}\n`);
    console.log(`recorded in ${guardFile}`);
  } else if (judged.failed.length) {
    console.error(
      `\nThe build got slower against plain Eleventy: ${judged.failed.join(", ")} over the limit. If the change is worth it, say why in the pull request and record the new values: npm run bench -- --quick --calibrate`,
    );
    process.exitCode = 1;
  }
  await rm(root, { recursive: true, force: true });
  process.exit();
}

// The search indexes' share of that build: the same step, alone, over the sites just built.
const indexing = await measure(
  "Search indexes alone (`tools/bench/index-sites.ts`: the Pagefind step of `portal build`, over its output)",
  runs,
  async () => {},
  [node, "--import", "tsx", join(root, "tools/bench/index-sites.ts"), join(root, "dist")],
);
results.push(indexing);

const nxCold = await measure(
  "Cold full build through Nx, batch mode: `nx run-many -t build --skip-nx-cache`",
  runs,
  clean,
  nx("run-many", "-t", "build", "--skip-nx-cache"),
);
results.push({ ...nxCold, pages });
await clean();
run("warm the Nx cache", nx("run-many", "-t", "build"));
const cached = await measure(
  "Cached rebuild, nothing changed: `nx run-many -t build`",
  runs,
  async () => {},
  nx("run-many", "-t", "build"),
);
results.push(cached);
let edit = 0;
const edited = await measure(
  "One-post edit, affected only: `nx affected -t build`",
  runs,
  async () => {
    await appendFile(join(root, "sites/unit001/content/berita/berita-0.md"), `\nSunting ke-${++edit}.\n`);
  },
  nx("affected", "-t", "build", "--base=HEAD"),
);
results.push(edited);

// The same edit as a CI runner makes it: a fresh clone of the repository, the paths deploy.yml's
// build job keeps restored into it (exactly those), one post changed and committed, then what the
// workflow runs. Cloning and restoring are not timed: actions/cache does them before the build.
const cachePaths = workflowCachePaths(toolsRepoRoot, "deploy.yml");
git("add", "-A");
git("commit", "-qm", "edits of the in-place row");
// The quarter hour, an input of the hub's build, as deploy.yml names it before building: one for
// the warming and every edit after it, as for pushes within the quarter hour of the build before
// them (the scheduled rebuild builds the hub of each quarter hour). Named anew for each row, a row
// begun after the next quarter hour found no hub of its own in the cache, and measured the hub's
// build at every edit, its body's too.
const timeSlot = { PORTAL_TIME_SLOT: String(Math.floor(Date.now() / 900_000)) };
const runner = join(root, "..", `${root.split("/").at(-1)}-runner`);
/** A runner's checkout: the workspace cloned at the runner's path, and `restored` of `root`'s cache paths in it. */
async function checkOutRunner(restored: readonly string[]): Promise<void> {
  await rm(runner, { recursive: true, force: true });
  spawnSync("git", ["clone", "-q", root, runner]);
  await symlink(join(toolsRepoRoot, "node_modules"), join(runner, "node_modules"));
  for (const path of restored)
    if (existsSync(join(root, path))) await cp(join(root, path), join(runner, path), { recursive: true });
}
// The cache as the build before the edit left it. A runner checks out at one path every time, and
// the theme's templates are kept compiled under their paths (compiled-templates.ts): filled in
// `root`, the cache held none of the runner's, and each edit compiled them again in the unit's
// batch and in the hub's process, which CI does not. So that build runs in the runner's checkout:
// every site built there (Nx's cache and data left out; the CMS's bundle and the compiled CLI kept),
// and its cache paths are what each edit's checkout restores.
const nxPaths = new Set([".nx/cache", ".nx/workspace-data"]);
await checkOutRunner(cachePaths.filter((path) => !nxPaths.has(path)));
run(
  "warm the cache at this commit, in the runner's checkout",
  nxIn(runner, "run-many", "-t", "build"),
  timeSlot,
  runner,
);
for (const path of cachePaths) {
  await rm(join(root, path), { recursive: true, force: true });
  if (existsSync(join(runner, path))) await cp(join(runner, path), join(root, path), { recursive: true });
}
let ciEdit = 0;
/** The build server of the edit being measured, started before the timed build as deploy.yml starts it. */
let ciServer: Daemon | undefined;
/** How long each edit's plan step took: not timed, as it never was, and said beside the table. */
const planSeconds: number[] = [];
/** The sites the last edit's plan named (its `projects=` output), which deploy.yml's build step builds. */
let plannedProjects: string | undefined;
/** deploy.yml's build step itself, with `projects` for the plan's sites: what the runner runs, launcher and all. */
const buildStepFor = (projects: string) =>
  workflowStepCommand(toolsRepoRoot, "deploy.yml", "build", "Build them", { "steps.plan.outputs.projects": projects });
const buildStep = () => {
  // Set by each edit's setup (asCi), which fails when the plan names none.
  if (plannedProjects === undefined) throw new Error("the plan step named no projects");
  return ["bash", "-c", buildStepFor(plannedProjects)];
};
const buildStepText = buildStepFor("<the plan's sites>");
const planSpan = () =>
  planSeconds.length ? `${Math.min(...planSeconds).toFixed(2)}–${Math.max(...planSeconds).toFixed(2)}` : "not run";
async function stopCiServer(): Promise<void> {
  const server = ciServer;
  ciServer = undefined;
  await server?.stop();
}
/**
 * The edit as a CI runner builds it: `change` the post's text (the runner's checkout, each run
 * anew), then what deploy.yml runs before its build step, untimed: `portal build-server` started
 * in the background, then the plan step (plan-shards.ts, which asks Nx what the push affects),
 * while which the server loads the CLI and warms up. Timed: Nx's build of what the push affects.
 */
const asCi = (label: string, post: string, change: (text: string, n: number) => string) =>
  measure(
    `${label} as CI builds it: a fresh clone with ${cachePaths.map((p) => `\`${p}\``).join(", ")} restored (deploy.yml's cache), \`portal build-server &\` and the plan step (not timed), then deploy.yml's build step, \`${buildStepText}\``,
    runs,
    async () => {
      await stopCiServer();
      await checkOutRunner(cachePaths);
      const file = join(runner, "sites/unit001/content/berita", post);
      await writeFile(file, change(await readFile(file, "utf8"), ++ciEdit));
      const committed = spawnSync(
        "git",
        ["-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qam", "sunting"],
        { cwd: runner, encoding: "utf8" },
      );
      if (committed.status !== 0) throw new Error(`the edit's commit failed: ${committed.stderr}${committed.stdout}`);
      // Not waited for: the plan step runs while it loads, as in the workflow.
      ciServer = await startDaemon(
        "portal build-server",
        node,
        [join(runner, "tools/cli/portal.mjs"), "build-server"],
        {
          cwd: runner,
          ready: () => true,
        },
      );
      const planned = performance.now();
      // deploy.yml's plan step itself, for a push from the commit before.
      const plan = runDeployPlan(toolsRepoRoot, runner, { before: "HEAD~1" }, { ...process.env, CI: "true" });
      planSeconds.push((performance.now() - planned) / 1000);
      plannedProjects = plan.projects;
      if (!plannedProjects) throw new Error(`the plan step named no sites for the edit: ${JSON.stringify(plan)}`);
    },
    buildStep,
    timeSlot,
    runner,
  ).finally(stopCiServer);
// A post's body: the hub shows nothing of it, so Nx takes the hub from its cache.
const ciEdited = await asCi("One-post edit (its body)", "berita-1.md", (text, n) => `${text}\nSunting CI ke-${n}.\n`);
results.push(ciEdited);
// A post's title: every item's title is in its unit's facts for the hub (published/hub-facts.ts),
// so the hub is built again, though this old post is in none of the hub's lists or records.
const ciRetitled = await asCi("One-post edit that rebuilds the hub (its title)", "berita-2.md", (text, n) =>
  text.replace(/^title: .*$/m, `title: Judul baru ke-${n}`),
);
results.push(ciRetitled);
// The newest post's title, as editors most often correct one: posts of this week and the last are
// records in the hub's own search index (hub-search-records.ts), which the hub's build writes anyway,
// so the units' index still comes from .cache/search (records-index.ts).
const ciRetitledSearched = await asCi(
  "One-post edit of this week's news (the newest post's title)",
  `berita-${posts - 1}.md`,
  (text, n) => text.replace(/^title: .*$/m, `title: Judul terbaru ke-${n}`),
);
results.push(ciRetitledSearched);
// A post of two months ago: at 40 × 100 it is among a unit's share of the units' index (3,000
// records, a unit's newest 69 posts), so Pagefind indexes its unit's part of them again (a third:
// records-index.ts). At 500 units
// a unit's share is its profile pages, and no post is in the units' index: not measured.
const olderSearched = posts >= 30 ? posts - 21 : undefined;
const ciRetitledOlder =
  olderSearched === undefined
    ? undefined
    : await asCi(
        "One-post edit the units' search index holds (a post of two months ago, its title)",
        `berita-${olderSearched}.md`,
        (text, n) => text.replace(/^title: .*$/m, `title: Judul lama ke-${n}`),
      );
if (ciRetitledOlder) results.push(ciRetitledOlder);
await rm(runner, { recursive: true, force: true });

// Past one machine: every site rebuilt (as after a theme change) by 1, 2, 4 and 8 matrix jobs of
// units, then the hub's job, which takes their manifests from the remote cache; each job's
// command run here in a clone of its own (shard-simulation.ts).
const shardRuns: ShardRun[] = [];
const units = (await readdir(join(root, "sites"))).filter((s) => s !== "portal").sort();
for (const shards of shardCounts) {
  shardRuns.push(
    await simulateShards({
      repository: root,
      nodeModules: join(toolsRepoRoot, "node_modules"),
      units,
      hub: "portal",
      shards,
      scratch: `${root}-shards`,
      restore: cachePaths.filter((p) => !p.startsWith(".nx")),
    }),
  );
  const r = shardRuns.at(-1)!;
  console.log(
    `  ${shards} unit job(s): slowest ${Math.max(...r.jobs).toFixed(2)} s, hub ${r.hub.toFixed(2)} s, deploy job's fetch ${r.deployShard?.toFixed(2) ?? "none"} s, critical path ${r.critical.toFixed(2)} s`,
  );
}
await rm(`${root}-shards`, { recursive: true, force: true });

// Deploy to a folder on this machine (what an SSH target runs, without the network), then again
// with nothing changed: the second is what a push that changed no site costs.
const target = join(root, "target");
const deploy = [
  node,
  join(root, "tools/cli/portal.mjs"),
  "deploy",
  "--root",
  root,
  "--dist",
  join(root, "dist"),
  "--target",
  target,
  "--all",
];
run("first deploy", deploy);
const redeploy = await measure(
  "`portal deploy --all` with nothing changed (to a folder)",
  runs,
  async () => {},
  deploy,
);
results.push(redeploy);
await rm(target, { recursive: true, force: true });

// The hub's first search at this number of units: the hub and one unit built for
// https://*.localhost, deployed and served by nginx over TLS and HTTP/2 as production serves them
// (https-sites.ts), searched in Chromium for a word every page holds.
const searchDist = join(root, "search-dist");
const searchPort = await freePort();
run("build for the first search", portalBuild(searchDist), {
  PORTAL_BASE_URL: `https://localhost:${searchPort}`,
});
const searchSites = await serveOverHttps({
  ws: workspaceAt(root),
  distDir: searchDist,
  slugs: ["portal", "unit001"],
  port: searchPort,
});
const browser = await launchChromium();
const searchContext = await browser.newContext({ ignoreHTTPSErrors: true });
const searches: [string, FirstSearch][] = [];
const demoWordQueries = ["pelayanan", "ktp", "kesehatan"];
try {
  for (const [name, origin] of [
    ["the hub", `https://localhost:${searchPort}`],
    ["one unit (unit001)", `https://unit001.localhost:${searchPort}`],
  ] as const)
    searches.push([name, await firstSearch(searchContext, `${origin}/cari/?q=pelayanan`)]);
  // The same hub with its index of the units' records made of the demo's words instead of the
  // synthetic posts' few (demo-words-records.ts): what a real regency's first search loads.
  const unitsIndex = join(searchDist, "portal", siteUrls.unitsSearchIndex);
  await rm(unitsIndex, { recursive: true, force: true });
  try {
    await placeRecordsIndex({
      records: await demoWordsRecords(join(toolsRepoRoot, "sites"), sites - 1),
      outDir: unitsIndex,
      cacheDir: join(searchDist, ".cache"),
      start: startSearchIndex,
    });
  } finally {
    await closeSearchProcess();
  }
  await searchSites.deploy(["portal"]);
  for (const query of demoWordQueries)
    searches.push([
      `the hub, its units' records in the demo's words ("${query}")`,
      await firstSearch(searchContext, `https://localhost:${searchPort}/cari/?q=${query}`),
    ]);
} finally {
  await browser.close();
  await searchSites.close();
  await rm(searchDist, { recursive: true, force: true });
}
const hubSearch = searches[0]![1];
const demoWordSearches = searches.slice(2).map(([, s]) => s);
/** "107–122": the least and the most of some figures. */
const span = (figures: number[]) => `${Math.min(...figures)}–${Math.max(...figures)}`;
for (const [name, s] of searches) console.log(`  first search, ${name}: ${firstSearchRow(name, s)}`);

const ratio = portalRow.seconds / themeRow.seconds;
const nxRatio = nxCold.seconds / themeRow.seconds;
const floorRatio = portalRow.seconds / plainRow.seconds;
const now = new Date().toISOString().slice(0, 10);
const table = [
  `| measurement | median (s) | runs (s) | peak RSS (MB) | pages/s |`,
  `| --- | ---: | --- | ---: | ---: |`,
  ...results.map(
    (r) =>
      `| ${r.label} | ${r.seconds.toFixed(2)} | ${r.samples.map((s) => s.toFixed(2)).join(", ")} | ${r.maxRssMb ?? "–"} | ${"pages" in r && typeof r.pages === "number" ? Math.round(r.pages / r.seconds) : "–"} |`,
  ),
];
const hugo = spawnSync("hugo", ["version"], { encoding: "utf8" });
const hugoLine =
  hugo.status === 0
    ? `Hugo is installed (${hugo.stdout.trim()}) but not yet measured by this script.`
    : "Hugo is not installed on this machine (`hugo` is not on PATH), so it has no row; the issue's own figures put Hugo 0.111 at 1.55 s (40 × 100) and 3.5 s (500 × 10) on this machine.";
const gib = (mb: number | undefined) => (mb === undefined ? "–" : `${(mb / 1024).toFixed(2)} GiB`);
const heading = `## ${sites} sites × ${posts} posts`;
const markdown = `${heading} (${now})

${values.scale ? `Preset \`--scale ${values.scale}\`. ` : ""}Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, on ${base === "/dev/shm" ? "tmpfs" : "disk"}.
Content: ${files} Markdown files (${posts} news and 6 profile pages per site), no images.
The portal build writes ${pages} HTML pages (list pages, the Daftar Informasi Publik, 404) plus feeds,
sitemap and manifest per site; the baseline writes ${plainPages} pages with a minimal layout.
The three cold builds (the floor, the same theme, the portal) run in interleaved rounds, each from
an empty \`dist/\` and no Nx cache, after one round that is left out: in a new workspace it also
compiles the CLI and makes V8's cache of its code (CI restores both with \`.cache/compiled\`) and
fills tsx's and the system's caches. The edits "as CI builds it" each restore the cache a build of
every site left in the runner's own checkout, as the run before a push leaves it for a runner, which
checks out at one path every time; and, as deploy.yml does, they start \`portal build-server\` before
the plan step (\`plan-shards.ts\`, which asks Nx what the push affects: ${planSpan()} s here, not timed,
as it never was), so the unit's build and the hub's run in one process that loaded the CLI and built
one unit aside meanwhile. Both steps are deploy.yml's own, taken from the workflow and run by bash
as the runner runs them; the timed one is the build step, with the sites the plan named:
\`${buildStepText}\` (Nx's own launcher, not \`npx nx\`, which starts npm first).

${table.join("\n")}

Page weights of the cold build, HTML only (images, CSS and the search come on top); the hub has ${hubPages} HTML pages:

| page | file in \`dist/\` | KB |
| --- | --- | ---: |
${weights.join("\n")}

The first search for "pelayanan" (a word of every page), as a visitor's browser fetches it from
nginx over TLS and HTTP/2, the sites deployed as production's are (tools/bench/first-search.ts,
https-sites.ts; one run each, over loopback; bytes as they came over the connection, headers
included); then the hub's first search again
with its index of the units' records made of the demo's own words, ${hubSearchRecordLimit.toLocaleString("en")} records at most as the
hub keeps them, where the synthetic posts repeat a few words and make a smaller index than a real
regency's (tools/bench/demo-words-records.ts):

${[...firstSearchHeader, ...searches.map(([name, s]) => firstSearchRow(name, s))].join("\n")}

Past one machine: every site rebuilt with no Nx cache (as after a change to the theme) as
deploy.yml builds it with a remote cache: matrix jobs of units, which store their outputs in Nx's
remote cache (here a server of its protocol on loopback, tools/test/nx-remote-cache.ts), then the
hub's job, which takes the units' manifests from that cache and builds the hub; each deploy job
then takes its ten sites from the cache (the last column, outside the build's critical path). With
one job, the build job alone builds every site. Each job's command ran here in a fresh clone of
its own, one after the other (tools/bench/shard-simulation.ts; one run each; a runner's checkout,
\`npm ci\` and cache restore are not counted):

| unit jobs | each unit job (s) | hub's job (s) | critical path (s) | vs one job | a deploy job's ten sites (s) |
| ---: | --- | ---: | ---: | ---: | ---: |
${shardRuns.map((r) => `| ${r.shards} | ${r.jobs.map((j) => j.toFixed(1)).join(", ")} | ${r.shards === 1 ? "none" : r.hub.toFixed(1)} | ${r.critical.toFixed(1)} | ${(shardRuns[0]!.critical / r.critical).toFixed(2)}× | ${r.deployShard?.toFixed(1) ?? "none"} |`).join("\n")}

${shardCeiling(shardRuns)}

Against issue 27's targets (medians of this run):
- full build ÷ one same-theme Eleventy process: **${ratio.toFixed(2)}×** (target ≤ 1.2×; each round ${roundRatios(samples.portal, samples.theme)}); ÷ the floor: **${floorRatio.toFixed(2)}×** (target ≤ 2.5×; each round ${roundRatios(samples.portal, samples.plain)});
- peak memory of the full build: **${gib(portalRow.maxRssMb)}** (target < 1 GiB at national scale);
- one-post edit as CI builds it: **${ciEdited.seconds.toFixed(2)} s** for a post's body, the hub from the cache; **${ciRetitled.seconds.toFixed(2)} s** for its title, which its unit's facts for the hub hold, so the hub is built again (target ≤ 3 s at regency scale, ≤ 5 s at national); **${ciRetitledSearched.seconds.toFixed(2)} s** for the newest post's title, this week's news (its record, if its unit's share of the hub's search holds one, is in the hub's own index)${ciRetitledOlder ? `; **${ciRetitledOlder.seconds.toFixed(2)} s** for the title of a post of two months ago, whose record is in the units' index: its unit's part of it, a third, is written again` : ""};
- the hub's first search: **${hubSearch.searchRequests} requests, ${hubSearch.searchKb} KB** of Pagefind's as nginx sends them over HTTP/2, from ${hubSearch.indexes} ${hubSearch.indexes === 1 ? "index" : "indexes"} (target ≤ 100 KB, a bounded number of requests at any scale); with the units' records in the demo's words, **${span(demoWordSearches.map((s) => s.searchKb))} KB** in ${span(demoWordSearches.map((s) => s.searchRequests))} requests (${demoWordQueries.map((q) => `"${q}"`).join(", ")});
- \`deploy\` with nothing changed: **${redeploy.seconds.toFixed(2)} s** for ${sites} sites (target ≤ 2 s for the demo's 44).

${hugoLine}

\`portal build\` also writes every site's search index, which the baseline does not; that step
alone takes ${indexing.seconds.toFixed(2)} s (including starting Node). ${
  files > batchContentFiles
    ? `Here the units make batches of about ${batchContentFiles.toLocaleString("en")} content files, so the units' indexing runs in a thread beside the rendering of the next batch instead of after it.`
    : `Here the units make one batch (${batchContentFiles.toLocaleString("en")} content files or fewer), so their indexing runs after the rendering.`
}
Through Nx batch mode, including Nx's project graph (about 2 s with the daemon off, as in CI): ${nxRatio.toFixed(2)}×.
The floor is the same Markdown through a one-line layout, none of the theme's pages, lists,
feeds or menus.

Commands (from the repository root):

\`\`\`sh
npm run bench -- --scale ${values.scale ?? "regency"} --runs ${runs}   # this section only
npm run bench                                   # 40 × 100, 3 runs, then the demo's figures
npm run bench -- --sites 10 --posts 20 --runs 1 # a quick check
\`\`\`

The baseline runs the Eleventy CLI once over \`sites/\` with the portal's plugin for all sites
(\`tools/generator/standalone.config.ts\`): the same theme, without validation, staging or
per-site publishing, and without the hub's pages built from the units' manifests (${themePages}
pages; \`portal build\` writes ${pages}). The difference between the two is what the
portal adds: validating every file (ajv + markdown-it), a second run for the hub, building into a
staging folder and swapping each site into \`dist/\` atomically. The floor is
\`eleventy --config=tools/bench/plain-eleventy.config.mjs\`, which writes ${plainPages} pages, one per
Markdown file, with a one-line layout.
`;
await mkdir(join(values.out!, ".."), { recursive: true });
const intro = `# Benchmarks

Written by \`npm run bench\` (tools/bench/bench.ts); rerun it after a change that could affect speed.
Every figure comes from the same run on the same machine; compare ratios, not absolute seconds,
across machines.
`;
if (!existsSync(values.out!) || !(await readFile(values.out!, "utf8")).startsWith("# Benchmarks"))
  await writeFile(values.out!, `${intro}\n${existsSync(values.out!) ? await readFile(values.out!, "utf8") : ""}`);
await writeBenchmarkSection(values.out!, heading, markdown);
console.log(
  `\n${table.join("\n")}\n\nratio ${ratio.toFixed(2)}× (Nx batch ${nxRatio.toFixed(2)}×); written to ${values.out}`,
);
await rm(root, { recursive: true, force: true });

/** Another script of tools/ (a bench of the demo, or the CLI compiled), run to its end; false if it failed. */
const script = (file: string, ...args: string[]) =>
  spawnSync(node, [...(file.endsWith(".ts") ? ["--import", "tsx"] : []), join(toolsRepoRoot, file), ...args], {
    cwd: toolsRepoRoot,
    stdio: "inherit",
  }).status === 0;
const out = ["--out", values.out!];
const demoBenches: (() => boolean)[] = [
  // Serving: the built-in demo, built for production, deployed and served by nginx under wrk; then
  // the report on the demo just built (links and page weights included).
  ...(values["no-serve"]
    ? []
    : [
        () =>
          // The demo built as `npm run build` builds it (its Node flags included).
          spawnSync("npm", ["run", "--silent", "build"], { cwd: toolsRepoRoot, stdio: "inherit" }).status === 0 &&
          script("tools/bench/serve-bench.ts", "--runs", String(runs), ...out) &&
          script("tools/bench/report-bench.ts", "--runs", "5", ...out),
      ]),
  // What warm image processing adds to a full build of the demo (CPU profiles).
  () => script("tools/bench/image-share.ts", "--runs", String(runs), ...out),
  // npm start as a developer meets it: the first start with no cache, the next, save to page; and
  // what AVIF costs a cold production build's photos.
  () => script("tools/bench/start-bench.ts", ...out),
  // The editor's day in npm start: the CMS's load, save to preview, publish to live.
  () => script("tools/bench/editor-bench.ts", ...out),
  // The editors' gateway on the demo's content: a save, a draft, a read, 20 saves at once.
  () => script("tools/bench/gateway-bench.ts", ...out),
];
// The demo's figures; a `--scale` run measures only the synthetic regency.
if (values.scale === undefined) for (const bench of demoBenches) if (!bench()) process.exitCode = 1;

/**
 * What more runners cannot take away: the hub's job, which waits for every unit job, and what
 * each unit job pays before its first site (Nx's graph in a fresh clone, starting the build).
 */
function shardCeiling(runs: ShardRun[]): string {
  if (runs.length < 2) return "";
  const most = runs.at(-1)!;
  const fixed = Math.min(...most.jobs);
  return `The ceiling: the hub's job (${most.hub.toFixed(1)} s with ${most.shards} unit jobs: the units' manifests from the remote cache, and the hub) comes after the slowest unit job, and every unit job pays its own start (its fastest took ${fixed.toFixed(1)} s with ${most.shards} jobs, for ${Math.ceil((sites - 1) / most.shards)} units or fewer); so the build cannot go under about ${(most.hub + fixed).toFixed(1)} s however many runners, and each doubling gains less.`;
}

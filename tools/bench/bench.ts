import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot } from "../core/workspace.ts";
import { writeSyntheticRegency } from "./synthetic-regency.ts";

/**
 * `npm run bench [-- --sites 40 --posts 100 --runs 3]`: builds a synthetic regency several ways and
 * writes the medians to docs/benchmarks.md. Runs on tmpfs (/dev/shm) when there is one, because
 * measured here: writing right after deleting output on ext4 inflated build times a lot.
 */
const { values } = parseArgs({
  options: {
    sites: { type: "string", default: "40" },
    posts: { type: "string", default: "100" },
    runs: { type: "string", default: "3" },
    out: { type: "string", default: join(toolsRepoRoot, "docs/benchmarks.md") },
    /** Skip the serving figures (tools/bench/serve-bench.ts: builds the demo, nginx, wrk). */
    "no-serve": { type: "boolean", default: false },
  },
});
const sites = Number(values.sites);
const posts = Number(values.posts);
const runs = Number(values.runs);

const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
const root = await mkdtemp(join(base, "portal-bench-"));
const timeBin = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface Sample {
  seconds: number;
  maxRssMb?: number;
}

function run(label: string, command: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const timing = join(root, ".time");
  const argv = timeBin ? [timeBin, "-f", "%e %M", "-o", timing, ...command] : command;
  const started = performance.now();
  const result = spawnSync(argv[0]!, argv.slice(1), {
    cwd: root,
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
  command: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ label: string; seconds: number; maxRssMb?: number; samples: number[] }> {
  const samples: Sample[] = [];
  for (let i = 0; i < times; i++) {
    await before();
    samples.push(run(label, command, env));
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
const { files } = await writeSyntheticRegency(root, { sites, posts });
for (const path of [
  "nx.json",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "themes",
  "content-schema",
  "tools",
]) {
  await cp(join(toolsRepoRoot, path), join(root, path), {
    recursive: true,
    filter: (src) => !src.includes("fixtures"),
  });
}
await symlink(join(toolsRepoRoot, "node_modules"), join(root, "node_modules"));
await mkdir(join(root, "_includes"), { recursive: true });
await writeFile(
  join(root, "_includes/plain.njk"),
  '<!doctype html><html lang="id"><title>{{ title }}</title><main>{{ content | safe }}</main></html>\n',
);
await writeFile(join(root, ".gitignore"), "node_modules\ndist\nplain-dist\n.nx\n.cache\n.time\n_includes\n");
const git = (...args: string[]) =>
  spawnSync("git", ["-c", "user.email=bench@example.org", "-c", "user.name=bench", ...args], {
    cwd: root,
    encoding: "utf8",
  });
git("init", "-q", "-b", "main");
git("add", "-A");
git("commit", "-qm", "synthetic regency");

const node = process.execPath;
const portal = [
  node,
  "--import",
  "tsx",
  join(root, "tools/cli/portal.ts"),
  "build",
  "--root",
  root,
  "--dist",
  join(root, "dist"),
];
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
const nx = (...args: string[]) => [node, join(root, "node_modules/nx/dist/bin/nx.js"), ...args, "--outputStyle=static"];
const clean = async () => {
  for (const d of ["dist", "plain-dist", "theme-dist", ".nx"])
    await rm(join(root, d), { recursive: true, force: true });
};

console.log("Measuring (median of", runs, "runs each):");
const results = [];
// Interleave the cold builds so machine drift affects all of them alike.
const samples = { plain: [] as Sample[], theme: [] as Sample[], portal: [] as Sample[] };
let plainPages = 0;
let themePages = 0;
for (let i = 0; i < runs; i++) {
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
  "Cold full build: `portal build` (validate, build every site in one process, publish each atomically)",
  samples.portal,
  pages,
);
results.push(plainRow, themeRow, portalRow);

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

const ratio = portalRow.seconds / themeRow.seconds;
const ratioWithoutIndex = (portalRow.seconds - indexing.seconds) / themeRow.seconds;
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
const markdown = `# Benchmarks

Written by \`npm run bench\` (tools/bench/bench.ts); rerun it after a change that could affect speed.
Every figure comes from the same run on the same machine; compare ratios, not absolute seconds,
across machines.

## ${sites} sites × ${posts} posts (${now})

Machine: ${cpus().length} cores (${cpus()[0]?.model ?? "unknown"}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, on ${base === "/dev/shm" ? "tmpfs" : "disk"}.
Content: ${files} Markdown files (${posts} news and 6 profile pages per site), no images.
The portal build writes ${pages} HTML pages (list pages, the Daftar Informasi Publik, 404) plus feeds,
sitemap and manifest per site; the baseline writes ${plainPages} pages with a minimal layout.

${table.join("\n")}

**Ratio, \`portal build\` of every site ÷ one plain Eleventy process building the same sites: ${ratio.toFixed(2)}×** (target ≤ 1.3×).
\`portal build\` also writes every site's search index, which the baseline does not; that step
alone takes ${indexing.seconds.toFixed(2)} s (including starting Node), and without it the ratio is about ${ratioWithoutIndex.toFixed(2)}×.
Through Nx batch mode, including Nx's project graph (about 2 s with the daemon off, as in CI): ${nxRatio.toFixed(2)}×.
Against the floor (same Markdown through a one-line layout, none of the theme's pages, lists,
feeds or menus): ${floorRatio.toFixed(2)}×; that gap is the theme's own rendering cost, which the
baseline pays too.

Commands (from the repository root):

\`\`\`sh
npm run bench                                   # ${sites} × ${posts}, ${runs} runs, writes this file
npm run bench -- --sites 10 --posts 20 --runs 1 # a quick check
\`\`\`

The baseline runs the Eleventy CLI once over \`sites/\` with the portal's plugin for all sites
(\`tools/generator/standalone.config.ts\`): the same theme, without validation, staging or
per-site publishing, and without the hub's pages built from the units' manifests (${themePages}
pages; \`portal build\` writes ${pages}, the ${pages - themePages} more being the hub's lists of every
unit's items, which need the units built first). The difference between the two is what the
portal adds: validating every file (ajv + markdown-it), a second run for the hub, building into a
staging folder and swapping each site into \`dist/\` atomically. The floor is
\`eleventy --config=tools/bench/plain-eleventy.config.mjs\`, which writes ${plainPages} pages, one per
Markdown file, with a one-line layout.
`;
await mkdir(join(values.out!, ".."), { recursive: true });
const previous = existsSync(values.out!) ? await readFile(values.out!, "utf8") : "";
const imagesSection = previous.includes("## Images") ? previous.slice(previous.indexOf("## Images")) : "";
await writeFile(values.out!, markdown + (imagesSection ? `\n${imagesSection}` : ""));
console.log(
  `\n${table.join("\n")}\n\nratio ${ratio.toFixed(2)}× (Nx batch ${nxRatio.toFixed(2)}×); written to ${values.out}`,
);
await rm(root, { recursive: true, force: true });

// Serving: the built-in demo, built for production, deployed and served by nginx under wrk.
if (!values["no-serve"]) {
  const step = (args: string[]) =>
    spawnSync(node, ["--import", "tsx", ...args], { cwd: toolsRepoRoot, stdio: "inherit" }).status === 0;
  if (
    !(
      step([join(toolsRepoRoot, "tools/cli/portal.ts"), "build"]) &&
      step([join(toolsRepoRoot, "tools/bench/serve-bench.ts"), "--runs", String(runs), "--out", values.out!]) &&
      // The report on the demo just built (links and page weights included).
      step([join(toolsRepoRoot, "tools/bench/report-bench.ts"), "--runs", "5", "--out", values.out!])
    )
  )
    process.exitCode = 1;
}

// The editor's day in npm start: the CMS's load, save to preview, publish to live.
if (
  spawnSync(node, ["--import", "tsx", join(toolsRepoRoot, "tools/bench/editor-bench.ts"), "--out", values.out!], {
    cwd: toolsRepoRoot,
    stdio: "inherit",
  }).status !== 0
)
  process.exitCode = 1;

// The editors' gateway on the demo's content: a save, a draft, a read, 20 saves at once.
if (
  spawnSync(node, ["--import", "tsx", join(toolsRepoRoot, "tools/bench/gateway-bench.ts"), "--out", values.out!], {
    cwd: toolsRepoRoot,
    stdio: "inherit",
  }).status !== 0
)
  process.exitCode = 1;

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * `npm run compare-dist [-- --base <rev>]`: builds the demo with the code of `<rev>` (default
 * HEAD, in a temporary Git worktree) and with the working tree, then compares the two `dist/`
 * folders byte for byte. A refactoring must leave every published file as it was; the only
 * parts allowed to differ are the build's own clock: the manifests' `generated` time and the
 * minute the hub's /status/ page says it was computed at (the two builds run minutes apart).
 * Exits 1 when anything differs.
 *
 * One exception, outside our code: Pagefind's word index and metadata files (and the entry file
 * that names them) change between two runs over the same pages (Pagefind issue #638: since 1.3 its
 * fragments, one per page, are stable; "other files will still change"). Two builds of the same
 * commit showed it here. Those files are listed apart and must match in number per site; every
 * fragment, named by its content's hash, must be identical.
 */
const { values } = parseArgs({ options: { base: { type: "string", default: "HEAD" } } });
const base = values.base!;

const scratch = await mkdtemp(join(existsSync("/dev/shm") ? "/dev/shm" : tmpdir(), "portal-compare-"));
const worktree = join(scratch, "base");
// One image cache for both builds: its files are named by their source and options, so a change
// in how images are encoded still shows as different names in the pages.
const cacheDir = join(toolsRepoRoot, ".cache");

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): void {
  const result = spawnSync(command, args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(
      `${command} ${args.join(" ")} (in ${cwd}) failed with ${result.status}:\n${result.stdout}\n${result.stderr}`,
    );
}

function build(root: string, distDir: string): void {
  console.log(`building the demo in ${root} → ${distDir}`);
  run(process.execPath, ["--import", "tsx", "tools/cli/portal.ts", "build"], root, {
    PORTAL_DIST_DIR: distDir,
    PORTAL_CACHE_DIR: cacheDir,
    PORTAL_BASE_URL: "",
  });
}

/** Pagefind's files that are not stable between runs (see above); fragments are not among them. */
const pagefindUnstable =
  /^[^/]+\/pagefind\/(?:index\/[^/]+\.pf_index|filter\/[^/]+\.pf_filter|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)$/;

async function files(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();
}

/** The bytes that must be equal: a manifest (or its copy) without its build time. */
async function comparable(path: string): Promise<Buffer> {
  const bytes = await readFile(path);
  if (path.endsWith("/status/index.html"))
    return Buffer.from(
      bytes.toString("utf8").replace(/(<p>[^<]*?)\d+ \S+ \d{4} pukul \d\d\.\d\d \w+\.<\/p>/, "$1(waktu)</p>"),
    );
  // A site's manifest, or its copy where the hub reads it (dist/.manifests/<slug>.json).
  if (!path.endsWith("manifest.json") && !/\/\.manifests\/[^/]+\.json$/.test(path)) return bytes;
  const manifest = JSON.parse(bytes.toString("utf8")) as { generated?: string };
  delete manifest.generated;
  return Buffer.from(JSON.stringify(manifest));
}

try {
  run("git", ["worktree", "add", "--detach", worktree, base], toolsRepoRoot);
  await symlink(join(toolsRepoRoot, "node_modules"), join(worktree, "node_modules"));
  // The CMS's bundle is cached in the tools' own checkout, under the same key in both; built again
  // in the worktree, esbuild would name its chunks after the other paths.
  await symlink(cacheDir, join(worktree, ".cache"));
  const before = join(scratch, "dist-before");
  const after = join(scratch, "dist-after");
  build(worktree, before);
  build(toolsRepoRoot, after);
  const [a, b] = [await files(before), await files(after)];
  const onlyBefore = a.filter((f) => !b.includes(f));
  const onlyAfter = b.filter((f) => !a.includes(f));
  const differing: string[] = [];
  for (const file of a.filter((f) => b.includes(f))) {
    if (!(await comparable(join(before, file))).equals(await comparable(join(after, file)))) differing.push(file);
  }
  const unstable = (f: string) => pagefindUnstable.test(f);
  const varied = [...onlyBefore, ...onlyAfter, ...differing].filter(unstable);
  const perSite = (list: string[]) => {
    const counts = new Map<string, number>();
    for (const f of list.filter(unstable)) counts.set(f.split("/")[0]!, (counts.get(f.split("/")[0]!) ?? 0) + 1);
    return JSON.stringify([...counts].sort());
  };
  if (perSite(a) !== perSite(b)) differing.push("(the number of Pagefind index files per site)");
  for (const list of [onlyBefore, onlyAfter, differing])
    list.splice(0, list.length, ...list.filter((f) => !unstable(f)));
  if (varied.length)
    console.log(
      `Pagefind index files that vary run to run, left out (${varied.length}): ${[...new Set(varied.map((f) => f.split("/")[0]))].join(", ")}`,
    );
  const show = (label: string, list: string[]) =>
    list.length &&
    console.log(`${label} (${list.length}):\n  ${list.slice(0, 30).join("\n  ")}${list.length > 30 ? "\n  ..." : ""}`);
  show(`only in ${base}'s dist/`, onlyBefore);
  show("only in the working tree's dist/", onlyAfter);
  show("different", differing);
  if (onlyBefore.length + onlyAfter.length + differing.length) {
    console.log(
      `dist/ differs from ${base}'s: ${onlyBefore.length + onlyAfter.length + differing.length} of ${new Set([...a, ...b]).size} files`,
    );
    process.exitCode = 1;
  } else {
    console.log(
      `dist/ is identical to ${base}'s: ${a.length} files compared byte for byte (manifests without their build time)`,
    );
  }
} finally {
  spawnSync("git", ["worktree", "remove", "--force", worktree], { cwd: toolsRepoRoot });
  await rm(scratch, { recursive: true, force: true });
}

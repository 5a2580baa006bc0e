import { spawn } from "node:child_process";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Progress } from "../core/progress.ts";
import { workspaceAt } from "../core/workspace.ts";
import { type PreviewJob, type PreviewResult, renderFailed } from "../gateway/draft-previews.ts";
import { buildSites } from "./build-sites.ts";
import { filesToForget, forgetCachedFiles } from "./eleventy-cache.ts";

/**
 * Renders one draft as its unit's site, with the same generator and theme as the live one: the
 * draft's files (`portal.json`, every unit's `site.json`, the hub's catalogue and the whole of
 * the unit's folder, as the draft branch has them) are written to `src/`, then the build runs
 * over that one unit in preview mode (build-sites.ts `preview`) into `dist/<unit>/`.
 */
export async function renderDraftPreview(job: PreviewJob): Promise<PreviewResult> {
  const started = performance.now();
  const src = join(job.dir, "src");
  const ws = workspaceAt(src, { distDir: join(job.dir, "dist"), cacheDir: job.cacheDir });
  // Eleventy keeps what it read of a path for the life of the process: the previous render's
  // files (this preview's, at the same paths) are forgotten, as npm start forgets a changed file.
  await forgetCachedFiles(filesToForget(ws, [job.unit], []));
  await rm(src, { recursive: true, force: true, maxRetries: 3 });
  await mkdir(src, { recursive: true });
  await extract(job.clone, job.ref, await filesOf(job), src);
  await forgetCachedFiles(filesToForget(ws, [job.unit], []));
  const report = await buildSites(ws, [job.unit], {
    base: job.base,
    ...(job.quickImages ? { quickImages: true as const } : {}),
    progress: new Progress(),
    preview: { prefix: job.prefix, entry: job.entry, ...(job.published ? { published: job.published } : {}) },
  });
  const ms = Math.round(performance.now() - started);
  if (report.fatal.length) return { ok: false, problems: report.fatal, ms };
  const result = report.results.find((r) => r.slug === job.unit);
  if (!result) return renderFailed(job.unit, "not built", ms);
  return result.ok ? { ok: true, pages: result.pages, ms } : { ok: false, problems: result.problems, ms };
}

/**
 * The draft's files the build reads, regular files only (a link committed by hand is never
 * written out, so nothing in `src/` points outside it).
 */
async function filesOf(job: PreviewJob): Promise<string[]> {
  const listing = await run("git", ["ls-tree", "-r", "-z", "--full-tree", job.ref, "--", "portal.json", "sites/"], {
    cwd: job.clone,
  });
  const files: string[] = [];
  for (const line of listing.toString("utf8").split("\0")) {
    const m = /^(\d+) blob [0-9a-f]+\t(.+)$/s.exec(line);
    if (!m || !/^1006[0-7]{2}$/.test(m[1]!)) continue;
    const path = m[2]!;
    const parts = path.split("/");
    const wanted =
      path === "portal.json" ||
      (parts.length === 3 && (parts[2] === "site.json" || parts[2] === "katalog.json")) ||
      (parts[1] === job.unit && parts.length > 2);
    if (wanted) files.push(path);
  }
  return files;
}

/** `git archive` of exactly those files, unpacked into `into`. */
async function extract(clone: string, ref: string, files: string[], into: string): Promise<void> {
  if (files.length === 0) return;
  const tar = await run("git", ["archive", "--format=tar", ref, "--", ...files.map((f) => `:(literal)${f}`)], {
    cwd: clone,
  });
  await run("tar", ["-x", "--no-same-owner", "--no-same-permissions", "-C", into], { input: tar });
}

function run(command: string, args: string[], options: { cwd?: string; input?: Buffer }): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (d: Buffer) => out.push(d));
    child.stderr.on("data", (d: Buffer) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(Buffer.concat(out))
        : reject(new Error(`${command} ${args[0]} failed (${code}): ${Buffer.concat(err).toString().trim()}`)),
    );
    child.stdin.end(options.input);
  });
}

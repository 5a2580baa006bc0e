import { existsSync } from "node:fs";
import { copyFile, cp, link, mkdir, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import type { Workspace } from "../core/workspace.ts";
import { timeLimits, type Progress } from "../core/progress.ts";
import { schemas } from "../schema/schemas.ts";
import { mediaKindOf } from "../content/media-reference.ts";
import { scanMedia } from "../content/site-files.ts";
import {
  portalPlugin,
  type BuildOutput,
  type PortalPluginOptions,
  type RunActivity,
} from "../generator/portal-plugin.ts";
import type { Base } from "../generator/site-origin.ts";
import { forgetCompiledLayouts } from "./eleventy-cache.ts";

const eleventyConfigFile = fileURLToPath(new URL("../generator/eleventy.config.ts", import.meta.url));

/** What a run needs: the plugin's options, less what the run derives from the workspace itself. */
export type RunOptions = Omit<
  PortalPluginOptions,
  "sitesDir" | "themeDir" | "cacheDir" | "outputDir" | "outputs" | "base" | "activity"
> & {
  ws: Workspace;
  base: Base;
  progress?: Progress;
};

/** Where runs stage their output: `dist/.staging/run-<pid>-<time>/`. */
export const stagingRoot = (ws: Workspace) => join(ws.distDir, ".staging");

/**
 * One Eleventy run over several sites, into a staging folder. Nothing in `dist/` changes here:
 * the caller publishes each site with `publishSite` once the whole run has succeeded.
 */
export async function buildRun(options: RunOptions): Promise<{ staging: string; outputs: Map<string, BuildOutput> }> {
  const { ws } = options;
  const staging = join(stagingRoot(ws), `run-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const outputs = new Map<string, BuildOutput>(
    options.sites.map((s) => [s.slug, { images: new Set<string>(), pages: 0, searchable: 0 }]),
  );
  const activity: RunActivity = { abandoned: false, inflight: 0, lastActivity: performance.now() };
  try {
    await forgetCompiledLayouts(ws.themeDir);
    const elev = new Eleventy(
      contentGlob(
        ws,
        options.sites.map((s) => s.slug),
      ),
      staging,
      {
        inputDir: ws.sitesDir,
        quietMode: true,
        configPath: eleventyConfigFile,
        config: (eleventyConfig: unknown) => {
          const { ws: _ws, progress: _p, ...plugin } = options;
          portalPlugin(eleventyConfig as Record<string, unknown>, {
            ...plugin,
            sitesDir: ws.sitesDir,
            themeDir: ws.themeDir,
            cacheDir: ws.cacheDir,
            outputDir: staging,
            outputs,
            activity,
          });
        },
      },
    );
    // The build reports per site itself; Eleventy's own "Wrote N files" lines would interleave.
    elev.disableLogger();
    await untilDone(() => elev.write(), activity, options.progress);
    return { staging, outputs };
  } catch (error) {
    // Eleventy's write() rejects at the first error while other pages still render: those must
    // end before the staging folder goes (or rm meets files still arriving) and before a retry
    // compiles layouts that this run could still put in Eleventy's process-wide cache.
    activity.abandoned = true;
    await quiet(activity);
    await rm(staging, { recursive: true, force: true, maxRetries: 5 });
    throw error;
  }
}

/**
 * Exactly the validated sites' content files: Eleventy reads nothing else under sites/ (a stray
 * `sites/x.md`, a folder a unit left beside content/, or a symlink out of the tree). Globs are
 * relative to the working directory, as Eleventy resolves them.
 */
function contentGlob(ws: Workspace, slugs: string[]): string {
  const sites = relative(process.cwd(), ws.sitesDir).split(sep).join("/") || ".";
  const braces = (names: string[]) => (names.length === 1 ? names[0]! : `{${names.join(",")}}`);
  // Slugs and type names are DNS labels and folder names: no glob syntax in them. With no site
  // at all (a run of the hub alone has one), the glob still names a folder that exists.
  return `${sites}/${braces(slugs)}/content/${braces(schemas().types.map((t) => t.name))}/*.md`;
}

/**
 * Waits for the run, turning what would otherwise end the process silently or hang it into an
 * error naming the stage: a promise rejected where nobody awaits it, or no progress at all for
 * `timeLimits.eleventyStallMs`.
 */
async function untilDone<T>(work: () => Promise<T>, activity: RunActivity, progress: Progress | undefined): Promise<T> {
  let fail!: (reason: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // A rejection nobody awaits often means the run itself will never settle: fail it now.
  process.on("unhandledRejection", fail);
  const timer = setInterval(() => {
    if (performance.now() - activity.lastActivity > timeLimits.eleventyStallMs) {
      fail(
        new Error(
          `Internal error: Eleventy wrote nothing for ${timeLimits.eleventyStallMs / 60_000} minutes during ${progress?.describe() ?? "the build"}`,
        ),
      );
    }
  }, 1000);
  // Not what keeps the process alive: if nothing else does, the CLI reports the hang at once.
  timer.unref();
  try {
    return await Promise.race([work(), failed]);
  } finally {
    clearInterval(timer);
    process.off("unhandledRejection", fail);
  }
}

/** Until no hook of an abandoned run has worked for a moment (at most half a minute). */
async function quiet(activity: RunActivity): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 30_000) {
    if (activity.inflight === 0 && performance.now() - activity.lastActivity > 250) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Moves one built site from the staging folder into `dist/<slug>/`, with the encoded images its
 * pages use and its documents (except those withheld). The old folder is replaced only once the
 * new one is complete.
 */
export async function publishSite(
  ws: Workspace,
  staging: string,
  slug: string,
  output: BuildOutput,
  withheld: ReadonlySet<string>,
): Promise<void> {
  const built = join(staging, slug);
  await mkdir(built, { recursive: true });
  await cp(join(ws.themeDir, "assets"), join(built, "assets"), { recursive: true });
  await cp(join(ws.themeDir, "admin"), join(built, "admin"), { recursive: true });
  await publishCms(join(built, "admin", "decap"));
  await publishDocuments(join(ws.sitesDir, slug), built, withheld);
  await publishImages(built, join(ws.cacheDir, "img"), output.images);
  await swapInto(built, join(ws.distDir, slug));
}

/**
 * Documents are published as uploaded; images only in their resized forms. Only regular files
 * are copied (validation refuses a unit with anything else in media/; this holds even so), and
 * never the file of an excluded document.
 */
async function publishDocuments(siteDir: string, built: string, withheld: ReadonlySet<string>): Promise<void> {
  for (const path of scanMedia(siteDir).files.keys()) {
    if (mediaKindOf(path) !== "document" || withheld.has(path)) continue;
    const to = join(built, path);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(siteDir, path), to);
  }
}

/** Decap CMS's own files (its script, the chunks it loads, two WebAssembly files): 6 MB. */
const decapDist = dirname(createRequire(import.meta.url).resolve("decap-cms/dist/decap-cms.js"));
let decapFiles: string[] | undefined;

/**
 * Every site serves the CMS from its own origin. The files are hard links to the package's, so 44
 * sites cost no more disk than one (source maps and the second, unused build are left out).
 */
async function publishCms(target: string): Promise<void> {
  decapFiles ??= (await readdir(decapDist)).filter((f) => /^(?:\d+\.)?decap-cms\.js$|\.wasm$/.test(f));
  await mkdir(target, { recursive: true });
  for (const name of decapFiles)
    await link(join(decapDist, name), join(target, name)).catch(() =>
      copyFile(join(decapDist, name), join(target, name)),
    );
}

/**
 * eleventy-img writes into a cache folder kept between builds; copy into the output only the
 * files this site's pages reference, so deleted photos do not linger in `dist/`.
 */
async function publishImages(outDir: string, imageCache: string, used: Set<string>): Promise<void> {
  if (used.size === 0) return;
  const target = join(outDir, "img");
  await mkdir(target, { recursive: true });
  for (const name of used) {
    const from = join(imageCache, name);
    if (!existsSync(from))
      throw new Error(`Internal error: page references /img/${name} but eleventy-img did not write it`);
    // A hard link costs no space and no copy time; fall back to copying across file systems.
    await link(from, join(target, name)).catch(() => copyFile(from, join(target, name)));
  }
}

async function swapInto(staging: string, finalDir: string): Promise<void> {
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) await rename(finalDir, old);
  await rename(staging, finalDir);
  await rm(old, { recursive: true, force: true });
}

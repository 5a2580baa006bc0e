import { existsSync } from "node:fs";
import { copyFile, cp, link, mkdir, readdir, rename, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import type { Workspace } from "../core/workspace.ts";
import { portalPlugin, type BuildOutput, type PortalPluginOptions } from "../generator/portal-plugin.ts";
import type { Base } from "../generator/site-origin.ts";
import { forgetCompiledLayouts } from "./eleventy-cache.ts";

const eleventyConfigFile = fileURLToPath(new URL("../generator/eleventy.config.ts", import.meta.url));

/** What a run needs: the plugin's options, less what the run derives from the workspace itself. */
export type RunOptions = Omit<PortalPluginOptions, "sitesDir" | "themeDir" | "cacheDir" | "outputDir" | "outputs" | "base"> & {
  ws: Workspace;
  base: Base;
};

/**
 * One Eleventy run over several sites, into a staging folder. Nothing in `dist/` changes here:
 * the caller publishes each site with `publishSite` once the whole run has succeeded.
 */
export async function buildRun(options: RunOptions): Promise<{ staging: string; outputs: Map<string, BuildOutput> }> {
  const { ws } = options;
  const staging = join(ws.distDir, ".staging", `run-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const outputs = new Map<string, BuildOutput>(options.sites.map((s) => [s.slug, { images: new Set<string>(), pages: 0, searchable: 0 }]));
  try {
    await forgetCompiledLayouts(ws.themeDir);
    const elev = new Eleventy(ws.sitesDir, staging, {
      quietMode: true,
      configPath: eleventyConfigFile,
      config: (eleventyConfig: unknown) => {
        const { ws: _ws, ...plugin } = options;
        portalPlugin(eleventyConfig as Record<string, unknown>, { ...plugin, sitesDir: ws.sitesDir, themeDir: ws.themeDir, cacheDir: ws.cacheDir, outputDir: staging, outputs });
      },
    });
    // The build reports per site itself; Eleventy's own "Wrote N files" lines would interleave.
    elev.disableLogger();
    await failOnStrayRejection(() => elev.write());
    return { staging, outputs };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Some errors inside Eleventy's plugins surface as promise rejections nobody awaits, which would
 * end the whole process (every site). During a run they fail the run instead, so the caller can
 * pin the error on its site and publish the others.
 */
async function failOnStrayRejection<T>(work: () => Promise<T>): Promise<T> {
  let stray: unknown;
  const onStray = (reason: unknown) => void (stray ??= reason);
  process.on("unhandledRejection", onStray);
  try {
    const result = await work();
    if (stray !== undefined) throw stray;
    return result;
  } finally {
    process.off("unhandledRejection", onStray);
  }
}

/**
 * Moves one built site from the staging folder into `dist/<slug>/`, with the encoded images its
 * pages use. The old folder is replaced only once the new one is complete.
 */
export async function publishSite(ws: Workspace, staging: string, slug: string, output: BuildOutput): Promise<void> {
  const built = join(staging, slug);
  await mkdir(built, { recursive: true });
  await cp(join(ws.themeDir, "assets"), join(built, "assets"), { recursive: true });
  await cp(join(ws.themeDir, "admin"), join(built, "admin"), { recursive: true });
  await publishCms(join(built, "admin", "decap"));
  await publishImages(built, join(ws.cacheDir, "img"), output.images);
  await swapInto(built, join(ws.distDir, slug));
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
  for (const name of decapFiles) await link(join(decapDist, name), join(target, name)).catch(() => copyFile(join(decapDist, name), join(target, name)));
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
    if (!existsSync(from)) throw new Error(`Internal error: page references /img/${name} but eleventy-img did not write it`);
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

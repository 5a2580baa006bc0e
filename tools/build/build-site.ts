import { existsSync } from "node:fs";
import { link, mkdir, rename, rm, copyFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Eleventy } from "@11ty/eleventy";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { portalSitePlugin, type BuildOutput } from "../generator/site-plugin.ts";
import type { Base } from "../generator/site-origin.ts";

const eleventyConfigFile = fileURLToPath(new URL("../generator/eleventy.config.ts", import.meta.url));

export interface SiteBuildOptions {
  ws: Workspace;
  portal: PortalConfig;
  site: SiteRecord;
  base: Base;
  now?: Date;
}

/**
 * Builds one site into a staging folder and only then swaps it into `dist/<slug>/`, so a failed
 * or interrupted build never replaces a good earlier one with partial output.
 */
export async function buildSite(options: SiteBuildOptions): Promise<{ pages: number }> {
  const { ws, site } = options;
  const siteDir = join(ws.sitesDir, site.slug);
  const staging = join(ws.distDir, ".staging", `${site.slug}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const output: BuildOutput = { images: new Set(), pages: 0 };
  try {
    const elev = new Eleventy(siteDir, staging, {
      quietMode: true,
      configPath: eleventyConfigFile,
      config: (eleventyConfig: unknown) =>
        portalSitePlugin(eleventyConfig as Record<string, unknown>, {
          siteDir,
          themeDir: ws.themeDir,
          cacheDir: ws.cacheDir,
          portal: options.portal,
          site,
          base: options.base,
          output,
          ...(options.now ? { now: options.now } : {}),
        }),
    });
    // The build reports per site itself; Eleventy's own "Wrote N files" lines would interleave.
    elev.disableLogger();
    await elev.write();
    await publishImages(staging, join(ws.cacheDir, "img", site.slug), output.images);
    await swapInto(staging, join(ws.distDir, site.slug));
    return { pages: output.pages };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * eleventy-img writes into a cache folder kept between builds; copy into the output only the
 * files this build's pages reference, so deleted photos do not linger in `dist/`.
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

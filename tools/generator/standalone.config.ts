import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { workspaceAt } from "../core/workspace.ts";
import { portalPlugin, type EleventyConfig } from "./portal-plugin.ts";
import { inWindow, readBroadcasts } from "../content/broadcasts.ts";

export { config } from "./eleventy.config.ts";

/**
 * Every site with the portal theme in one plain Eleventy process, without the portal's
 * validation, staging or per-site publishing:
 *   node --import tsx node_modules/@11ty/eleventy/cmd.cjs --input=sites --output=/tmp/out \
 *     --config=tools/generator/standalone.config.ts
 * The benchmark uses it as the baseline for what `portal build` adds; it is also a quick way to
 * debug a theme change with Eleventy's own flags (--dryrun, DEBUG=Eleventy*).
 */
export default function (eleventyConfig: EleventyConfig): void {
  const sitesDir = resolve(eleventyConfig.directories.input);
  const ws = workspaceAt(dirname(sitesDir));
  const portal = JSON.parse(readFileSync(ws.portalFile, "utf8")) as PortalConfig;
  const allSlugs = readdirSync(sitesDir).filter((slug) => existsSync(join(sitesDir, slug, "site.json")));
  const sites = allSlugs
    .map((slug) => JSON.parse(readFileSync(join(sitesDir, slug, "site.json"), "utf8")) as SiteRecord)
    .filter((site) => site.status !== "retired");
  portalPlugin(eleventyConfig, {
    sitesDir,
    themeDir: ws.themeDir,
    cacheDir: ws.cacheDir,
    outputDir: resolve(eleventyConfig.directories.output),
    portal,
    sites,
    registry: sites,
    broadcasts: inWindow(readBroadcasts(ws, portal), new Date()),
    outputs: new Map(),
  });
}

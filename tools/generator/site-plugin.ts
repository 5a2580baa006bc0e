import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { contentTypeByName, contentTypes, type ContentType } from "../content/content-types.ts";
import { parseYaml } from "../content/front-matter.ts";
import { itemUrl, listUrl, siteUrls } from "../content/permalinks.ts";
import { createMarkdown } from "./markdown.ts";
import { imageOptions } from "./image-options.ts";
import { feedHtml, imageTransformPlugin } from "./image-transform.ts";
import { dateFilters } from "./filters/dates.ts";
import { angka, rupiah, ukuranBerkas } from "./filters/numbers.ts";
import { shareImage } from "./share-image.ts";
import { productionBase, siteUrl, type Base } from "./site-origin.ts";
import { sortItems, upcoming, isCurrent } from "./collections.ts";
import { registerPages } from "./pages.ts";
import { manifestJson } from "./manifest.ts";
import { jsonFeed } from "./json-feed.ts";

export interface SitePluginOptions {
  siteDir: string;
  themeDir: string;
  cacheDir: string;
  portal: PortalConfig;
  site: SiteRecord;
  /** Where links and feeds point: production domain (default) or the local dev server. */
  base?: Base;
  /** Time the build runs at; injected so tests can pin "today". */
  now?: Date;
  /** Filled during the build: what the build must publish and report. */
  output: BuildOutput;
}

export interface BuildOutput {
  /** File names under /img/ that pages reference. */
  images: Set<string>;
  pages: number;
}

const imageReference = /\/img\/([A-Za-z0-9_-]+-\d+\.(?:avif|webp|jpeg|jpg|png))/g;

function recordImages(output: BuildOutput, text: string): void {
  for (const m of text.matchAll(imageReference)) output.images.add(m[1]!);
}

// Eleventy's config API is untyped JavaScript; this is the part of it we use.
export interface EleventyConfig {
  [key: string]: any;
}

const itemPath = /[/\\]content[/\\]([^/\\]+)[/\\]([^/\\]+)\.md$/;

/** The type and slug of a content file from its input path, or undefined for generated pages. */
export function contentFileOf(inputPath: string): { type: ContentType; slug: string } | undefined {
  const m = itemPath.exec(inputPath);
  const type = m && contentTypeByName.get(m[1]!);
  return type ? { type, slug: m[2]! } : undefined;
}

/**
 * Turns one `sites/<slug>/` folder into a static site with the shared theme. An Eleventy plugin
 * `(eleventyConfig, options)`: the build creates one Eleventy instance per site with it.
 */
export function portalSitePlugin(eleventyConfig: EleventyConfig, options: SitePluginOptions): void {
  const { portal, site, themeDir, siteDir } = options;
  const now = options.now ?? new Date();
  const base = options.base ?? productionBase(portal);
  const ui = JSON.parse(readFileSync(join(themeDir, "strings.id.json"), "utf8")) as Record<string, string>;
  const dates = dateFilters(portal.time_zone);
  const today = dates.tanggalIso(now);

  eleventyConfig.setUseGitIgnore(false);
  // Eleventy keeps file contents in process-wide caches that only its own watcher invalidates;
  // we build many sites, and rebuild them, in one process, so a cached read would be stale.
  eleventyConfig.setUseTemplateCache(true);
  eleventyConfig.setQuietMode(true);
  eleventyConfig.setTemplateFormats(["md", "njk"]);
  // Includes live in the shared theme, not in any site folder, so units never copy layouts.
  eleventyConfig.setIncludesDirectory(relative(siteDir, join(themeDir, "_includes")));
  // Front matter is YAML only: Eleventy would otherwise execute `---js` blocks from an editor.
  // (Markdown never passes through a template engine: see eleventy.config.ts.)
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: parseYaml,
      js: refuseScriptFrontMatter,
      javascript: refuseScriptFrontMatter,
      jsLegacy: refuseScriptFrontMatter,
    },
  });
  // Only content/**/*.md is a page; a stray template elsewhere in a unit's folder is ignored.
  eleventyConfig.ignores.add(join(siteDir, "*.md"));
  eleventyConfig.ignores.add(join(siteDir, "**/*.njk"));
  eleventyConfig.ignores.add(join(siteDir, "media/**"));
  eleventyConfig.ignores.add(join(siteDir, "node_modules/**"));

  eleventyConfig.setLibrary("md", createMarkdown());
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true });

  const { output } = options;
  const { transformHtml } = imageTransformPlugin(eleventyConfig, imageOptions(options.cacheDir, site.slug), (html) => {
    output.pages++;
    recordImages(output, html);
  });
  const share = async (src: string) => {
    const url = await shareImage(siteDir, options.cacheDir, site.slug, src);
    recordImages(output, url);
    return url;
  };

  eleventyConfig.addPassthroughCopy({ [join(themeDir, "assets")]: "assets" });
  // Documents are published as uploaded; images are served only in their resized forms.
  eleventyConfig.addPassthroughCopy({ [join(siteDir, "media")]: "media" }, { filter: ["**/*.{pdf,docx,xlsx,odt,ods}"] });

  const origins = { self: siteUrl(base, portal, site.slug).slice(0, -1), hub: siteUrl(base, portal, portal.hub) };
  eleventyConfig.addGlobalData("portal", portal);
  eleventyConfig.addGlobalData("site", site);
  eleventyConfig.addGlobalData("ui", ui);
  eleventyConfig.addGlobalData("types", contentTypes.map(({ name, label, labelSingular }) => ({ name, label, labelSingular })));
  eleventyConfig.addGlobalData("urls", { ...siteUrls, ...origins });
  eleventyConfig.addGlobalData("today", today);
  eleventyConfig.addGlobalData("zone", dates.pukul("2000-01-01 00:00").split(" ").pop());
  eleventyConfig.addGlobalData("layout", "layouts/item.njk");
  eleventyConfig.addGlobalData("permalink", () => (data: { page: { inputPath: string } }) => {
    const item = contentFileOf(data.page.inputPath);
    if (!item) throw new Error(`Internal error: no permalink for ${data.page.inputPath}`);
    return itemUrl(item.type.name, item.slug);
  });
  for (const type of contentTypes) {
    eleventyConfig.addCollection(type.name, (api: { getAll(): CollectionItem[] }) =>
      sortItems(type.name, api.getAll().filter((item) => contentFileOf(item.inputPath)?.type.name === type.name)),
    );
  }
  eleventyConfig.addCollection("feed", (api: { getAll(): CollectionItem[] }) =>
    api
      .getAll()
      .filter((item) => contentFileOf(item.inputPath)?.type.feed)
      .sort((a, b) => String(b.data.date).localeCompare(String(a.data.date))),
  );

  for (const [name, fn] of Object.entries(dates)) eleventyConfig.addFilter(name, fn);
  eleventyConfig.addFilter("angka", angka);
  eleventyConfig.addFilter("rupiah", rupiah);
  eleventyConfig.addFilter("ukuranBerkas", ukuranBerkas);
  eleventyConfig.addFilter("itemUrl", itemUrl);
  eleventyConfig.addFilter("listUrl", listUrl);
  // Type and title come from filters, not eleventyComputed: computed data costs Eleventy a
  // dependency analysis on every page (a fifth of a large build, measured in docs/benchmarks.md).
  eleventyConfig.addFilter("contentTypeOf", (inputPath: string) => contentFileOf(inputPath)?.type.name);
  eleventyConfig.addFilter("titleOf", (item: CollectionItem) => titleOf(item));
  eleventyConfig.addFilter("typeLabel", (name: string) => contentTypeByName.get(name)?.label ?? name);
  eleventyConfig.addFilter("upcoming", (items: CollectionItem[]) => upcoming(items, today));
  eleventyConfig.addFilter("current", (items: CollectionItem[]) => items.filter((i) => isCurrent(i, today)));
  eleventyConfig.addFilter("where", (items: CollectionItem[], key: string, value: unknown) => items.filter((i) => i.data[key] === value));
  eleventyConfig.addFilter("head", <T>(items: T[], n: number) => (items ?? []).slice(0, n));
  eleventyConfig.addFilter("fileSize", (path: string) => statSync(join(siteDir, path)).size);
  eleventyConfig.addFilter("unitUrl", (slug: string) => siteUrl(base, portal, slug));
  eleventyConfig.addFilter("jsonFeed", (items: CollectionItem[], s: SiteRecord, self: string) => jsonFeed(items, s, self));
  eleventyConfig.addAsyncFilter("feedHtml", async (html: string, page: CollectionItem["data"]["page"]) => {
    const result = await feedHtml(transformHtml, html, page, origins.self);
    recordImages(output, result);
    return result;
  });
  eleventyConfig.addAsyncFilter("shareImage", share);
  eleventyConfig.addAsyncFilter("manifestJson", (collections: Record<string, CollectionItem[]>) =>
    manifestJson({ collections, site, portal, origin: origins.self, shareImage: share, timeZone: portal.time_zone }),
  );

  registerPages(eleventyConfig, themeDir);
}

/** An item's title: `title`, or the field its type names (pejabat: `name`). */
export function titleOf(item: CollectionItem): string {
  const type = contentFileOf(item.inputPath)?.type;
  return String(item.data[type?.titleField ?? "title"] ?? item.data.title ?? "");
}

export interface CollectionItem {
  inputPath: string;
  url: string;
  date: Date;
  data: Record<string, any>;
  content?: string;
}

function refuseScriptFrontMatter(): never {
  throw new Error("Script front matter is not allowed in content files: use YAML (a file starting with a plain ---).");
}

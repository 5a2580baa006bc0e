import { lstatSync, readFileSync } from "node:fs";
import { accentCss } from "./inline-style.ts";
import { assetUrlFilter } from "./asset-url.ts";
import { join, relative, resolve, sep } from "node:path";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { contentTypeByName, contentTypes, type ContentType } from "../content/content-types.ts";
import { parseYaml } from "../content/front-matter.ts";
import { itemUrl, listUrl, siteUrls } from "../content/permalinks.ts";
import { createMarkdown, type MediaUrl } from "./markdown.ts";
import { resolveMediaReference } from "../content/media-reference.ts";
import { entryKind } from "../content/site-files.ts";
import { siteLinkPath } from "../content/site-links.ts";
import { imageOptions } from "./image-options.ts";
import { feedHtml, imageTransformPlugin } from "./image-transform.ts";
import { dateFilters } from "./filters/dates.ts";
import { angka, rupiah, ukuranBerkas } from "./filters/numbers.ts";
import { iconImage, shareImage } from "./share-image.ts";
import { productionBase, siteUrl, type Base } from "./site-origin.ts";
import { isCurrent, listPages, siteIndex, upcoming, type SiteIndex } from "./collections.ts";
import { registerPages } from "./pages.ts";
import { cmsConfig, cmsRules } from "../cms/cms-config.ts";
import { manifestJson } from "./manifest.ts";
import { hubJsonFeed, jsonFeed } from "./json-feed.ts";
import { hubListUrl, type HubData } from "./hub-data.ts";
import type { Broadcast } from "../content/broadcasts.ts";
import { searchableMark } from "./search-index.ts";

/**
 * Builds many unit sites in ONE Eleventy instance: input `sites/`, output one folder per site.
 * Every theme template is compiled once per build, not once per site, which is what keeps a
 * regency's full build close to the cost of a plain Eleventy run over the same Markdown
 * (docs/benchmarks.md). Pages are written under `<slug>/...`; a URL transform removes the slug
 * from `page.url`, because each site is served at the root of its own subdomain.
 */
export interface PortalPluginOptions {
  sitesDir: string;
  themeDir: string;
  cacheDir: string;
  /** Eleventy's output folder for this run; each site is a folder in it. */
  outputDir: string;
  portal: PortalConfig;
  /** The sites this run builds (already validated). */
  sites: SiteRecord[];
  /** Every unit in the registry, built in this run or not: the network of links on every page. */
  registry: SiteRecord[];
  /** The units' published manifests, for the hub's pages; only in the run that builds the hub. */
  hub?: HubData;
  /** Regional broadcasts in their window: on every page of every site. */
  broadcasts: Broadcast[];
  /** Where links and feeds point: production domain (default) or the local dev server. */
  base?: Base;
  /** Time the build runs at; injected so tests can pin "today". */
  now?: Date;
  /** Filled during the build, per site: what to publish and report. */
  outputs: Map<string, BuildOutput>;
  /** `npm start`: the CMS saves through decap-server at this path of each site's own origin. */
  cmsLocalBackend?: { path: string };
  /** Per site, the media files of excluded documents (never in the manifest). */
  withheld?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Seen by every hook of the run (build-run.ts): activity, and whether the run was abandoned. */
  activity?: RunActivity;
}

/**
 * What the run's hooks tell the runner: when they last did anything (a hang is an error, not a
 * silent end) and how many are still at work. Once a run has failed it is abandoned: its hooks
 * refuse to work, so what Eleventy still renders in the background ends quickly and cannot touch
 * the next run (a retry once failed on the filters of the run before it).
 */
export interface RunActivity {
  abandoned: boolean;
  inflight: number;
  lastActivity: number;
}

export interface BuildOutput {
  /** File names under /img/ that the site's pages reference. */
  images: Set<string>;
  pages: number;
  /** Pages the theme marks for the search index (`data-pagefind-body`). */
  searchable: number;
}

// Eleventy's config API is untyped JavaScript; this is the part of it we use.
export interface EleventyConfig {
  // biome-ignore lint/suspicious/noExplicitAny: Eleventy's config API is untyped JavaScript
  [key: string]: any;
}

export interface CollectionItem {
  inputPath: string;
  url: string;
  date: Date;
  // biome-ignore lint/suspicious/noExplicitAny: front matter, validated against the type's schema
  data: Record<string, any>;
  content?: string;
}

interface PageContext {
  inputPath: string;
  outputPath: string | false;
  url: string;
}

export function portalPlugin(eleventyConfig: EleventyConfig, options: PortalPluginOptions): void {
  const { portal, themeDir, sitesDir, outputs } = options;
  const base = options.base ?? productionBase(portal);
  const now = options.now ?? new Date();
  const ui = JSON.parse(readFileSync(join(themeDir, "strings.id.json"), "utf8")) as Record<string, string> & {
    unitTypes: Record<string, string>;
  };
  const dates = dateFilters(portal.time_zone);
  const today = dates.tanggalIso(now);
  const bySlug = new Map(options.sites.map((s) => [s.slug, s]));
  const paths = sitePaths(sitesDir, options.outputDir, bySlug);

  const activity = options.activity ?? { abandoned: false, inflight: 0, lastActivity: 0 };
  const live = () => {
    if (activity.abandoned) throw new Error("this build run was abandoned after an earlier error");
    activity.lastActivity = performance.now();
  };
  /** A hook that counts while it works, so an abandoned run can be waited for until it is quiet. */
  // biome-ignore lint/suspicious/noExplicitAny: a hook runs with whatever `this` Eleventy gives it
  const tracked = <A extends unknown[], R>(fn: (this: any, ...args: A) => Promise<R>) =>
    // biome-ignore lint/suspicious/noExplicitAny: as above
    async function (this: any, ...args: A): Promise<R> {
      live();
      activity.inflight++;
      try {
        return await fn.apply(this, args);
      } finally {
        activity.inflight--;
        activity.lastActivity = performance.now();
      }
    };
  const isMediaFile = (slug: string) => (path: string) => entryKind(join(sitesDir, slug, path)) === "file";
  // biome-ignore lint/suspicious/noExplicitAny: filters run with Eleventy's `this` (page, eleventy)
  const filter = (name: string, fn: (this: any, ...args: any[]) => unknown) =>
    eleventyConfig.addFilter(name, function (this: unknown, ...args: unknown[]) {
      live();
      return fn.apply(this, args);
    });
  // Registered with Nunjucks directly: Eleventy's addAsyncFilter never calls Nunjucks back when
  // the filter rejects (it awaits, then calls back only on success), so the page's render never
  // settles and a whole build ended silently with exit 0 (Eleventy 3.1.8, src/UserConfig.js).
  // biome-ignore lint/suspicious/noExplicitAny: as above
  const asyncFilter = (name: string, fn: (this: any, ...args: any[]) => Promise<unknown>) => {
    const work = tracked(fn);
    eleventyConfig.addNunjucksAsyncFilter(name, function (this: unknown, ...args: unknown[]) {
      const done = args.pop() as (error: unknown, result?: unknown) => void;
      work.apply(this, args).then(
        (result) => done(null, result),
        (error: unknown) => done(error),
      );
    });
  };

  eleventyConfig.setUseGitIgnore(false);
  // Eleventy's process-wide template cache stays on (a third of the build time without it);
  // a long-running process that rebuilds sites invalidates changed files: see eleventy-cache.ts.
  eleventyConfig.setUseTemplateCache(true);
  eleventyConfig.setQuietMode(true);
  eleventyConfig.setTemplateFormats(["md", "njk"]);
  // Includes live in the shared theme, not in any site folder, so units never copy layouts.
  eleventyConfig.setIncludesDirectory(relative(sitesDir, join(themeDir, "_includes")));
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
  // Nothing under sites/ runs as code: Eleventy would run `*.11tydata.js` beside any template and
  // every file of its data folder (`sites/_data/` by default). The run reads no data files at all;
  // the pages Eleventy reads are exactly the validated sites' `content/<type>/*.md` (build-run.ts
  // hands it their glob).
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setDataDirectory(relative(sitesDir, join(themeDir, "_data")));

  const mediaUrl: MediaUrl = (href, usage, env) => {
    const inputPath = (env as { page?: { inputPath?: string } }).page?.inputPath ?? "";
    const file = paths.contentFileOf(inputPath);
    if (!file) throw new Error(`Internal error: Markdown rendered outside a content file (${inputPath})`);
    const resolved = resolveMediaReference(href, usage, {
      fromDir: `content/${file.type.name}`,
      exists: isMediaFile(file.slug),
    });
    if (!resolved) return href;
    if (!resolved.ok)
      throw new Error(
        `Internal error: validation accepted "${href}" in ${relative(sitesDir, inputPath)}, which the build refuses (${resolved.refusal}: ${resolved.detail})`,
      );
    return resolved.url;
  };
  eleventyConfig.setLibrary(
    "md",
    createMarkdown({
      siteLinkUrl: (link) => `${siteUrl(base, portal, link.slug).slice(0, -1)}${siteLinkPath(link)}${link.fragment}`,
      mediaUrl,
    }),
  );
  eleventyConfig.setNunjucksEnvironmentOptions({
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });

  const outputOf = (slug: string) => {
    let output = outputs.get(slug);
    if (!output) outputs.set(slug, (output = { images: new Set(), pages: 0, searchable: 0 }));
    return output;
  };
  const { transformHtml } = imageTransformPlugin(
    eleventyConfig,
    imageOptions(options.cacheDir),
    (html, page) => {
      live();
      const output = outputOf(paths.slugOfPage(page));
      output.pages++;
      if (html.includes(searchableMark)) output.searchable++;
      recordImages(output, html);
    },
    (src, page) => {
      const slug = paths.slugOfPage(page);
      return `/${slug}${ownImage(slug, src, page.inputPath).url}`;
    },
    (work) => tracked(work)(),
  );
  /** An image of a unit's own media (front matter, the theme's <img>), or the build's refusal. */
  const ownImage = (slug: string, src: string, where: string) => {
    const resolved = resolveMediaReference(src, "image", { fromDir: "", exists: isMediaFile(slug) });
    if (!resolved?.ok)
      throw new Error(
        `Internal error: ${where} shows "${src}", which is not an image of ${slug}'s media (${resolved?.refusal ?? "not media"}); validation should have refused it`,
      );
    return resolved;
  };
  const recorded = (encode: typeof shareImage) =>
    tracked(async (slug: string, src: string) => {
      const url = await encode(join(sitesDir, slug), options.cacheDir, ownImage(slug, src, `sites/${slug}`).path);
      recordImages(outputOf(slug), url, true);
      return url;
    });
  const share = recorded(shareImage);
  const icon = recorded(iconImage);
  // (The theme's assets and the units' documents are copied into each site when it is published.)

  const urlsOf = (site: SiteRecord) => ({
    ...siteUrls,
    self: siteUrl(base, portal, site.slug).slice(0, -1),
    hub: siteUrl(base, portal, portal.hub),
  });
  eleventyConfig.addGlobalData("portal", portal);
  eleventyConfig.addGlobalData("sitesToBuild", options.sites);
  eleventyConfig.addGlobalData("ui", ui);
  eleventyConfig.addGlobalData(
    "types",
    contentTypes.map(({ name, label, labelSingular }) => ({ name, label, labelSingular })),
  );
  eleventyConfig.addGlobalData("network", networkOf(options.registry, portal, base, ui.unitTypes));
  eleventyConfig.addGlobalData("hub", options.hub);
  eleventyConfig.addGlobalData("broadcasts", options.broadcasts);
  eleventyConfig.addGlobalData("today", today);
  eleventyConfig.addGlobalData("zone", dates.pukul("2000-01-01 00:00").split(" ").pop());
  eleventyConfig.addGlobalData("layout", "layouts/item.njk");
  eleventyConfig.addGlobalData("permalink", () => (data: { page: { inputPath: string } }) => {
    const item = paths.contentFileOf(data.page.inputPath);
    if (!item) throw new Error(`Internal error: no permalink for ${data.page.inputPath}`);
    return `/${item.slug}${itemUrl(item.type.name, item.fileSlug)}`;
  });
  // Pages are written to <slug>/..., but each site is served at its subdomain's root.
  eleventyConfig.addUrlTransform(({ url }: { url: string }) => {
    const m = /^\/([^/]+)(\/.*)$/.exec(url);
    return m && bySlug.has(m[1]!) ? m[2] : url;
  });

  // Two collections serve every site: an index by site and type, and the list pages to paginate.
  let index: SiteIndex | undefined;
  const indexOf = (api: { getAll(): CollectionItem[] }) =>
    (index ??= siteIndex(api.getAll(), paths.contentFileOf, [...bySlug.keys()]));
  eleventyConfig.addCollection("bySite", indexOf);
  eleventyConfig.addCollection("listPages", (api: { getAll(): CollectionItem[] }) =>
    listPages(indexOf(api), options.sites, portal.hub),
  );

  for (const [name, fn] of Object.entries(dates)) filter(name, fn);
  filter("angka", angka);
  filter("rupiah", rupiah);
  filter("ukuranBerkas", ukuranBerkas);
  filter("itemUrl", itemUrl);
  filter("accentCss", accentCss);
  filter("assetUrl", assetUrlFilter(themeDir));
  filter("listUrl", listUrl);
  filter("hubListUrl", (type: string | undefined, unit: string | undefined) =>
    hubListUrl(type || undefined, unit || undefined),
  );
  // Site, type and title come from filters, not eleventyComputed: computed data costs Eleventy a
  // dependency analysis on every page (a fifth of a large build, measured).
  filter("siteOf", (page: PageContext) => bySlug.get(paths.slugOfPage(page)));
  filter("urlsOf", urlsOf);
  filter("ofSite", (index: SiteIndex, site: SiteRecord) => index[site.slug]);
  filter("contentTypeOf", (inputPath: string) => paths.contentFileOf(inputPath)?.type.name);
  filter("titleOf", (item: CollectionItem) => titleOf(item));
  filter("typeLabel", (name: string) => contentTypeByName.get(name)?.label ?? name);
  filter("upcoming", (items: CollectionItem[]) => upcoming(items, today));
  filter("current", (items: CollectionItem[]) => items.filter((i) => isCurrent(i, today)));
  filter("where", (items: CollectionItem[], key: string, value: unknown) => items.filter((i) => i.data[key] === value));
  filter("head", <T>(items: T[], n: number) => (items ?? []).slice(0, n));
  filter("fileSize", function (this: { page: PageContext }, path: string) {
    const slug = paths.slugOfPage(this.page);
    const resolved = resolveMediaReference(path, "document", { fromDir: "", exists: isMediaFile(slug) });
    if (!resolved?.ok)
      throw new Error(
        `Internal error: ${this.page.inputPath} links "${path}", which is not a document of ${slug}'s media`,
      );
    return lstatSync(join(sitesDir, slug, resolved.path)).size;
  });
  filter("unitUrl", (slug: string) => siteUrl(base, portal, slug));
  filter("jsonFeed", (items: CollectionItem[], site: SiteRecord) => jsonFeed(items, site, urlsOf(site).self));
  filter("hubJsonFeed", (items: HubData["feed"], site: SiteRecord) => hubJsonFeed(items, site, urlsOf(site).self));
  asyncFilter("feedHtml", async (html: string, page: PageContext) => {
    const slug = paths.slugOfPage(page);
    return feedHtml(transformHtml, html, page, urlsOf(bySlug.get(slug)!).self, (resolved) =>
      recordImages(outputOf(slug), resolved),
    );
  });
  asyncFilter("shareImage", function (this: { page: PageContext }, src: string) {
    return share(paths.slugOfPage(this.page), src);
  });
  asyncFilter("iconImage", function (this: { page: PageContext }, src: string) {
    return icon(paths.slugOfPage(this.page), src);
  });
  filter("cmsRulesJson", (site: SiteRecord) => JSON.stringify(cmsRules({ portal, site })));
  filter("cmsConfigJson", (site: SiteRecord) => {
    const origin = urlsOf(site).self;
    const localBackend = options.cmsLocalBackend
      ? { url: `${origin}${options.cmsLocalBackend.path}`, host: new URL(origin).hostname }
      : undefined;
    return JSON.stringify(
      cmsConfig({ portal, site, origin, registry: options.registry, ...(localBackend ? { localBackend } : {}) }),
      null,
      1,
    );
  });
  asyncFilter("manifestJson", (index: SiteIndex, site: SiteRecord) =>
    manifestJson({
      collections: index[site.slug] ?? {},
      site,
      portal,
      origin: urlsOf(site).self,
      shareImage: (src) => share(site.slug, src),
      iconImage: (src) => icon(site.slug, src),
      timeZone: portal.time_zone,
      withheld: options.withheld?.get(site.slug) ?? new Set(),
    }),
  );

  registerPages(eleventyConfig, options.hub ? { slug: portal.hub, data: options.hub } : undefined);
}

/** The registry grouped by type, with each unit's address: the strip on top of every page. */
function networkOf(registry: SiteRecord[], portal: PortalConfig, base: Base, labels: Record<string, string>) {
  const groups: {
    type: string;
    label: string;
    units: { slug: string; name: string; short_name: string; url: string }[];
  }[] = [];
  for (const unit of registry.filter((u) => u.slug !== portal.hub)) {
    let group = groups.find((g) => g.type === unit.type);
    if (!group) groups.push((group = { type: unit.type, label: labels[unit.type] ?? unit.type, units: [] }));
    group.units.push({
      slug: unit.slug,
      name: unit.name,
      short_name: unit.short_name,
      url: siteUrl(base, portal, unit.slug),
    });
  }
  return { hub: siteUrl(base, portal, portal.hub), groups };
}

/**
 * Which site and content type a path belongs to, from where Eleventy reads and writes it.
 * Memoised: layouts ask for every page, several times.
 */
function sitePaths(sitesDir: string, outputDir: string, bySlug: Map<string, SiteRecord>) {
  type ContentFile = { slug: string; type: ContentType; fileSlug: string } | undefined;
  const files = new Map<string, ContentFile>();
  const contentFileOf = (inputPath: string): ContentFile => {
    if (files.has(inputPath)) return files.get(inputPath);
    const parts = relative(sitesDir, resolve(inputPath)).split(sep);
    const type =
      parts.length === 4 && parts[1] === "content" && parts[3]!.endsWith(".md")
        ? contentTypeByName.get(parts[2]!)
        : undefined;
    const file =
      type && bySlug.has(parts[0]!) ? { slug: parts[0]!, type, fileSlug: parts[3]!.slice(0, -3) } : undefined;
    files.set(inputPath, file);
    return file;
  };
  const outputs = new Map<string, string>();
  const slugOfPage = (page: PageContext): string => {
    const fromInput = contentFileOf(page.inputPath)?.slug;
    if (fromInput) return fromInput;
    const out = String(page.outputPath);
    let slug = outputs.get(out);
    if (!slug) {
      slug = page.outputPath ? relative(outputDir, resolve(out)).split(sep)[0] : undefined;
      if (!slug || !bySlug.has(slug))
        throw new Error(`Internal error: cannot tell which site ${page.inputPath} → ${page.outputPath} belongs to`);
      outputs.set(out, slug);
    }
    return slug;
  };
  return { contentFileOf, slugOfPage };
}

/** An item's title: `title`, or the field its type names (pejabat: `name`). */
export function titleOf(item: CollectionItem): string {
  const type = contentTypeByName.get(/[/\\]content[/\\]([^/\\]+)[/\\][^/\\]+\.md$/.exec(item.inputPath)?.[1] ?? "");
  return String(item.data[type?.titleField ?? "title"] ?? item.data.title ?? "");
}

// Root-relative references only: the hub's pages also show other units' images, by absolute URL
// on the unit's own origin, which the hub must not publish.
const imageReference = /(?<![^\s"'(,=])\/img\/([A-Za-z0-9_-]+-\d+\.(?:avif|webp|jpeg|jpg|png))/g;
/** The tags eleventy-img writes: an editor's text or link naming "/img/..." is not a use of an image. */
const imageTag = /<(?:img|source)\b[^>]*>/g;

/** Records the encoded images a page uses (its <img> and <source> tags), or a URL made by eleventy-img. */
function recordImages(output: BuildOutput, text: string, isUrl = false): void {
  if (!text.includes("/img/")) return;
  for (const tag of isUrl ? [text] : (text.match(imageTag) ?? [])) {
    for (const m of tag.matchAll(imageReference)) output.images.add(m[1]!);
  }
}

function refuseScriptFrontMatter(): never {
  throw new Error("Script front matter is not allowed in content files: use YAML (a file starting with a plain ---).");
}

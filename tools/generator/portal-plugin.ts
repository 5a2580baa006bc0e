import { join, relative, resolve } from "node:path";
import { referenceKey } from "../content/validate-site.ts";
import { resolveMediaReference } from "../content/media-reference.ts";
import { itemUrl } from "../published/permalinks.ts";
import { moveIntoArchive } from "./archive-transform.ts";
import { siteLinkPath } from "../content/site-links.ts";
import { schemas } from "../schema/schemas.ts";
import { defaultCatalogue } from "../content/service-catalogue.ts";
import { directoryUrl, hubStatusUrl } from "../published/hub-addresses.ts";
import { listPages, siteIndex, type SiteIndex } from "./collections.ts";
import type { CollectionItem } from "./content-item.ts";
import type { FilterThis } from "./filters/define-filter.ts";
import * as filters from "./filters/index.ts";
import { imageOptions } from "./image-options.ts";
import { imageTransformPlugin } from "./image-transform.ts";
import { frontMatterKey, parseYamlData } from "../content/front-matter.ts";
import { createMarkdown, type MediaUrl } from "../content/markdown.ts";
import { networkOf } from "./network.ts";
import { registerPages } from "./pages.ts";
import { createRunContext, type RunContext } from "./run-context.ts";
import { keepCompiledTemplates, type NunjucksLib } from "./compiled-templates.ts";
import { searchableMark } from "./searchable.ts";
import type { EleventyConfig, PageContext, PortalPluginOptions } from "./types.ts";
import { recordImages } from "./used-images.ts";
import { InternalError } from "../core/internal-error.ts";
import { serviceFilter } from "../published/search-filters.ts";
import { sharedData } from "./shared-data.ts";

export type { BuildOutput, EleventyConfig, PortalPluginOptions, RunActivity } from "./types.ts";

/**
 * Builds many unit sites in ONE Eleventy instance: input `sites/`, output one folder per site.
 * Every theme template is compiled once per build, not once per site, which is what keeps a
 * regency's full build close to the cost of a plain Eleventy run over the same Markdown
 * (docs/benchmarks.md). Pages are written under `<slug>/...`; a URL transform removes the slug
 * from `page.url`, because each site is served at the root of its own subdomain.
 *
 * The outline follows x-govuk/govuk-eleventy-plugin's entry: settings, Markdown, images,
 * collections, virtual templates, filters, data. Each section is a function below; what they
 * share for the run is its context (run-context.ts).
 */
export function portalPlugin(eleventyConfig: EleventyConfig, options: PortalPluginOptions): void {
  const run = createRunContext(options);
  settings(eleventyConfig, run);
  markdown(eleventyConfig, run);
  images(eleventyConfig, run);
  archives(eleventyConfig, run);
  collections(eleventyConfig, run);
  registerPages(eleventyConfig, options.hub ? { slug: run.portal.hub, data: options.hub } : undefined);
  registerFilters(eleventyConfig, run);
  data(eleventyConfig, run);
}

/** What Eleventy may read and run: only the theme's templates and the validated content. */
function settings(eleventyConfig: EleventyConfig, run: RunContext): void {
  const { sitesDir, themeDir, cacheDir } = run.options;
  // The theme's templates compiled once for every run, not again in each (compiled-templates.ts).
  eleventyConfig.on(
    "eleventy.engine.njk",
    ({ nunjucks, environment }: { nunjucks: NunjucksLib; environment: object }) =>
      keepCompiledTemplates(nunjucks, environment, join(cacheDir, "compiled")),
  );
  eleventyConfig.setUseGitIgnore(false);
  // Eleventy's process-wide template cache stays on (a third of the build time without it);
  // a long-running process that rebuilds sites invalidates changed files: see eleventy-cache.ts.
  eleventyConfig.setUseTemplateCache(true);
  eleventyConfig.setQuietMode(true);
  eleventyConfig.setTemplateFormats(["md", "njk"]);
  // Includes live in the shared theme, not in any site folder, so units never copy layouts.
  eleventyConfig.setIncludesDirectory(relative(sitesDir, join(themeDir, "_includes")));
  // Front matter is YAML only: Eleventy would otherwise execute `---js` blocks from an editor.
  // (Markdown never passes through a template engine: see eleventy.config.ts.) The YAML is the
  // data validation parsed, handed over by the run; text it does not know is parsed the same way.
  const parsed = run.options.parsed?.frontMatter;
  eleventyConfig.setFrontMatterParsingOptions({
    engines: {
      yaml: (text: string) => parsed?.get(frontMatterKey(text)) ?? parseYamlData(text),
      js: refuseScriptFrontMatter,
      javascript: refuseScriptFrontMatter,
      jsLegacy: refuseScriptFrontMatter,
    },
  });
  // Nothing under sites/ runs as code: Eleventy would run `*.11tydata.js` beside any template and
  // every file of its data folder (`sites/_data/` by default). The run reads no data files at all;
  // the pages Eleventy reads are exactly the validated sites' `content/<type>/*.md` (the render
  // stage hands it their glob).
  eleventyConfig.setDataFileSuffixes([]);
  eleventyConfig.setDataDirectory(relative(sitesDir, join(themeDir, "_data")));
  eleventyConfig.setNunjucksEnvironmentOptions({
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
  // Pages are written to <slug>/..., but each site is served at its subdomain's root.
  eleventyConfig.addUrlTransform(({ url }: { url: string }) => {
    const m = /^\/([^/]+)(\/.*)$/.exec(url);
    return m && run.bySlug.has(m[1]!) ? m[2] : url;
  });
}

/** Bodies: `site:` links become the other unit's address, media references their published URL. */
function markdown(eleventyConfig: EleventyConfig, live: RunContext): void {
  const { sitesDir } = live.options;
  // Eleventy keeps every library given to setLibrary for the life of the process (a module-level
  // Set in its TemplateEngine.js), so this Markdown instance must not hold the run: through it, a
  // finished run's every rendered page stayed in memory (a batch build's earlier batches, each
  // rebuild of `npm start`). The run holds itself while Eleventy works; the instance only points at it.
  const ref = new WeakRef(live);
  const runOf = () => {
    const run = ref.deref();
    if (!run) throw new InternalError("Markdown rendered after its Eleventy run ended");
    return run;
  };
  const mediaUrl: MediaUrl = (href, usage, env) => {
    const run = runOf();
    const inputPath = (env as { page?: { inputPath?: string } }).page?.inputPath ?? "";
    const file = run.paths.contentFileOf(inputPath);
    if (!file) throw new InternalError(`Markdown rendered outside a content file (${inputPath})`);
    // Validation resolved the body's references already; one it did not resolve is no media.
    const validated = run.options.parsed?.content.get(resolve(inputPath));
    if (validated) return validated.references.get(referenceKey(usage, href)) ?? href;
    const resolved = resolveMediaReference(href, usage, {
      fromDir: `content/${file.type.name}`,
      exists: run.isMediaFile(file.slug),
    });
    if (!resolved) return href;
    if (!resolved.ok)
      throw new InternalError(
        `validation accepted "${href}" in ${relative(sitesDir, inputPath)}, which the build refuses (${resolved.refusal}: ${resolved.detail})`,
      );
    return resolved.url;
  };
  const siteLinkUrl = (link: Parameters<typeof siteLinkPath>[0] & { fragment: string }) =>
    `${runOf().originOf(link.slug)}${siteLinkPath(link)}${link.fragment}`;
  // The page's body as validation parsed it, taken once (nothing renders it again; a snippet
  // rendered with the page's data, which is another text, leaves it in place).
  const parsedBody = (env: unknown, text: string) => {
    const inputPath = (env as { page?: { inputPath?: string } }).page?.inputPath;
    const validated = inputPath ? runOf().options.parsed?.content.get(resolve(inputPath)) : undefined;
    const body = validated?.parsedBody;
    if (body?.text !== text) return undefined;
    delete validated!.parsedBody;
    return body;
  };
  eleventyConfig.setLibrary("md", createMarkdown({ siteLinkUrl, mediaUrl, parsedBody }));
}

/**
 * Every <img> of a page is encoded by eleventy-img, from the unit's own media only; each written
 * page is counted, and the images it uses recorded, for publishing. (The theme's assets and the
 * units' documents are copied into each site when it is published.)
 */
function images(eleventyConfig: EleventyConfig, run: RunContext): void {
  const { transformHtml } = imageTransformPlugin(
    eleventyConfig,
    imageOptions(run.options.cacheDir, run.options.images),
    (html, page) => {
      run.live();
      const output = run.outputOf(run.paths.slugOfPage(page));
      output.pages++;
      if (html.includes(searchableMark)) output.searchable.push(run.paths.fileInSite(page));
      recordImages(output, html);
    },
    (src, page) => {
      const slug = run.paths.slugOfPage(page);
      const own = run.ownImage(slug, src, page.inputPath);
      return { src: `/${slug}${own.url}`, file: join(run.options.sitesDir, slug, own.path) };
    },
    (work) => run.tracked(work)(),
  );
  run.transformHtml = transformHtml;
}

/**
 * Archived units' pages move into the hub's site at `/arsip/<slug>/`, a draft's preview below
 * `/admin/pratinjau/` (run-context.ts `movedTo`, archive-transform.ts). Registered after the image
 * transform, which writes their `/img/` addresses; a run with neither adds no transform at all.
 */
function archives(eleventyConfig: EleventyConfig, run: RunContext): void {
  if (!run.options.sites.some((s) => s.archived) && !run.options.preview) return;
  const move = run.tracked(moveIntoArchive);
  eleventyConfig.addTransform("portal-archive", async function (this: { page: PageContext }, content: string) {
    if (!String(this.page.outputPath).endsWith(".html")) return content;
    const prefix = run.movedTo(run.paths.slugOfPage(this.page));
    return prefix ? move(content, prefix) : content;
  });
}

/** Two collections serve every site: an index by site and type, and the list pages to paginate. */
function collections(eleventyConfig: EleventyConfig, run: RunContext): void {
  let index: SiteIndex | undefined;
  const indexOf = (api: { getAll(): CollectionItem[] }) =>
    (index ??= siteIndex(api.getAll(), run.paths.contentFileOf, [...run.bySlug.keys()]));
  eleventyConfig.addCollection("bySite", indexOf);
  eleventyConfig.addCollection("listPages", (api: { getAll(): CollectionItem[] }) =>
    listPages(indexOf(api), run.options.sites, run.portal.hub),
  );
}

/**
 * Every filter of filters/, each made for this run. Sync filters first check the run is alive;
 * async ones are registered with Nunjucks directly: Eleventy's addAsyncFilter never calls
 * Nunjucks back when the filter rejects (it awaits, then calls back only on success), so the
 * page's render never settled and a whole build ended silently with exit 0 (Eleventy 3.1.8,
 * src/UserConfig.js).
 */
function registerFilters(eleventyConfig: EleventyConfig, run: RunContext): void {
  for (const [name, definition] of Object.entries(filters)) {
    const fn = definition.make(run);
    if (!definition.async) {
      eleventyConfig.addFilter(name, function (this: FilterThis, ...args: unknown[]) {
        run.live();
        return fn.apply(this, args);
      });
      continue;
    }
    const work = run.tracked(fn as (this: unknown, ...args: unknown[]) => Promise<unknown>);
    eleventyConfig.addNunjucksAsyncFilter(name, function (this: unknown, ...args: unknown[]) {
      const done = args.pop() as (error: unknown, result?: unknown) => void;
      work.apply(this, args).then(
        (result) => done(null, result),
        (error: unknown) => done(error),
      );
    });
  }
}

/** What every template sees (its plain data frozen, shared by every page: shared-data.ts). */
function data(eleventyConfig: EleventyConfig, run: RunContext): void {
  const { options, portal } = run;
  eleventyConfig.addGlobalData("portal", sharedData(portal));
  eleventyConfig.addGlobalData("sitesToBuild", options.sites);
  // An archive and a draft's preview have no search, feeds, sitemap, manifest or CMS of their own (pages.ts).
  eleventyConfig.addGlobalData("liveSitesToBuild", options.preview ? [] : options.sites.filter((s) => !s.archived));
  eleventyConfig.addGlobalData("preview", options.preview !== undefined);
  eleventyConfig.addGlobalData("ui", sharedData(run.ui));
  eleventyConfig.addGlobalData("serviceFilter", serviceFilter);
  eleventyConfig.addGlobalData(
    "types",
    // An array: Eleventy's merge hands it to every page as it is (only plain objects are copied).
    schemas().types.map(({ name, label, labelSingular }) => ({ name, label, labelSingular })),
  );
  eleventyConfig.addGlobalData("network", sharedData(networkOf(portal, run.base)));
  eleventyConfig.addGlobalData("hub", options.hub);
  eleventyConfig.addGlobalData("directoryUrl", directoryUrl);
  eleventyConfig.addGlobalData("hubStatusUrl", hubStatusUrl);
  // The search page's synonyms and filler words; every site's search reads the regency's list.
  eleventyConfig.addGlobalData("catalogue", sharedData(options.catalogue ?? defaultCatalogue()));
  eleventyConfig.addGlobalData("broadcasts", options.broadcasts);
  eleventyConfig.addGlobalData("lastUpdated", sharedData(options.lastUpdated ?? {}));
  eleventyConfig.addGlobalData("today", run.today);
  eleventyConfig.addGlobalData("zone", run.dates.pukul("2000-01-01 00:00").split(" ").pop());
  eleventyConfig.addGlobalData("layout", "layouts/item.njk");
  eleventyConfig.addGlobalData("permalink", () => (page: { page: { inputPath: string } }) => {
    const item = run.paths.contentFileOf(page.page.inputPath);
    if (!item) throw new InternalError(`no permalink for ${page.page.inputPath}`);
    return `/${item.slug}${itemUrl(item.type.name, item.fileSlug)}`;
  });
}

function refuseScriptFrontMatter(): never {
  throw new Error("Script front matter is not allowed in content files: use YAML (a file starting with a plain ---).");
}

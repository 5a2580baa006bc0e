import { listUrl, retiredUnitUrl, siteUrls } from "../published/permalinks.ts";
import type { SiteRecord } from "../core/records.ts";
import type { ListPage } from "./collections.ts";
import type { EleventyConfig } from "./types.ts";
import { hubListPages, type HubData, type HubListPage } from "./hub-data.ts";
import { catalogueUrl, directoryUrl, hubListUrl, hubStatusUrl } from "../published/hub-addresses.ts";

/**
 * The pages every site gets from the theme, beside its content. Each is a virtual template
 * (after govuk-eleventy-plugin: sites hold no template files) paginated over the sites of the run.
 * Eleventy compiles a paginated Nunjucks template once per page it writes, so each template only
 * includes its body from the theme's `_includes/pages/`, which Nunjucks compiles once per build.
 */
const sitePages: {
  name: string;
  path: string;
  layout: string | false;
  data?: Record<string, string>;
  /** Kept in an archived unit's archive (the rest serve a live site: search, feeds, the CMS). */
  archived?: true;
}[] = [
  { name: "index", path: siteUrls.home, layout: "layouts/base.njk", archived: true },
  {
    name: "informasi-publik",
    path: siteUrls.dip,
    layout: "layouts/base.njk",
    data: { heading: "Daftar Informasi Publik" },
    archived: true,
  },
  { name: "search", path: siteUrls.search, layout: "layouts/base.njk", data: { heading: "Pencarian" } },
  { name: "404", path: siteUrls.notFound, layout: "layouts/base.njk", data: { heading: "Halaman tidak ditemukan" } },
  { name: "feed-atom", path: siteUrls.feedAtom, layout: false },
  { name: "feed-json", path: siteUrls.feedJson, layout: false },
  { name: "sitemap", path: siteUrls.sitemap, layout: false },
  { name: "robots", path: siteUrls.robots, layout: false },
  { name: "manifest", path: siteUrls.manifest, layout: false },
  { name: "admin", path: `${siteUrls.admin}index.html`, layout: false },
  { name: "cms-config", path: siteUrls.cmsConfig, layout: false },
  { name: "cms-rules", path: siteUrls.cmsRules, layout: false },
];

export function registerPages(eleventyConfig: EleventyConfig, hub?: { slug: string; data: HubData }): void {
  // The hub's lists of every unit's items, once: their pages, and its sitemap's entries.
  const hubLists = hub ? hubListPages(hub.data) : [];
  eleventyConfig.addGlobalData(
    "hubListHrefs",
    hubLists.map((l) => hubListUrl(l.type, l.pageNumber)),
  );
  for (const page of sitePages) {
    eleventyConfig.addTemplate(`_portal/${page.name}.njk`, `{% include "pages/${page.name}.njk" %}`, {
      ...page.data,
      layout: page.layout,
      eleventyExcludeFromCollections: true,
      pagination: {
        data: page.archived ? "sitesToBuild" : "liveSitesToBuild",
        size: 1,
        alias: "site",
        addAllPagesToCollections: false,
      },
      permalink: (data: { site: SiteRecord }) => `/${data.site.slug}${page.path}`,
    });
  }
  // Every list page of every site and type, from one template.
  eleventyConfig.addTemplate("_portal/list.njk", `{% include "pages/list.njk" %}`, {
    layout: "layouts/base.njk",
    eleventyExcludeFromCollections: true,
    pagination: { data: "collections.listPages", size: 1, alias: "list" },
    permalink: (data: { list: ListPage }) => `/${data.list.site.slug}${listUrl(data.list.type, data.list.pageNumber)}`,
  });
  // The hub's lists of every unit's items, one static page per filter.
  if (hub) {
    eleventyConfig.addTemplate("_portal/hub-list.njk", `{% include "pages/hub-list.njk" %}`, {
      layout: "layouts/base.njk",
      eleventyExcludeFromCollections: true,
      hubLists,
      pagination: { data: "hubLists", size: 1, alias: "hubList" },
      permalink: (data: { hubList: HubListPage }) =>
        `/${hub.slug}${hubListUrl(data.hubList.type, data.hubList.pageNumber)}`,
    });
    // The service catalogue: its index and a page per topic, from the units' manifests.
    // A topic no service names yet has no page (nothing would link to it).
    const topics = hub.data.catalogue.topics.filter((t) => t.services.length > 0);
    eleventyConfig.addTemplate("_portal/hub-services.njk", `{% include "pages/hub-services.njk" %}`, {
      layout: "layouts/base.njk",
      eleventyExcludeFromCollections: true,
      // The index is the entry without a topic.
      catalogueEntries: [{}, ...topics.map((topic) => ({ topic }))],
      pagination: { data: "catalogueEntries", size: 1, alias: "entry" },
      permalink: (data: { entry: { topic?: { slug: string } } }) =>
        `/${hub.slug}${catalogueUrl(data.entry.topic?.slug)}index.html`,
      eleventyComputed: {
        heading: (data: { entry: { topic?: { title: string } }; ui: { catalogue: { title: string } } }) =>
          data.entry.topic?.title ?? data.ui.catalogue.title,
      },
    });
    eleventyConfig.addTemplate("_portal/hub-directory.njk", `{% include "pages/hub-directory.njk" %}`, {
      layout: "layouts/base.njk",
      eleventyExcludeFromCollections: true,
      heading: "Direktori perangkat daerah",
      permalink: `/${hub.slug}${directoryUrl}index.html`,
    });
    // The desk's dashboard (npm run report's figures): public, but no page for search engines.
    const { units, summary } = hub.data.report;
    eleventyConfig.addTemplate("_portal/hub-status.njk", `{% include "pages/hub-status.njk" %}`, {
      layout: "layouts/base.njk",
      eleventyExcludeFromCollections: true,
      heading: "Status situs perangkat daerah",
      noindex: true,
      // One scale for every unit's chart, so that bars compare across rows.
      statusScale: Math.max(1, ...units.flatMap((u) => u.items_per_month.map((m) => m.count))),
      statusTotal: summary.items_per_month.reduce((sum, m) => sum + m.count, 0),
      permalink: `/${hub.slug}${hubStatusUrl}index.html`,
    });
    // A page about each retired unit: where its old subdomain now redirects (nginx-config.ts).
    eleventyConfig.addTemplate("_portal/hub-retired.njk", `{% include "pages/hub-retired.njk" %}`, {
      layout: "layouts/base.njk",
      eleventyExcludeFromCollections: true,
      pagination: { data: "hub.retired", size: 1, alias: "retired" },
      permalink: (data: { retired: { slug: string } }) => `/${hub.slug}${retiredUnitUrl(data.retired.slug)}index.html`,
      eleventyComputed: { heading: (data: { retired: { name: string } }) => data.retired.name },
    });
  }
}

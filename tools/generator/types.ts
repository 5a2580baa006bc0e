import type { PortalConfig, SiteRecord } from "../core/records.ts";
import type { Broadcast } from "../content/broadcasts.ts";
import type { ParsedContent } from "../content/validate-site.ts";
import type { ServiceCatalogue } from "../content/service-catalogue.ts";
import type { HubData } from "./hub-data.ts";
import type { Base } from "../published/site-origin.ts";
import type { ImageEncoding } from "./image-options.ts";

/** The options of one run of the portal plugin: which sites to build, with what they show. */
/** The theme's Indonesian words (`strings.id.json`). */
export type UiStrings = Record<string, string> & { unitTypes: Record<string, string> };

export interface PortalPluginOptions {
  sitesDir: string;
  themeDir: string;
  cacheDir: string;
  /** Eleventy's output folder for this run; each site is a folder in it. */
  outputDir: string;
  portal: PortalConfig;
  /** The theme's words as the build read them; read from themeDir when absent. */
  ui?: UiStrings;
  /** The sites this run builds (already validated). */
  sites: SiteRecord[];
  /** Every unit in the registry, built in this run or not: the network of links on every page. */
  registry: SiteRecord[];
  /** The retired units the hub keeps as archives: `site:` links to them lead to `/arsip/<slug>/`. */
  archives?: ReadonlySet<string>;
  /** The units' published manifests, for the hub's pages; only in the run that builds the hub. */
  hub?: HubData;
  /** The hub's service catalogue (default topics without one): the CMS's topic choices, the hub's pages. */
  catalogue?: ServiceCatalogue;
  /** Regional broadcasts in their window: on every page of every site. */
  broadcasts: Broadcast[];
  /** Dormant units' last update (ISO instant), by slug: their pages say it (report/unit-report.ts). */
  lastUpdated?: Readonly<Record<string, string>>;
  /** Where links and feeds point: production domain (default) or the local dev server. */
  base?: Base;
  /** Time the build runs at; injected so tests can pin "today". */
  now?: Date;
  /** Filled during the build, per site: what to publish and report. */
  outputs: Map<string, BuildOutput>;
  /** `npm start`: every site's CMS saves through the editors' gateway in its local mode. */
  cmsLocalBackend?: boolean;
  /** How pictures are encoded (image-options.ts; default "avif"): portal.json's images.avif, "quick" in `npm start`. */
  images?: ImageEncoding;
  /** Per site, the media files of excluded documents (never in the manifest). */
  withheld?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * What validation read, so the run reads no unit's file twice. Without it (the standalone
   * config, for debugging the theme), files are parsed and media looked up on disk as validation
   * does.
   */
  parsed?: {
    /** Front matter by its YAML text: the only thing Eleventy hands a front-matter engine. */
    frontMatter: ReadonlyMap<string, unknown>;
    /** Each content file by absolute path: its body's media references, resolved. */
    content: ReadonlyMap<string, ParsedContent>;
    /** Per site, the files of its media folder (path → size). */
    media: ReadonlyMap<string, ReadonlyMap<string, number>>;
  };
  /** Seen by every hook of the run (render stage): activity, and whether the run was abandoned. */
  activity?: RunActivity;
  /**
   * A draft's preview (the editors' gateway): the run's one site rendered to be served at
   * `prefix` on its own origin (`/admin/pratinjau/<collection>/<entry>`), like an archive: its
   * pages only (no search, feeds, sitemap, manifest or CMS), marked for no search engine, with a
   * banner that says it is a draft.
   */
  preview?: { prefix: string };
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
  /**
   * The pages the theme marks for the search index (`data-pagefind-body`), as paths in the site's
   * folder ("berita/posyandu/index.html"): Pagefind reads these, not every page (search-index.ts).
   */
  searchable: string[];
}

// Eleventy's config API is untyped JavaScript; this is the part of it we use.
export interface EleventyConfig {
  // biome-ignore lint/suspicious/noExplicitAny: Eleventy's config API is untyped JavaScript
  [key: string]: any;
}

/** `this.page` in a filter, and the page a transform receives. */
export interface PageContext {
  inputPath: string;
  outputPath: string | false;
  url: string;
}

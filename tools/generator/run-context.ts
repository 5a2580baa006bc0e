import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import { archivePrefix, siteUrls } from "../published/permalinks.ts";
import { resolveMediaReference } from "../content/media-reference.ts";
import { entryKind } from "../content/site-files.ts";
import { dateFilters } from "../published/indonesian-dates.ts";
import { iconImage, shareImage, thumbImage } from "./share-image.ts";
import { archiveUrl, productionBase, siteUrl, successorOf, type Base } from "../published/site-origin.ts";
import { sitePaths } from "./site-paths.ts";
import type { BuildOutput, PageContext, PortalPluginOptions, RunActivity, UiStrings } from "./types.ts";
import { recordImages } from "./used-images.ts";
import { oncePerKey } from "../core/once-per-key.ts";
import { InternalError } from "../core/internal-error.ts";

/** The theme's Indonesian words (`strings.id.json`), read once per build (the build context keeps them). */
export const readUiStrings = (themeDir: string): UiStrings =>
  JSON.parse(readFileSync(join(themeDir, "strings.id.json"), "utf8")) as UiStrings;

/**
 * What the filters, collections and transforms of one run share: the run's options and the
 * helpers derived from them. Made once per run; nothing in it outlives the run.
 */
export function createRunContext(options: PortalPluginOptions) {
  const { portal, themeDir, sitesDir, outputs } = options;
  const base: Base = options.base ?? productionBase(portal);
  const now = options.now ?? new Date();
  const ui = options.ui ?? readUiStrings(themeDir);
  const dates = dateFilters(portal.time_zone);
  const bySlug = new Map(options.sites.map((s) => [s.slug, s]));
  const paths = sitePaths(sitesDir, options.outputDir, bySlug);
  const activity: RunActivity = options.activity ?? { abandoned: false, inflight: 0, lastActivity: 0 };

  /** Every hook calls this first: an abandoned run does no more work, a live one shows progress. */
  const live = () => {
    if (activity.abandoned) throw new Error("this build run was abandoned after an earlier error");
    activity.lastActivity = performance.now();
  };
  /** A hook that counts while it works, so an abandoned run can be waited for until it is quiet. */
  const tracked = <A extends unknown[], R>(fn: (this: unknown, ...args: A) => Promise<R>) =>
    async function (this: unknown, ...args: A): Promise<R> {
      live();
      activity.inflight++;
      try {
        return await fn.apply(this, args);
      } finally {
        activity.inflight--;
        activity.lastActivity = performance.now();
      }
    };

  /** The unit's media files, as validation found them (or, outside a validated build, on disk). */
  const isMediaFile = (slug: string) => {
    const known = options.parsed?.media.get(slug);
    return known
      ? (path: string) => known.has(path)
      : (path: string) => entryKind(join(sitesDir, slug, path)) === "file";
  };
  const outputOf = (slug: string): BuildOutput => {
    let output = outputs.get(slug);
    if (!output) outputs.set(slug, (output = { images: new Set(), pages: 0, searchable: [] }));
    return output;
  };
  /** An image of a unit's own media (front matter, the theme's <img>), or the build's refusal. */
  const ownImage = (slug: string, src: string, where: string) => {
    const resolved = resolveMediaReference(src, "image", { fromDir: "", exists: isMediaFile(slug) });
    if (!resolved?.ok)
      throw new InternalError(
        `${where} shows "${src}", which is not an image of ${slug}'s media (${resolved?.refusal ?? "not media"}); validation should have refused it`,
      );
    return resolved;
  };
  // Once a run per unit and image: a unit's logo is every page's share image, and each call into
  // eleventy-img costs its lookups again (a URL parse that throws, a stat, its options sorted).
  const recorded = (encode: typeof shareImage) => {
    const once = oncePerKey<string>();
    return tracked(async (slug: string, src: string) => {
      const { path } = ownImage(slug, src, `sites/${slug}`);
      const url = await once(`${slug}/${path}`, () =>
        encode(join(sitesDir, slug), options.cacheDir, path, options.images),
      );
      recordImages(outputOf(slug), url, true);
      return url;
    });
  };
  /**
   * A unit's origin without the trailing slash. An archive's is its folder on the hub: its pages
   * are written as if at their own origin, then moved there (archive-transform.ts prefixes their
   * root-relative addresses), and `site:` links to it lead there.
   */
  const originOf = (slug: string) =>
    options.archives?.has(slug) || bySlug.get(slug)?.archived
      ? archiveUrl(base, portal, slug)
      : `${siteUrl(base, portal, slug).slice(0, -1)}${movedTo(slug) ?? ""}`;
  // Asked for by every page's layout, and the same for every page of a site: made once a site.
  const urls = new Map<string, Readonly<typeof siteUrls & { self: string; hub: string }>>();
  const urlsOf = (site: SiteRecord) => {
    let made = urls.get(site.slug);
    if (!made)
      urls.set(
        site.slug,
        (made = Object.freeze({ ...siteUrls, self: originOf(site.slug), hub: siteUrl(base, portal, portal.hub) })),
      );
    return made;
  };
  /** What an archived unit's banner says: since when, and who took over; nothing for a live unit. */
  const archiveOf = (site: SiteRecord) =>
    site.archived
      ? { since: site.retired_on, successor: successorOf(options.registry, site, base, portal) }
      : undefined;
  const siteOfPage = (page: PageContext) => bySlug.get(paths.slugOfPage(page));
  /**
   * Where a site of this run is served below an origin, when not at its root: an archive in the
   * hub's site (`/arsip/<slug>`), a draft's preview on its own origin (`/admin/pratinjau/...`).
   * Its pages are written as if at the root, then their addresses moved (archive-transform.ts).
   */
  function movedTo(slug: string): string | undefined {
    if (bySlug.get(slug)?.archived) return archivePrefix(slug);
    return options.preview && bySlug.has(slug) ? options.preview.prefix : undefined;
  }

  return {
    options,
    portal,
    base,
    now,
    today: dates.tanggalIso(now),
    ui,
    dates,
    bySlug,
    paths,
    live,
    tracked,
    isMediaFile,
    outputOf,
    ownImage,
    shareImage: recorded(shareImage),
    iconImage: recorded(iconImage),
    thumbImage: recorded(thumbImage),
    originOf,
    urlsOf,
    archiveOf,
    siteOfPage,
    movedTo,
    /** Set by the image transform's registration (the feeds resolve their images through it). */
    transformHtml: undefined as ((html: string, page: PageContext) => Promise<string>) | undefined,
  };
}

export type RunContext = ReturnType<typeof createRunContext>;

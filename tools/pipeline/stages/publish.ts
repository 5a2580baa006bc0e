import { existsSync } from "node:fs";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { bundleManifestName, bundleManifestText } from "../../published/cms-bundle-manifest.ts";
import { decapBundle } from "../../cms/decap-bundle.ts";
import { mediaKindOf } from "../../content/media-reference.ts";
import { archivePrefix } from "../../published/permalinks.ts";
import { manifestCopyPath } from "../../published/manifest-format.ts";
import { type ContentFact, hubFactsPath, hubFactsText } from "../../published/hub-facts.ts";
import type { BuildOutput } from "../../generator/types.ts";
import type { Batch, PublishContext } from "../build-context.ts";
import { InternalError } from "../../core/internal-error.ts";
import { allSettledOrThrow } from "../../core/in-parallel.ts";

/**
 * Stage 4, publish: each indexed site of the batch replaces its `dist/<slug>/` in one rename,
 * with the theme's assets, the CMS, its documents (never an excluded one's file) and the encoded
 * images its pages use. A site that fails here fails alone.
 *
 * In two steps: `stagePublish` adds those files to the site in staging (while Pagefind, in its
 * own process, reads the site's pages: it reads only HTML, and none of these files is HTML), and
 * the step it returns puts the site in place once its index is written. That step resolves once
 * the site is in place; `cleanup` resolves once the replaced version is removed too.
 */
export interface StagedSite {
  commit: () => Promise<{ cleanup: Promise<void> }>;
}

export async function stagePublish(batch: Batch, build: PublishContext, slug: string): Promise<StagedSite> {
  const built = await withMedia(batch, build, slug);
  const { ws } = build;
  await allSettledOrThrow([
    copyFolder(join(ws.themeDir, "assets"), join(built, "assets")),
    copyFolder(join(ws.themeDir, "admin"), join(built, "admin")).then(() =>
      publishCms(
        join(built, "admin", "decap"),
        build.cmsLocalBackend ? undefined : build.portal.cms?.backend,
        build.cmsFiles === true,
      ),
    ),
  ]);
  return {
    commit: async () => {
      const swapped = await swapInto(built, join(ws.distDir, slug));
      await copyManifest(ws.distDir, slug, batch.facts.get(slug) ?? []);
      return swapped;
    },
  };
}

/**
 * A folder of the theme copied into a site: one listing, then each file. (fs.cp looks at every
 * path several times over to guard against copying a folder into itself: 0.3 s of the indexing
 * thread's time for the 1,000 copies of a 500-unit build.)
 */
async function copyFolder(from: string, to: string): Promise<void> {
  const entries = await readdir(from, { recursive: true, withFileTypes: true });
  const target = (e: (typeof entries)[number]) => join(to, relative(from, join(e.parentPath, e.name)));
  await mkdir(to, { recursive: true });
  for (const e of entries) if (e.isDirectory()) await mkdir(target(e), { recursive: true });
  await allSettledOrThrow(
    entries.filter((e) => !e.isDirectory()).map((e) => copyFile(join(e.parentPath, e.name), target(e))),
  );
}

/**
 * The published manifest, copied where the hub reads it (manifestCopyPath), and what the hub reads
 * of the unit (published/hub-facts.ts). Each written aside, then renamed, so a reader never sees
 * half a file, and after the swap, so neither names a site that is not in place.
 */
async function copyManifest(distDir: string, slug: string, facts: readonly ContentFact[]): Promise<void> {
  const copy = manifestCopyPath(distDir, slug);
  await mkdir(dirname(copy), { recursive: true });
  const manifest = await readFile(join(distDir, slug, "manifest.json"), "utf8");
  await writeAside(copy, manifest);
  await writeAside(hubFactsPath(distDir, slug), hubFactsText(manifest, facts));
}

async function writeAside(file: string, text: string): Promise<void> {
  await writeFile(`${file}.${process.pid}`, text);
  await rename(`${file}.${process.pid}`, file);
}

/**
 * An archived unit (retire-site --archive) is published inside the hub's site, at
 * `/arsip/<slug>/`, with its documents and images but no assets (its pages use the hub's), CMS
 * or search. The hub's own page about the unit stands there until the archive replaces it, so
 * the address leads somewhere true even when the archive fails to build. When the hub is in the
 * same batch it is published first (build-sites.ts), or its swap would remove the archive again.
 */
export async function stageArchive(batch: Batch, build: PublishContext, slug: string): Promise<StagedSite> {
  const { ws, portal } = build;
  const built = await withMedia(batch, build, slug);
  return {
    commit: async () => {
      const hubDir = join(ws.distDir, portal.hub);
      if (!existsSync(hubDir))
        throw new Error(
          `The archive of ${slug} is published inside the hub's site, and dist/${portal.hub}/ does not exist: build the hub (npm run build -- ${portal.hub}).`,
        );
      const target = join(hubDir, archivePrefix(slug));
      await mkdir(dirname(target), { recursive: true });
      return swapInto(built, target);
    },
  };
}

/**
 * A draft's preview (BuildOptions.preview): the site with its documents and images, into
 * `dist/<slug>/` of the preview's own workspace. Its pages take the theme's assets from the
 * unit's live site (the same `/assets/`), and it has no CMS.
 */
export async function stagePreview(batch: Batch, build: PublishContext, slug: string): Promise<StagedSite> {
  const built = await withMedia(batch, build, slug);
  return { commit: () => swapInto(built, join(build.ws.distDir, slug)) };
}

/** The staged site with its documents and the images its pages use: its folder in staging. */
async function withMedia(batch: Batch, build: PublishContext, slug: string): Promise<string> {
  const built = join(batch.staging, slug);
  await mkdir(built, { recursive: true });
  await allSettledOrThrow([
    publishDocuments(
      join(build.ws.sitesDir, slug),
      built,
      build.media.get(slug) ?? new Map(),
      build.withheld.get(slug) ?? new Set(),
    ),
    publishImages(built, join(build.ws.cacheDir, "img"), batch.outputs.get(slug)!),
  ]);
  return built;
}

/**
 * Documents are published as uploaded; images only in their resized forms. The files are those
 * validation found (regular files only: it refuses a unit with anything else in media/), and
 * never the file of an excluded document.
 */
async function publishDocuments(
  siteDir: string,
  built: string,
  media: ReadonlyMap<string, number>,
  withheld: ReadonlySet<string>,
): Promise<void> {
  const documents = [...media.keys()].filter((path) => mediaKindOf(path) === "document" && !withheld.has(path));
  await allSettledOrThrow(
    [...new Set(documents.map((path) => dirname(join(built, path))))].map((dir) => mkdir(dir, { recursive: true })),
  );
  await allSettledOrThrow(documents.map((path) => copyFile(join(siteDir, path), join(built, path))));
}

/**
 * Every site serves the CMS from its own origin: the files of tools/cms/decap-bundle.ts, built
 * once into the cache. A site always gets the bundle's manifest (`admin/decap/bundle.json`: its
 * key, its backend, its files); the files themselves are hard links added here only for `npm
 * start` (`cmsFiles`), and otherwise by the deploy's staging (deploy/cms-files.ts), so that the
 * build's output, which Nx caches per site, holds no copy of the CMS. The manifest changes with
 * the bundle, so a new Decap rebuilds and redeploys every site.
 */
async function publishCms(target: string, backend: string | undefined, withFiles: boolean): Promise<void> {
  const bundle = await decapBundle(backend);
  await mkdir(target, { recursive: true });
  await writeFile(join(target, bundleManifestName), bundleManifestText(bundle));
  if (!withFiles) return;
  await allSettledOrThrow(
    bundle.files.map((name) => {
      const from = join(bundle.dir, name);
      const to = join(target, name);
      return link(from, to).catch(() => copyFile(from, to));
    }),
  );
}

/**
 * eleventy-img writes into a cache folder kept between builds; copy into the output only the
 * files this site's pages reference, so deleted photos do not linger in `dist/`.
 */
async function publishImages(outDir: string, imageCache: string, output: BuildOutput): Promise<void> {
  if (output.images.size === 0) return;
  const target = join(outDir, "img");
  await mkdir(target, { recursive: true });
  for (const name of output.images)
    if (!existsSync(join(imageCache, name)))
      throw new InternalError(`page references /img/${name} but eleventy-img did not write it`);
  // All at once: each is one small call to the file system, and a unit has a hundred or more.
  await allSettledOrThrow(
    [...output.images].map((name) => {
      const from = join(imageCache, name);
      // A hard link costs no space and no copy time; fall back to copying across file systems.
      return link(from, join(target, name)).catch(() => copyFile(from, join(target, name)));
    }),
  );
}

/**
 * Puts the staged folder in place in one rename; resolves then, with the removal of the version
 * it replaced still under way (a debris of a run that dies meanwhile is cleared by the next).
 */
async function swapInto(staging: string, finalDir: string): Promise<{ cleanup: Promise<void> }> {
  const old = `${finalDir}.old-${process.pid}`;
  if (existsSync(finalDir)) await rename(finalDir, old);
  await rename(staging, finalDir);
  return { cleanup: rm(old, { recursive: true, force: true }) };
}

import { existsSync } from "node:fs";
import { copyFile, cp, link, mkdir, rename, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { bundleManifestName, bundleManifestText } from "../../published/cms-bundle-manifest.ts";
import { decapBundle } from "../../cms/decap-bundle.ts";
import { mediaKindOf } from "../../content/media-reference.ts";
import { archivePrefix } from "../../published/permalinks.ts";
import { manifestCopyPath } from "../../published/manifest-format.ts";
import type { BuildOutput } from "../../generator/types.ts";
import type { Batch, PublishContext } from "../build-context.ts";
import { InternalError } from "../../core/internal-error.ts";

/**
 * Stage 4, publish: each indexed site of the batch replaces its `dist/<slug>/` in one rename,
 * with the theme's assets, the CMS, its documents (never an excluded one's file) and the encoded
 * images its pages use. A site that fails here fails alone.
 */
export async function publish(batch: Batch, build: PublishContext, slug: string): Promise<void> {
  const built = await withMedia(batch, build, slug);
  const { ws } = build;
  await cp(join(ws.themeDir, "assets"), join(built, "assets"), { recursive: true });
  await cp(join(ws.themeDir, "admin"), join(built, "admin"), { recursive: true });
  await publishCms(
    join(built, "admin", "decap"),
    build.cmsLocalBackend ? undefined : build.portal.cms?.backend,
    build.cmsFiles === true,
  );
  await swapInto(built, join(ws.distDir, slug));
  await copyManifest(ws.distDir, slug);
}

/**
 * The published manifest, copied where the hub reads it (manifestCopyPath): written aside, then
 * renamed, so a reader never sees half a file, and after the swap, so it never names a site
 * that is not in place.
 */
async function copyManifest(distDir: string, slug: string): Promise<void> {
  const copy = manifestCopyPath(distDir, slug);
  await mkdir(dirname(copy), { recursive: true });
  await copyFile(join(distDir, slug, "manifest.json"), `${copy}.${process.pid}`);
  await rename(`${copy}.${process.pid}`, copy);
}

/**
 * An archived unit (retire-site --archive) is published inside the hub's site, at
 * `/arsip/<slug>/`, with its documents and images but no assets (its pages use the hub's), CMS
 * or search. The hub's own page about the unit stands there until the archive replaces it, so
 * the address leads somewhere true even when the archive fails to build. When the hub is in the
 * same batch it is published first (build-sites.ts), or its swap would remove the archive again.
 */
export async function publishArchive(batch: Batch, build: PublishContext, slug: string): Promise<void> {
  const { ws, portal } = build;
  const hubDir = join(ws.distDir, portal.hub);
  if (!existsSync(hubDir))
    throw new Error(
      `The archive of ${slug} is published inside the hub's site, and dist/${portal.hub}/ does not exist: build the hub (npm run build -- ${portal.hub}).`,
    );
  const built = await withMedia(batch, build, slug);
  const target = join(hubDir, archivePrefix(slug));
  await mkdir(dirname(target), { recursive: true });
  await swapInto(built, target);
}

/**
 * A draft's preview (BuildOptions.preview): the site with its documents and images, into
 * `dist/<slug>/` of the preview's own workspace. Its pages take the theme's assets from the
 * unit's live site (the same `/assets/`), and it has no CMS.
 */
export async function publishPreview(batch: Batch, build: PublishContext, slug: string): Promise<void> {
  await swapInto(await withMedia(batch, build, slug), join(build.ws.distDir, slug));
}

/** The staged site with its documents and the images its pages use: its folder in staging. */
async function withMedia(batch: Batch, build: PublishContext, slug: string): Promise<string> {
  const built = join(batch.staging, slug);
  await mkdir(built, { recursive: true });
  await publishDocuments(
    join(build.ws.sitesDir, slug),
    built,
    build.media.get(slug) ?? new Map(),
    build.withheld.get(slug) ?? new Set(),
  );
  await publishImages(built, join(build.ws.cacheDir, "img"), batch.outputs.get(slug)!);
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
  for (const path of media.keys()) {
    if (mediaKindOf(path) !== "document" || withheld.has(path)) continue;
    const to = join(built, path);
    await mkdir(dirname(to), { recursive: true });
    await copyFile(join(siteDir, path), to);
  }
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
  for (const name of bundle.files) {
    const from = join(bundle.dir, name);
    const to = join(target, name);
    await link(from, to).catch(() => copyFile(from, to));
  }
}

/**
 * eleventy-img writes into a cache folder kept between builds; copy into the output only the
 * files this site's pages reference, so deleted photos do not linger in `dist/`.
 */
async function publishImages(outDir: string, imageCache: string, output: BuildOutput): Promise<void> {
  if (output.images.size === 0) return;
  const target = join(outDir, "img");
  await mkdir(target, { recursive: true });
  for (const name of output.images) {
    const from = join(imageCache, name);
    if (!existsSync(from)) throw new InternalError(`page references /img/${name} but eleventy-img did not write it`);
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

import { existsSync } from "node:fs";
import { copyFile, link, mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, extname, join } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gunzip, gzip } from "node:zlib";
import type { FileHashes } from "./file-hashes.ts";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * A site as it will be deployed: `dist/<slug>/` hard-linked into a staging folder (no copy), with
 * gzip and brotli versions of every text file beside it (brotli of Pagefind's index files), so
 * nginx serves them as they are (`gzip_static`, `brotli_static`, nginx-config.ts's rewrite for
 * Pagefind's) instead of compressing each response, and a hash manifest of
 * every file, which `verify-deploy` later compares with what the server holds.
 */
export interface ReleaseManifest {
  site: string;
  release: string;
  created: string;
  /** Path (relative to the release, "/"-separated) → sha256 in hex. */
  files: Record<string, string>;
}

/** Text that compresses well; images and PDFs are compressed already, Pagefind's files in gzip (isPagefindIndexFile). */
export const compressible = new Set([
  ".html",
  ".css",
  ".js",
  ".mjs",
  ".json",
  ".xml",
  ".svg",
  ".txt",
  ".webmanifest",
  ".map",
]);
/** Below this, a compressed file saves less than a packet. */
export const minimumBytes = 512;

/**
 * Pagefind's index files (its list of pages, word chunks, filters, result fragments, WebAssembly)
 * under a site's `pagefind/` (`path` relative to the site, or its address; no unit's page can be
 * there: permalinks.ts reserves it): gzip inside, which Pagefind's script unpacks itself, and
 * reads as they are when they arrive unpacked (its `decompress` checks for its signature first).
 * Deploy writes beside each a brotli file of its unpacked bytes, which nginx sends to browsers
 * that take brotli (nginx-config.ts): a first search on the hub fetches about 15 KB less of them.
 */
export const isPagefindIndexFile = (path: string): boolean =>
  /^\/?pagefind\/(?:.+\/)?(?:[^/]+\.pf_(?:meta|index|filter|fragment)|wasm\.[a-z0-9_-]+\.pagefind)$/.test(path);

/**
 * A Pagefind index file's bytes unpacked, which deploy compresses in brotli; bytes that are not
 * gzip (Pagefind never writes such there), or a broken gzip, as they are.
 */
export async function unpacked(data: Buffer): Promise<Buffer> {
  if (data[0] !== 0x1f || data[1] !== 0x8b) return data;
  return gunzipAsync(data).catch(() => data);
}

/**
 * Compressed copies by the content's hash: a file that did not change since the last deploy, or
 * that every site shares (the CMS's bundle, the theme), is compressed once. Returns the copy's
 * path in the cache; the file is read only when the copy is not there yet.
 */
async function compressedCopy(
  cacheDir: string,
  hash: string,
  kind: "br" | "gz",
  /** The bytes to compress: the same for the same `hash`. */
  read: () => Promise<Buffer>,
): Promise<string> {
  const file = join(cacheDir, `${hash}.${kind}`);
  if (existsSync(file)) return file;
  const data = await read();
  const compressed =
    kind === "br"
      ? await brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: data.length > 1_000_000 ? 9 : 11,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        })
      : await gzipAsync(data, { level: 9 });
  await mkdir(cacheDir, { recursive: true });
  // Written aside then renamed: an interrupted deploy leaves no truncated file in the cache.
  await writeFile(`${file}.${process.pid}`, compressed);
  await rename(`${file}.${process.pid}`, file);
  return file;
}

/**
 * Stages a site whose files `hashSiteFiles` listed: every file and its compressed copies are hard
 * links (to dist/ and to the cache of compressed copies), so staging writes no file's content
 * again, and a file is read only to compress it the first time its content is seen.
 */
export async function stageSite(options: {
  source: string;
  staging: string;
  site: string;
  release: string;
  cacheDir: string;
  /** The site's files and their hashes (hashSiteFiles), with those of `elsewhere`. */
  files: Record<string, string>;
  /** Files of the release that are not in `source`: release path → where they are (cms-files.ts). */
  elsewhere?: Record<string, string>;
  hashes: FileHashes;
}): Promise<ReleaseManifest> {
  const { source, staging } = options;
  await rm(staging, { recursive: true, force: true });
  const manifest: ReleaseManifest = {
    site: options.site,
    release: options.release,
    created: new Date().toISOString(),
    files: { ...options.files },
  };
  const paths = Object.keys(options.files);
  const place = (from: string, to: string) => link(from, to).catch(() => copyFile(from, to));

  // A few files at a time: zlib's work runs on libuv's threads, both cores busy, memory bounded.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const path = paths[i]!;
      const from = options.elsewhere?.[path] ?? join(source, path);
      const to = join(staging, path);
      await mkdir(dirname(to), { recursive: true });
      await place(from, to);
      // Text in gzip and brotli; Pagefind's index files, gzip already, in brotli of their unpacked bytes.
      const pagefind = isPagefindIndexFile(path);
      const kinds = pagefind
        ? (["br"] as const)
        : compressible.has(extname(path).toLowerCase())
          ? (["br", "gz"] as const)
          : [];
      if (!kinds.length) continue;
      const { size } = await stat(from);
      if (size < minimumBytes) continue;
      // An unpacked file's copies are kept under their own name: its hash is of the packed bytes.
      const sha = pagefind ? `${options.files[path]!}.unpacked` : options.files[path]!;
      let data: Promise<Buffer> | undefined;
      const read = () => (data ??= readFile(from).then((bytes) => (pagefind ? unpacked(bytes) : bytes)));
      for (const kind of kinds) {
        const copy = await compressedCopy(options.cacheDir, sha, kind, read);
        if ((await stat(copy)).size >= size) continue;
        await place(copy, `${to}.${kind}`);
        manifest.files[`${path}.${kind}`] = await options.hashes.of(copy, options.site);
      }
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  manifest.files = Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => (a < b ? -1 : 1)));
  return manifest;
}

export async function writeManifest(path: string, manifest: ReleaseManifest): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(manifest, null, 1)}\n`);
}

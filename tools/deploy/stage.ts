import { createHash } from "node:crypto";
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, extname, join, relative } from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * A site as it will be deployed: `dist/<slug>/` hard-linked into a staging folder (no copy), with
 * gzip and brotli versions of every text file beside it, so nginx serves them as they are
 * (`gzip_static`, `brotli_static`) instead of compressing each response, and a hash manifest of
 * every file, which `verify-deploy` later compares with what the server holds.
 */
export interface ReleaseManifest {
  site: string;
  release: string;
  created: string;
  /** Path (relative to the release, "/"-separated) → sha256 in hex. */
  files: Record<string, string>;
}

/** Text that compresses well; images, PDFs and Pagefind's files are compressed already. */
const compressible = new Set([".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".webmanifest", ".map"]);
/** Below this, a compressed file saves less than a packet. */
const minimumBytes = 512;

/**
 * Compressed copies by the content's hash: a file that did not change since the last deploy, or
 * that every site shares (the CMS's 5 MB bundle, the theme), is compressed once.
 */
async function compressedCopy(cacheDir: string, hash: string, kind: "br" | "gz", data: Buffer): Promise<Buffer> {
  const file = join(cacheDir, `${hash}.${kind}`);
  const cached = await readFile(file).catch(() => undefined);
  if (cached) return cached;
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
  return compressed;
}

export async function stageSite(options: {
  source: string;
  staging: string;
  site: string;
  release: string;
  cacheDir: string;
}): Promise<ReleaseManifest> {
  const { source, staging } = options;
  await rm(staging, { recursive: true, force: true });
  const entries = await readdir(source, { recursive: true, withFileTypes: true });
  // A build writes only files and folders: anything else in dist/ was put there by hand or by an
  // attacker, and a symlink would publish whatever it points to.
  const odd = entries
    .filter((e) => !e.isFile() && !e.isDirectory())
    .map((e) => relative(source, join(e.parentPath, e.name)));
  if (odd.length)
    throw new Error(
      `${source} holds what a build never writes (${odd.slice(0, 5).join(", ")}${odd.length > 5 ? ", ..." : ""}): not a regular file; build the site again`,
    );
  const files = entries.filter((e) => e.isFile()).map((e) => relative(source, join(e.parentPath, e.name)));
  const manifest: ReleaseManifest = {
    site: options.site,
    release: options.release,
    created: new Date().toISOString(),
    files: {},
  };
  const hash = (data: Buffer) => createHash("sha256").update(data).digest("hex");
  const record = (path: string, data: Buffer) => (manifest.files[path.split("\\").join("/")] = hash(data));

  // A few files at a time: zlib's work runs on libuv's threads, both cores busy, memory bounded.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const path = files[i]!;
      const from = join(source, path);
      const to = join(staging, path);
      await mkdir(dirname(to), { recursive: true });
      await link(from, to).catch(() => copyFile(from, to));
      const data = await readFile(from);
      const sha = record(path, data);
      if (!compressible.has(extname(path).toLowerCase()) || data.length < minimumBytes) continue;
      const [br, gz] = await Promise.all([
        compressedCopy(options.cacheDir, sha, "br", data),
        compressedCopy(options.cacheDir, sha, "gz", data),
      ]);
      if (br.length < data.length) await writeFile(`${to}.br`, br).then(() => record(`${path}.br`, br));
      if (gz.length < data.length) await writeFile(`${to}.gz`, gz).then(() => record(`${path}.gz`, gz));
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

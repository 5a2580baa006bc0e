import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * eleventy-img's answers kept between builds, beside the images themselves (`.cache/img/`, which
 * the workflows keep too). On every build eleventy-img reads and hashes each source, reads its
 * metadata with sharp and checks each output file before it answers from its own cache, and
 * loading it costs a process about 0.15 s: with every photo encoded already, that was most of
 * a warm build's image work (docs/benchmarks.md, "Warm images"). Here, what it answered for a
 * source's bytes, the same options and the same request (an <img> tag, or a share, thumbnail or
 * icon image) is answered again without it, as long as every file the answer names is still in
 * the cache; anything else goes to eleventy-img, whose answer is recorded.
 *
 * A source is known by the SHA-256 of its bytes. The hash is computed again whenever the file's
 * size, times or inode differ from when it was hashed (as Git's index decides whether to read a
 * file again), so within a long `npm start` an edited photo is read afresh.
 */

/** Bumped when what is recorded changes meaning; with eleventy-img's version, part of every key. */
const formatVersion = 1;
const eleventyImgVersion = (
  JSON.parse(readFileSync(createRequire(import.meta.url).resolve("@11ty/eleventy-img/package.json"), "utf8")) as {
    version: string;
  }
).version;

/** An answer unused this long is dropped when the file is next written (alt texts change; photos go). */
const keepUnusedMs = 90 * 24 * 60 * 60 * 1000;
const refreshUsedMs = 24 * 60 * 60 * 1000;

interface Entry {
  /** What eleventy-img answered: a <picture> for a tag, a URL for the others. */
  value: string;
  /** The cache files the answer names (under `/img/`): all must exist for it to be used. */
  files: string[];
  /** When it was last used (ms since the epoch). */
  used: number;
}

/** One cache folder's answers, read once a process; `save` writes what this process added or used. */
class Store {
  private entries: Map<string, Entry> | undefined;
  private touched = new Map<string, Entry>();
  /** Files known to exist, until the end of the run (save): a run never removes any. */
  private present = new Set<string>();
  constructor(
    readonly imgDir: string,
    readonly file: string,
  ) {}

  private load(): Map<string, Entry> {
    if (this.entries) return this.entries;
    this.entries = readEntries(this.file);
    return this.entries;
  }

  lookup(key: string): string | undefined {
    const entry = this.load().get(key);
    if (!entry) return undefined;
    for (const name of entry.files) {
      if (this.present.has(name)) continue;
      if (!existsSync(join(this.imgDir, name))) return undefined;
      this.present.add(name);
    }
    // Its use is written down at most once a day: a build that only reuses answers writes nothing.
    if (Date.now() - entry.used > refreshUsedMs) {
      const used = { ...entry, used: Date.now() };
      this.load().set(key, used);
      this.touched.set(key, used);
    }
    return entry.value;
  }

  record(key: string, value: string, files: string[]): void {
    // An answer naming a file eleventy-img did not write is not kept (the publish step fails on it).
    if (!files.every((name) => existsSync(join(this.imgDir, name)))) return;
    const entry = { value, files, used: Date.now() };
    this.load().set(key, entry);
    this.touched.set(key, entry);
  }

  /**
   * Merged into the file as it is now (another process may have written it meanwhile), written
   * aside and renamed into place: a reader never sees half of it. A cache that cannot be written
   * (a read-only checkout) only loses the memory.
   */
  async save(): Promise<void> {
    this.present.clear();
    if (this.touched.size === 0) return;
    const touched = this.touched;
    this.touched = new Map();
    const merged = readEntries(this.file);
    for (const [key, entry] of touched) merged.set(key, entry);
    const cutoff = Date.now() - keepUnusedMs;
    const kept = Object.fromEntries([...merged].filter(([, e]) => e.used >= cutoff));
    try {
      await mkdir(this.imgDir, { recursive: true });
      const aside = `${this.file}.${process.pid}`;
      await writeFile(aside, JSON.stringify({ version: formatVersion, entries: kept }));
      await rename(aside, this.file);
    } catch {
      // Kept in memory for this process; the next build records it again.
    }
  }
}

function readEntries(file: string): Map<string, Entry> {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as { version?: unknown; entries?: Record<string, Entry> };
    if (parsed.version !== formatVersion || typeof parsed.entries !== "object" || parsed.entries === null)
      return new Map();
    return new Map(
      Object.entries(parsed.entries).filter(
        ([, e]) => typeof e?.value === "string" && Array.isArray(e.files) && typeof e.used === "number",
      ),
    );
  } catch {
    // None yet, or unreadable: every image goes to eleventy-img once more.
    return new Map();
  }
}

/** The cache files an answer names: eleventy-img's URLs are `/img/<name>` (urlPath, image-options.ts). */
export function filesNamed(value: string): string[] {
  return [...new Set([...value.matchAll(/\/img\/([\w.-]+)/g)].map((m) => m[1]!))];
}

const stores = new Map<string, Store>();
const storeFor = (cacheDir: string): Store => {
  const imgDir = join(cacheDir, "img");
  let store = stores.get(imgDir);
  if (!store) stores.set(imgDir, (store = new Store(imgDir, join(imgDir, "results.json"))));
  return store;
};

const hashes = new Map<string, { stamp: string; hash: string }>();

/** The SHA-256 of a file's bytes, read again only when its size, times or inode changed. */
export function sourceHash(path: string): string {
  const s = statSync(path, { bigint: true });
  const stamp = `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
  const known = hashes.get(path);
  if (known?.stamp === stamp) return known.hash;
  const hash = createHash("sha256").update(readFileSync(path)).digest("hex");
  hashes.set(path, { stamp, hash });
  return hash;
}

/**
 * eleventy-img's answer for `request` about the file `source` with `options`: the recorded one
 * when there is one for these bytes and its files are all in the cache, else `make`'s, recorded.
 * Without a source (a tag eleventy-img only cleans, `eleventy:ignore`), the answer depends on
 * the request alone and names no file of the cache. A failure is `make`'s own and records nothing.
 */
export async function rememberedImage(
  cacheDir: string,
  source: string | undefined,
  request: string,
  options: unknown,
  make: () => Promise<string>,
): Promise<string> {
  const store = storeFor(cacheDir);
  let key: string;
  try {
    key = createHash("sha256")
      .update(JSON.stringify([formatVersion, eleventyImgVersion, options, request, source && sourceHash(source)]))
      .digest("hex");
  } catch {
    // No such file (or unreadable): eleventy-img says why, as before.
    return make();
  }
  const known = store.lookup(key);
  if (known !== undefined) return known;
  const value = await make();
  store.record(key, value, source === undefined ? [] : filesNamed(value));
  return value;
}

/** Writes what this process learned to each cache folder's file (after each Eleventy run). */
export async function saveImageResults(): Promise<void> {
  await Promise.all([...stores.values()].map((s) => s.save()));
}

import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";

/**
 * The sha256 of every file of a built site, remembered by what `stat` says of the file (device,
 * inode, size, change and modification times, as Git's index does): a deploy that finds nothing
 * changed reads no file again, and the CMS's bundle, hard-linked into every site, is hashed once.
 * Any write to a file changes its ctime, which no one can set back, so a changed file is always
 * read again.
 */
export class FileHashes {
  /** Every hash kept, by stat key, whichever site it was kept for. */
  private known = new Map<string, string>();
  /** What the file held, site by site (a site's files are dropped once it no longer has them). */
  private kept: Record<string, Record<string, string>> = {};
  /** What this run used, site by site. */
  private used = new Map<string, Map<string, string>>();
  private hashed = 0;

  private constructor(private readonly file: string | undefined) {}

  /** The hashes kept in `file` (none if it is missing or unreadable); `undefined`: keep nothing. */
  static async open(file: string | undefined): Promise<FileHashes> {
    const hashes = new FileHashes(file);
    if (!file) return hashes;
    const saved = await readFile(file, "utf8").then(
      (text) => JSON.parse(text) as unknown,
      () => ({}),
    );
    if (typeof saved !== "object" || saved === null || Array.isArray(saved)) return hashes;
    for (const [site, entries] of Object.entries(saved)) {
      if (typeof entries !== "object" || entries === null) continue;
      const valid = Object.entries(entries as Record<string, unknown>).filter(
        (e): e is [string, string] => typeof e[1] === "string" && /^[0-9a-f]{64}$/.test(e[1]),
      );
      hashes.kept[site] = Object.fromEntries(valid);
      for (const [key, sha] of valid) hashes.known.set(key, sha);
    }
    return hashes;
  }

  /** The sha256 of the file at `path`, one of `site`'s. */
  async of(path: string, site: string): Promise<string> {
    // Synchronous: thousands of stats of cached inodes cost less than the thread pool's round trips.
    const s = statSync(path, { bigint: true });
    const key = `${s.dev}:${s.ino}:${s.size}:${s.ctimeNs}:${s.mtimeNs}`;
    let sha = this.known.get(key);
    if (!sha) {
      sha = await sha256(path);
      this.known.set(key, sha);
      this.hashed++;
    }
    let mine = this.used.get(site);
    if (!mine) this.used.set(site, (mine = new Map()));
    mine.set(key, sha);
    return sha;
  }

  /**
   * Writes, for each site this run looked at, the hashes it used (those of files gone or changed
   * are dropped), and the other sites' as they were; nothing when every hash used was kept.
   */
  async save(): Promise<void> {
    if (!this.file) return;
    // Nothing read, every hash used already kept for its site: the file already says it all.
    const kept = [...this.used].every(([site, mine]) =>
      [...mine].every(([key, sha]) => this.kept[site]?.[key] === sha),
    );
    if (this.hashed === 0 && kept) return;
    const all = { ...this.kept };
    for (const [site, mine] of this.used) all[site] = Object.fromEntries(mine);
    await mkdir(dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}`;
    await writeFile(partial, JSON.stringify(all));
    await rename(partial, this.file);
  }
}

function sha256(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

/**
 * A built site's files (paths relative to `source`, "/"-separated) and their hashes. Refuses a
 * folder holding anything but regular files and folders: a build writes nothing else, and a
 * symlink would publish whatever it points to.
 */
export async function hashSiteFiles(source: string, hashes: FileHashes): Promise<Record<string, string>> {
  const site = basename(source);
  const entries = await readdir(source, { recursive: true, withFileTypes: true });
  const odd = entries
    .filter((e) => !e.isFile() && !e.isDirectory())
    .map((e) => relative(source, join(e.parentPath, e.name)));
  if (odd.length)
    throw new Error(
      `${source} holds what a build never writes (${odd.slice(0, 5).join(", ")}${odd.length > 5 ? ", ..." : ""}): not a regular file; build the site again`,
    );
  const paths = entries.filter((e) => e.isFile()).map((e) => relative(source, join(e.parentPath, e.name)));
  const files: Record<string, string> = {};
  // A few at a time: stat and read overlap, memory stays bounded.
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < paths.length; i = next++) {
      const path = paths[i]!;
      files[path.split("\\").join("/")] = await hashes.of(join(source, path), site);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

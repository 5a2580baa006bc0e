import { createHash } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { mkdir, readFile, readdir, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";

/**
 * The sha256 of every file of a built site, remembered by what `stat` says of the file (device,
 * inode, size, change and modification times, as Git's index does): a deploy that finds nothing
 * changed reads no file again, and the CMS's bundle, hard-linked into every site, is hashed once.
 * Any write to a file changes its ctime, which no one can set back, so a changed file is always
 * read again.
 */
export class FileHashes {
  private known = new Map<string, string>();
  private used = new Map<string, string>();

  private constructor(private readonly file: string | undefined) {}

  /** The hashes kept in `file` (none if it is missing or unreadable); `undefined`: keep nothing. */
  static async open(file: string | undefined): Promise<FileHashes> {
    const hashes = new FileHashes(file);
    if (file) {
      const saved = await readFile(file, "utf8").then(
        (text) => JSON.parse(text) as Record<string, string>,
        () => ({}),
      );
      hashes.known = new Map(Object.entries(saved).filter(([, sha]) => /^[0-9a-f]{64}$/.test(sha)));
    }
    return hashes;
  }

  async of(path: string): Promise<string> {
    // Synchronous: thousands of stats of cached inodes cost less than the thread pool's round trips.
    const s = statSync(path, { bigint: true });
    const key = `${s.dev}:${s.ino}:${s.size}:${s.ctimeNs}:${s.mtimeNs}`;
    let sha = this.used.get(key) ?? this.known.get(key);
    if (!sha) sha = await sha256(path);
    this.used.set(key, sha);
    return sha;
  }

  /**
   * Writes the hashes used since `open`, and those kept before (a deploy of some sites keeps the
   * others'), unless the kept ones have grown far past what is used (files long gone).
   */
  async save(): Promise<void> {
    if (!this.file) return;
    await mkdir(dirname(this.file), { recursive: true });
    const partial = `${this.file}.${process.pid}`;
    const all = new Map([...this.known, ...this.used]);
    await writeFile(partial, JSON.stringify(Object.fromEntries(all.size > this.used.size + 100_000 ? this.used : all)));
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
      files[path.split("\\").join("/")] = await hashes.of(join(source, path));
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)));
}

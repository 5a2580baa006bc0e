import { createHash, randomBytes, randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import { copyFile, link, mkdir, readdir, rename, rm, stat, utimes } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { SearchRecord, StartedIndex, StartedParts } from "./search-record.ts";
import { allSettledOrThrow } from "../../core/in-parallel.ts";
import { effectiveIndexChunkSize } from "./pagefind-environment.ts";
import { pagefindInterfaceFiles, removeFromBundle } from "./pagefind-unused.ts";

/**
 * The hub's index of the units' records (hub-search-records.ts), kept apart from the index of the
 * hub's own pages and kept by its content, in `recordsIndexParts` parts: each unit's records are in
 * one part (recordPart), and each part is an index of its own, `pagefind/units/<part>/`, kept in
 * `.cache/search/<digest>/`, the digest of its records and of how Pagefind writes them (its
 * version, the size of its files: pagefind-environment.ts). The records change only when a unit's
 * title, summary or service names among them do, while the hub is built again for any change of
 * what the units keep for it (a post's new title that is not among a unit's newest, a page's date;
 * a recent item's title, whose record is in the hub's own index): the parts then come from the
 * cache instead of Pagefind taking 3,000 records again (about 0.8 s of Pagefind's time at
 * 40 × 100, docs/benchmarks.md), and when one unit's older post changes, Pagefind writes its
 * part, a third of them. search.js merges the parts into the hub's own index (Pagefind's
 * `mergeIndex`, which shares the first index's WebAssembly): an entry file and a metadata file
 * more a part on the first search, and a word's file from each (Pagefind's files of words are
 * smaller in proportion: pagefind-environment.ts).
 */

/**
 * How many parts the units' records are kept in. Each part is a third of the records Pagefind
 * takes again when one unit's older item changes (a 40 × 100 regency's post of two months ago:
 * docs/benchmarks.md), and an entry file, a metadata file and a word's file or two more on the
 * hub's first search.
 */
export const recordsIndexParts = 3;

/**
 * The part a record is kept in: its unit's, by the host of its address (a unit's subdomain), so
 * that a unit's edit changes one part, and a unit added or gone changes only its own; or its
 * `group`'s, which keeps records of every unit together (hub-search-records.ts: the services).
 */
export function recordPart(record: Pick<SearchRecord, "url" | "group">): number {
  // A record's address is absolute (its unit's manifest); anything else is a part by its whole text.
  const key = record.group ?? (URL.canParse(record.url) ? new URL(record.url).host : record.url);
  return createHash("sha256").update(key).digest().readUInt32BE(0) % recordsIndexParts;
}

/**
 * The entries kept, the newest among them: three for each part, so that a build that goes back (a
 * revert) finds each part's entry before.
 */
const keptEntries = 3 * recordsIndexParts;

/** Entries this process is linking from: never pruned under it by another part's writing. */
const inUse = new Map<string, number>();

/**
 * The hub's search reads only the entry, metadata, chunks and fragments of the units' index: not
 * Pagefind's scripts (the hub's own index has them), nor its WebAssembly, which a merged index
 * takes from the first (Pagefind's mergeIndex: `load_wasm: false`).
 */
const unusedFiles = [
  ...pagefindInterfaceFiles,
  "pagefind.js",
  "pagefind-worker.js",
  "wasm.id.pagefind",
  "wasm.unknown.pagefind",
];

let pagefindVersion: string | undefined;

/** Pagefind's own version: another version may write another format, so it is part of the digest. */
function pagefindOwnVersion(): string {
  pagefindVersion ??= (
    JSON.parse(readFileSync(new URL("../package.json", import.meta.resolve("pagefind")), "utf8")) as {
      version: string;
    }
  ).version;
  return pagefindVersion;
}

/** Digests made, by list: the indexing thread names the same list when it stages and when it places. */
const digests = new WeakMap<readonly SearchRecord[], string>();

/** The name of the records' index in the cache. */
export function recordsDigest(records: readonly SearchRecord[]): string {
  const known = digests.get(records);
  if (known) return known;
  const hash = createHash("sha256");
  hash.update(`pagefind ${pagefindOwnVersion()}\nforceLanguage id\nindex chunk size ${effectiveIndexChunkSize()}\n`);
  for (const r of records) hash.update(`${JSON.stringify(r.url)} ${JSON.stringify(r.html)}\n`);
  const digest = hash.digest("hex").slice(0, 32);
  digests.set(records, digest);
  return digest;
}

const cacheRoot = (cacheDir: string) => join(cacheDir, "search");

async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

/** What a part's index is made from, and where it goes. */
interface RecordsIndexArgs {
  records: readonly SearchRecord[];
  /** Indexes started for the records' parts beforehand (search-index.ts startRecordParts), by part. */
  started?: StartedParts | undefined;
  outDir: string;
  cacheDir: string;
  /** Starts an index with a part's records (search-index.ts startSearchIndex), when none was started. */
  start: (records: readonly SearchRecord[]) => Promise<StartedIndex>;
}

/** Parts made, by list: the indexing thread names the same list when it starts, stages and places. */
const partLists = new WeakMap<readonly SearchRecord[], readonly (readonly SearchRecord[])[]>();

/**
 * The records of each part (recordPart: by their unit's address), in their order; a part with no
 * record is empty. `recordsIndexParts` lists, whatever the records.
 */
export function recordsInParts(records: readonly SearchRecord[]): readonly (readonly SearchRecord[])[] {
  const known = partLists.get(records);
  if (known) return known;
  const parts: SearchRecord[][] = Array.from({ length: recordsIndexParts }, () => []);
  for (const record of records) parts[recordPart(record)]!.push(record);
  partLists.set(records, parts);
  return parts;
}

/** The parts that hold records: the folders of `pagefind/units/` the hub's search merges (hub.ts). */
export function recordsIndexFolders(records: readonly SearchRecord[]): string[] {
  return recordsInParts(records).flatMap((part, i) => (part.length ? [String(i)] : []));
}

/**
 * Puts the index of each part of `records` in its folder of `outDir` (the hub's `pagefind/units/`):
 * moved there in one rename from where they were `staged` beforehand, or linked there now.
 */
export async function placeRecordsIndex(args: RecordsIndexArgs & { staged?: string }): Promise<void> {
  if (args.staged === undefined) return linkParts(args);
  await mkdir(dirname(args.outDir), { recursive: true });
  await rename(args.staged, args.outDir);
}

/**
 * The index of each part of `records` linked into a folder of its own in `stagingDir` (the build's
 * staging root, so that a build that dies leaves it to the next one's debris stage: debris.ts),
 * while the hub still renders: its publishing then moves it in one rename instead of linking
 * thousands of files after the render (0.15 s at 3,000 records). Never rejects: a failure is the
 * `error`, and the hub's indexing places the index itself then.
 */
export async function stageRecordsIndex(
  args: Omit<RecordsIndexArgs, "outDir"> & { stagingDir: string },
): Promise<{ folder: string } | { error: string }> {
  const folder = join(args.stagingDir, `run-${process.pid}-${Date.now()}${randomInt(1000, 9999)}`);
  try {
    await linkParts({ ...args, outDir: folder });
    return { folder };
  } catch (error) {
    await rm(folder, { recursive: true, force: true }).catch(() => undefined);
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Each part's index linked into `<outDir>/<part>/`, all parts at once; an index started for a part
 * that holds no record is deleted. Rejects with the first failure once every part has settled.
 */
async function linkParts(args: RecordsIndexArgs): Promise<void> {
  const parts = recordsInParts(args.records);
  await allSettledOrThrow(
    parts.map((records, i) => {
      const started = args.started?.[i];
      // Deleted as every started index is: a process that died has no index to delete.
      if (!records.length) return Promise.resolve(started).then((s) => s?.index?.deleteIndex().catch(() => undefined));
      return linkRecordsIndex({ ...args, records, started, outDir: join(args.outDir, String(i)) });
    }),
  );
}

/**
 * Links the index of one part's `records` into `outDir`: from the cache, or written by Pagefind
 * into the cache first, from `started` (the records given to it beforehand) or from the records
 * now. An index started for them is deleted from Pagefind's process either way.
 */
async function linkRecordsIndex(
  args: Omit<RecordsIndexArgs, "started"> & {
    /** Never rejects (startSearchIndex); undefined when none was started. */
    started: Promise<StartedIndex> | undefined;
  },
): Promise<void> {
  const { records, outDir } = args;
  const root = cacheRoot(args.cacheDir);
  const kept = join(root, recordsDigest(records));
  let index: StartedIndex | undefined;
  inUse.set(kept, (inUse.get(kept) ?? 0) + 1);
  try {
    if (await isFolder(kept)) {
      // Used now: the pruning keeps the entries used last.
      const now = new Date();
      await utimes(kept, now, now).catch(() => undefined);
    } else {
      index = (await args.started) ?? (await args.start(records));
      if (index.error !== undefined) throw new Error(index.error);
      const cached = await mkdir(root, { recursive: true })
        .then(() => writeEntry(index!, root, kept))
        .then(
          () => true,
          () => false,
        );
      // A cache that cannot be written (a file where its folder should be, a read-only disk)
      // costs the time it would have saved, not the hub's search: Pagefind writes into the site,
      // and fails the site with its own reason if it cannot there either.
      if (!cached) return await writeBundle(index, outDir);
    }
    await linkTree(kept, outDir);
  } finally {
    const users = inUse.get(kept)! - 1;
    if (users) inUse.set(kept, users);
    else inUse.delete(kept);
    index ??= await args.started;
    await index?.index?.deleteIndex().catch(() => undefined);
  }
}

/** Pagefind writes the index into a folder of its own, which becomes the entry in one rename. */
async function writeEntry(started: StartedIndex, root: string, kept: string): Promise<void> {
  const writing = join(root, `.writing-${process.pid}-${randomBytes(4).toString("hex")}`);
  try {
    await writeBundle(started, writing);
    await rename(writing, kept).catch(async (error: NodeJS.ErrnoException) => {
      // Another build wrote the same records' index meanwhile: the same files.
      if (!(await isFolder(kept))) throw error;
    });
  } finally {
    await rm(writing, { recursive: true, force: true });
  }
  await prune(root, kept);
}

/** Pagefind writes the records' index into `outDir`, without the files the hub's search does not read. */
async function writeBundle(started: StartedIndex, outDir: string): Promise<void> {
  if (started.error !== undefined) throw new Error(started.error);
  const written = await started.index.writeFiles({ outputPath: outDir });
  if (written.errors.length)
    throw new Error(`Pagefind could not write the index of the units' records: ${written.errors.join("; ")}`);
  await removeFromBundle(outDir, unusedFiles);
}

/** Removes all but the `keptEntries` entries used last (and what a build that died left writing). */
async function prune(root: string, newest: string): Promise<void> {
  const entries = await readdir(root, { withFileTypes: true });
  const dated = await Promise.all(
    entries
      .filter((e) => e.isDirectory() && join(root, e.name) !== newest && !inUse.has(join(root, e.name)))
      .map(async (e) => {
        const path = join(root, e.name);
        const s = await stat(path).catch(() => undefined);
        return { path, time: s?.mtimeMs ?? 0, writing: e.name.startsWith(".writing-") };
      }),
  );
  // What a build that died left writing goes after an hour (one still writing is younger).
  const abandoned = dated.filter((d) => d.writing && Date.now() - d.time > 3_600_000);
  const old = dated
    .filter((d) => !d.writing)
    .sort((a, b) => b.time - a.time)
    .slice(keptEntries - 1);
  for (const d of [...old, ...abandoned]) await rm(d.path, { recursive: true, force: true });
}

/**
 * The entry's files linked into `to` (each a name more for the same file: thousands of small files
 * cost a directory entry each, not their bytes), copied where links cannot be made (another
 * file system). Nothing writes into a published file, so the cache's stays as it was.
 */
async function linkTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true });
  const entries = await readdir(from, { withFileTypes: true });
  await Promise.all(entries.filter((e) => e.isDirectory()).map((e) => linkTree(join(from, e.name), join(to, e.name))));
  const files = entries.filter((e) => e.isFile()).map((e) => e.name);
  let next = 0;
  // Sixteen at a time: the thread pool's four do the work, the rest keep it fed.
  await Promise.all(
    Array.from({ length: Math.min(16, files.length) }, async () => {
      while (next < files.length) {
        const name = files[next++]!;
        await link(join(from, name), join(to, name)).catch(() => copyFile(join(from, name), join(to, name)));
      }
    }),
  );
}

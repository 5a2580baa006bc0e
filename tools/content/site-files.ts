import { lstatSync, readdirSync, type Dirent, type Stats } from "node:fs";
import { join } from "node:path";

/**
 * What a folder under `sites/` holds, read without following symbolic links: a link in a unit's
 * folder (to /etc/passwd, to another unit's media, to a folder that loops) is reported by name
 * and never read, copied or published. Nothing here throws on a surprise in the tree.
 */
export type EntryKind = "file" | "folder" | "symlink" | "special" | "missing";

export function kindOf(info: Stats | Dirent): Exclude<EntryKind, "missing"> {
  if (info.isSymbolicLink()) return "symlink";
  if (info.isFile()) return "file";
  if (info.isDirectory()) return "folder";
  return "special";
}

export function entryKind(abs: string): EntryKind {
  try {
    return kindOf(lstatSync(abs));
  } catch {
    return "missing";
  }
}

/** In Indonesian, for the editor: what a thing that is not a regular file or folder is. */
export function describeKind(kind: EntryKind): string {
  return {
    file: "berkas",
    folder: "folder",
    symlink: "tautan simbolik (symlink)",
    special: "berkas khusus (FIFO, soket atau perangkat)",
    missing: "tidak ada",
  }[kind];
}

/**
 * The order of folder names everywhere the build lists sites: by code unit, whatever the locale (the
 * units' batches come in it, and the hub's search records follow it: stages/hub.ts).
 */
export const inFolderOrder = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The entries of a folder with their kind, sorted by name; `error` when it cannot be read. */
export function listEntries(dir: string): {
  entries: { name: string; kind: Exclude<EntryKind, "missing"> }[];
  error?: string;
} {
  try {
    const entries = readdirSync(dir, { withFileTypes: true }).map((d) => ({ name: d.name, kind: kindOf(d) }));
    return { entries: entries.sort((a, b) => inFolderOrder(a.name, b.name)) };
  } catch (error) {
    return { entries: [], error: (error as NodeJS.ErrnoException).code ?? (error as Error).message };
  }
}

/** How many entries a unit's content folders hold (`content/<type>/*`), whatever they are: a folder listing, nothing read. */
export function countContentFiles(siteDir: string): number {
  return listEntries(join(siteDir, "content"))
    .entries.filter((e) => e.kind === "folder")
    .reduce((n, e) => n + listEntries(join(siteDir, "content", e.name)).entries.length, 0);
}

/**
 * A unit's content files, `content/<type>/<name>.md`, regular files only (a link or a device in
 * their place is validation's to report, never read here), for tools that read content without
 * validating it: the clock of scheduled items, the report, retire-site.
 */
export function markdownFiles(siteDir: string): { type: string; name: string; abs: string }[] {
  const files: { type: string; name: string; abs: string }[] = [];
  const content = join(siteDir, "content");
  for (const type of listEntries(content).entries) {
    if (type.kind !== "folder") continue;
    for (const file of listEntries(join(content, type.name)).entries)
      if (file.kind === "file" && file.name.endsWith(".md"))
        files.push({ type: type.name, name: file.name, abs: join(content, type.name, file.name) });
  }
  return files;
}

/** Media folders hold `media/<type>/<file>`, a level or two more at most. */
export const mediaDepthLimit = 6;

export interface MediaScan {
  /** "/media/..." → size in bytes, for every regular file. */
  files: Map<string, number>;
  /** Paths relative to the unit's folder of what is not a regular file or folder, or too deep. */
  refused: { path: string; kind: EntryKind | "too-deep" | "unreadable"; detail?: string }[];
}

/** Every regular file of a unit's media folder; anything else is refused by its path. */
export function scanMedia(siteDir: string): MediaScan {
  const scan: MediaScan = { files: new Map(), refused: [] };
  const walk = (rel: string, depth: number) => {
    const { entries, error } = listEntries(join(siteDir, rel));
    if (error) return void scan.refused.push({ path: rel, kind: "unreadable", detail: error });
    for (const entry of entries) {
      const path = `${rel}/${entry.name}`;
      if (entry.kind === "folder") {
        if (depth >= mediaDepthLimit) scan.refused.push({ path, kind: "too-deep" });
        else walk(path, depth + 1);
      } else if (entry.kind === "file") {
        try {
          scan.files.set(`/${path}`, lstatSync(join(siteDir, path)).size);
        } catch (e) {
          scan.refused.push({ path, kind: "unreadable", detail: (e as NodeJS.ErrnoException).code });
        }
      } else scan.refused.push({ path, kind: entry.kind });
    }
  };
  walk("media", 1);
  return scan;
}

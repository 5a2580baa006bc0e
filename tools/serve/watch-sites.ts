import { watch, type FSWatcher } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";

export interface Changes {
  /** The sites to rebuild, or "*" for all. */
  slugs: Set<string> | "*";
  /** Absolute paths of the files that changed. */
  files: Set<string>;
}

/**
 * Calls `rebuild(changes)` after files change: a change under `sites/<slug>/` names that site; a
 * change to the theme, the schemas or portal.json names every site ("*"). Changes are batched
 * over a short quiet period, and a rebuild never overlaps another (editors save files in bursts).
 */
export function watchSites(
  ws: Workspace,
  rebuild: (changes: Changes) => Promise<void>,
  options: {
    affectsAll?: (relativePath: string) => boolean;
    quietMs?: number;
    /** While true, changes wait (the CMS is switching Git branches in the working tree). */
    hold?: () => boolean;
  } = {},
): { close: () => void; rebuildAll: () => void } {
  // A save is one burst of events within a few milliseconds (an editor's write-then-rename, the
  // CMS's files, which `hold` keeps back until its request ends anyway); every millisecond waited
  // here is on the way from a save to the page (issue 27: save to page ≤ 300 ms). Was 150 ms.
  const quietMs = options.quietMs ?? 50;
  let pending: Changes = { slugs: new Set(), files: new Set() };
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  let closed = false;
  const flush = async () => {
    if (closed) return;
    if (running || options.hold?.()) return void (timer = setTimeout(flush, quietMs));
    const changes = pending;
    pending = { slugs: new Set(), files: new Set() };
    if (changes.files.size === 0 && changes.slugs !== "*") return;
    running = rebuild(changes).finally(() => (running = undefined));
    await running;
  };
  const touch = (slug: string | "*", file: string) => {
    if (slug === "*" || pending.slugs === "*") pending.slugs = "*";
    else pending.slugs.add(slug);
    pending.files.add(file);
    clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  };

  // Node 20's recursive watch on Linux walks the tree itself, and a folder deleted during a walk
  // (retire-site removing a unit's content/, an editor deleting a media folder) emits an ENOENT
  // "error" that, unheard, ends the server (nodejs/node#63686, fixed in 2026, not in Node 20.20;
  // seen here once in CI as npm start dying after retire-site). A watcher that fails is opened again on the tree as it is
  // now, and every site is rebuilt once, since a change may have been missed meanwhile.
  const watchers = new Set<FSWatcher>();
  const open = (dir: string, recursive: boolean, onChange: (file: string | undefined) => void) => {
    const watcher = watch(dir, { recursive }, (_event, file) => onChange(file?.toString()));
    watchers.add(watcher);
    watcher.on("error", (error) => {
      watchers.delete(watcher);
      watcher.close();
      if (closed) return;
      console.error(`Watching ${relative(ws.root, dir) || "."} failed (${error.message}); watching it again.`);
      setTimeout(() => {
        if (closed) return;
        open(dir, recursive, onChange);
        touch("*", dir);
      }, 100);
    });
  };
  open(ws.sitesDir, true, (file) => {
    const slug = file?.split(sep)[0];
    if (file && slug && !slug.startsWith(".")) touch(options.affectsAll?.(file) ? "*" : slug, join(ws.sitesDir, file));
  });
  open(ws.themeDir, true, (file) => file && touch("*", join(ws.themeDir, file)));
  open(ws.schemaDir, true, (file) => file && touch("*", join(ws.schemaDir, file)));
  open(ws.root, false, (file) => {
    if (file === relative(ws.root, ws.portalFile)) touch("*", ws.portalFile);
  });
  return {
    /** Rebuild every site though no file changed (a broadcast's window opens or closes). */
    rebuildAll: () => {
      pending.slugs = "*";
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    },
    close: () => {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

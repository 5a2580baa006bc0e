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
  const quietMs = options.quietMs ?? 150;
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

  const watchers: FSWatcher[] = [
    watch(ws.sitesDir, { recursive: true }, (_event, file) => {
      const slug = file?.toString().split(sep)[0];
      if (file && slug && !slug.startsWith("."))
        touch(options.affectsAll?.(file.toString()) ? "*" : slug, join(ws.sitesDir, file.toString()));
    }),
    watch(ws.themeDir, { recursive: true }, (_event, file) => file && touch("*", join(ws.themeDir, file.toString()))),
    watch(ws.schemaDir, { recursive: true }, (_event, file) => file && touch("*", join(ws.schemaDir, file.toString()))),
    watch(ws.root, (_event, file) => {
      if (file?.toString() === relative(ws.root, ws.portalFile)) touch("*", ws.portalFile);
    }),
  ];
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

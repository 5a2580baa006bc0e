import { watch, type FSWatcher } from "node:fs";
import { relative, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";

/**
 * Calls `rebuild(slugs)` after files change: a change under `sites/<slug>/` names that site; a
 * change to the theme, the schemas or portal.json names every site ("*"). Changes are batched
 * over a short quiet period, and a rebuild never overlaps another (editors save files in bursts).
 */
export function watchSites(ws: Workspace, rebuild: (slugs: Set<string> | "*") => Promise<void>, quietMs = 150): { close: () => void } {
  let pending: Set<string> | "*" = new Set();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const flush = async () => {
    if (running) return void (timer = setTimeout(flush, quietMs));
    const slugs = pending;
    pending = new Set();
    if (slugs !== "*" && slugs.size === 0) return;
    running = rebuild(slugs).finally(() => (running = undefined));
    await running;
  };
  const touch = (slug: string | "*") => {
    if (slug === "*" || pending === "*") pending = "*";
    else pending.add(slug);
    clearTimeout(timer);
    timer = setTimeout(flush, quietMs);
  };

  const watchers: FSWatcher[] = [
    watch(ws.sitesDir, { recursive: true }, (_event, file) => {
      const slug = file?.toString().split(sep)[0];
      if (slug && !slug.startsWith(".")) touch(slug);
    }),
    watch(ws.themeDir, { recursive: true }, () => touch("*")),
    watch(ws.schemaDir, { recursive: true }, () => touch("*")),
    watch(ws.root, (_event, file) => {
      if (file?.toString() === relative(ws.root, ws.portalFile)) touch("*");
    }),
  ];
  return {
    close: () => {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}

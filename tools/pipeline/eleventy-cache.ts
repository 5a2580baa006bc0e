import { existsSync, readdirSync } from "node:fs";
import { basename, join, relative } from "node:path";
import type { Workspace } from "../core/workspace.ts";

/**
 * Eleventy keeps template contents, compiled templates and layouts in process-wide caches and
 * empties them only for files its own watcher reports. `portal start` runs its own watcher and
 * rebuilds in the same process, so it reports changed files on Eleventy's event bus the same way.
 * (The bus is internal to Eleventy: the version is pinned in package.json and the dev-server test
 * fails if this stops working.)
 */
const eventBusUrl = new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy")).href;
type EventBus = { emit: (event: string, ...args: unknown[]) => Promise<unknown> };
let eventBusLoaded: Promise<EventBus> | undefined;
/** Loaded when first needed: the compiled CLI is a script, which has no top-level await. */
const eventBus = (): Promise<EventBus> =>
  (eventBusLoaded ??= import(eventBusUrl).then((module: { default: EventBus }) => module.default));

/**
 * What to forget before rebuilding `slugs`: the changed files (their contents are stale) and
 * every template the rebuild compiles again (the theme, the generated pages, the sites' content).
 * Eleventy keys compiled templates by instance, so entries of earlier rebuilds are never reused;
 * forgetting them keeps a long `npm start` session from growing without bound.
 */
export function filesToForget(ws: Workspace, slugs: readonly string[], changed: Iterable<string>): string[] {
  const under = (dir: string) =>
    existsSync(dir) ? (readdirSync(dir, { recursive: true }) as string[]).map((f) => join(dir, f)) : [];
  return [
    ...changed,
    ...under(ws.themeDir),
    ...slugs.flatMap((slug) => under(join(ws.sitesDir, slug, "content"))),
    // The generated pages' virtual templates live at sites/_portal/ as far as Eleventy knows.
    ...under(join(ws.themeDir, "_includes", "pages")).map((f) => join(ws.sitesDir, "_portal", basename(f))),
  ];
}

/**
 * Eleventy keeps compiled layouts in a process-wide cache, and a compiled layout keeps the
 * Nunjucks environment (with the filters) of the run that compiled it. Every run in a process
 * starts with an empty layout cache, so its pages render with its own filters and data.
 */
export async function forgetCompiledLayouts(themeDir: string): Promise<void> {
  // Any reported file empties the whole layout cache.
  await (await eventBus()).emit("eleventy.resourceModified", join(themeDir, "_includes", "layouts"), [], {
    viaConfigReset: false,
    relevantLayouts: [],
  });
}

export async function forgetCachedFiles(paths: Iterable<string>): Promise<void> {
  const bus = await eventBus();
  for (const path of paths) {
    // Eleventy keys its caches by absolute path in one place and by ./relative path in another.
    for (const form of [path, `./${relative(process.cwd(), path)}`]) {
      await bus.emit("eleventy.resourceModified", form, [], { viaConfigReset: false, relevantLayouts: [] });
    }
  }
}

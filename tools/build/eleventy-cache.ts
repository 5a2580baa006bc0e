import { relative } from "node:path";

/**
 * Eleventy keeps template contents, compiled templates and layouts in process-wide caches and
 * empties them only for files its own watcher reports. `portal start` runs its own watcher and
 * rebuilds in the same process, so it reports changed files on Eleventy's event bus the same way.
 * (The bus is internal to Eleventy: the version is pinned in package.json and the dev-server test
 * fails if this stops working.)
 */
const eventBusUrl = new URL("./EventBus.js", import.meta.resolve("@11ty/eleventy")).href;
const { default: eventBus } = (await import(eventBusUrl)) as { default: { emit: (event: string, ...args: unknown[]) => Promise<unknown> } };

export async function forgetCachedFiles(paths: Iterable<string>): Promise<void> {
  for (const path of paths) {
    // Eleventy keys its caches by absolute path in one place and by ./relative path in another.
    for (const form of [path, `./${relative(process.cwd(), path)}`]) {
      await eventBus.emit("eleventy.resourceModified", form, [], { viaConfigReset: false, relevantLayouts: [] });
    }
  }
}

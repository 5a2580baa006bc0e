import { unlink } from "node:fs/promises";
import { join } from "node:path";

/**
 * Pagefind writes its ready-made search interfaces beside the index (about 450 KB per site).
 * The theme has its own small interface on pagefind.js (themes/default/assets/search.js), so
 * they are never published.
 */
export const pagefindInterfaceFiles = [
  "pagefind-ui.js",
  "pagefind-ui.css",
  "pagefind-modular-ui.js",
  "pagefind-modular-ui.css",
  "pagefind-component-ui.js",
  "pagefind-component-ui.css",
  "pagefind-highlight.js",
];

/** Removes these files of a Pagefind bundle, where Pagefind wrote them. Unlinked, not rm()'d: rm looks at each path first. */
export async function removeFromBundle(bundle: string, names: readonly string[]): Promise<void> {
  await Promise.all(
    names.map((name) =>
      unlink(join(bundle, name)).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      }),
    ),
  );
}

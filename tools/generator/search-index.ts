import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import * as pagefind from "pagefind";
import { siteUrls } from "../content/permalinks.ts";

/**
 * Pagefind writes its ready-made search interfaces beside the index (about 450 KB per site).
 * The theme has its own small interface on pagefind.js, so only the index, its loader, worker and
 * WebAssembly are published (for Indonesian only: the language is forced below).
 */
const unusedBundleFile = /^(?:pagefind-(?:ui|modular-ui|component-ui|highlight)\.(?:js|css)|wasm\.unknown\.pagefind)$/;

export interface SearchIndexResult {
  pages: number;
  files: number;
}

/**
 * Indexes one built site's HTML into `<siteDir>/pagefind/`. Which part of a page is indexed, and
 * its filters (unit, content type), are marked in the theme (`data-pagefind-*`); pages without
 * `data-pagefind-body` (lists, the home page, the search page itself) are left out.
 * Indonesian is forced: the whole portal is `lang="id"`, and one language keeps one index per site,
 * which the hub's search merges (Pagefind's multisite `mergeIndex`).
 */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexResult> {
  const created = await pagefind.createIndex({ forceLanguage: "id" });
  if (!created.index) throw new Error(`Pagefind could not start an index for ${siteDir}: ${created.errors.join("; ")}`);
  const { index } = created;
  try {
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join("; ")}`);
    const bundle = await index.getFiles();
    if (bundle.errors.length) throw new Error(`Pagefind could not write the index of ${siteDir}: ${bundle.errors.join("; ")}`);
    const outDir = join(siteDir, siteUrls.searchIndex);
    let files = 0;
    for (const file of bundle.files) {
      if (unusedBundleFile.test(file.path)) continue;
      const target = join(outDir, file.path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content);
      files++;
    }
    return { pages: added.page_count, files };
  } finally {
    await index.deleteIndex();
  }
}

/** Stops Pagefind's indexing process; the next index starts it again. */
export async function stopSearchIndexer(): Promise<void> {
  await pagefind.close();
}

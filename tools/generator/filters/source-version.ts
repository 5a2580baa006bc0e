import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { blobVersion } from "../../content/blob-version.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The Git blob id of a content page's own file (what `git hash-object` prints for it): which
 * version of the entry the page was built from. The CMS compares it with the version it has just
 * published, to tell the editor when the page on the site is the new one (admin.js). Derived from
 * the file alone, so a page that did not change keeps it and the deploy has nothing new to send.
 * A validated build named it as validation read the file; the standalone config reads it here.
 */
export default defineFilter(
  (run) => (inputPath: string) => {
    if (!run.paths.contentFileOf(inputPath)) return undefined;
    const path = resolve(inputPath);
    return run.options.parsed?.content.get(path)?.version ?? blobVersion(readFileSync(path));
  },
  { example: { template: "{{ page.inputPath | sourceVersion }}", output: /^[0-9a-f]{40}$/ } },
);

import { lstatSync } from "node:fs";
import { join } from "node:path";
import { resolveMediaReference } from "../../content/media-reference.ts";
import { defineFilter, type FilterThis } from "./define-filter.ts";
import { InternalError } from "../../core/internal-error.ts";

/**
 * The size in bytes of a document of the page's unit, for the download link.
 */
export default defineFilter(
  (run) =>
    function (this: FilterThis, path: string) {
      const slug = run.paths.slugOfPage(this.page);
      const resolved = resolveMediaReference(path, "document", { fromDir: "", exists: run.isMediaFile(slug) });
      if (!resolved?.ok)
        throw new InternalError(`${this.page.inputPath} links "${path}", which is not a document of ${slug}'s media`);
      return lstatSync(join(run.options.sitesDir, slug, resolved.path)).size;
    },
  { example: { template: '{{ "/media/dokumen/jadwal.pdf" | fileSize | ukuranBerkas }}', output: "1 KB" } },
);

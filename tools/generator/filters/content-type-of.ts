import { defineFilter } from "./define-filter.ts";

/**
 * The content type of a page, if it is a content file.
 * @example {{ page.inputPath | contentTypeOf }} → berita
 */
export default defineFilter(
  "contentTypeOf",
  (run) => (inputPath: string) => run.paths.contentFileOf(inputPath)?.type.name,
);

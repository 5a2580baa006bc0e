import { defineFilter } from "./define-filter.ts";

/**
 * The content type of a page, if it is a content file.
 */
export default defineFilter((run) => (inputPath: string) => run.paths.contentFileOf(inputPath)?.type.name, {
  example: { template: "{{ page.inputPath | contentTypeOf }}", output: "berita" },
});

import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * A 1200px JPEG of an image of the page's unit, for link previews.
 */
export default defineFilter(
  (run) =>
    function (this: FilterThis, src: string) {
      return run.shareImage(run.paths.slugOfPage(this.page), src);
    },
  { async: true, example: { template: "{{ image | shareImage }}", output: /^\/img\/[\w-]+-1200\.jpeg$/ } },
);

import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * A 1200px JPEG of an image of the page's unit, for link previews.
 * @example <meta property="og:image" content="{{ urls.self }}{{ image | shareImage }}">
 */
export default defineFilter(
  "shareImage",
  (run) =>
    function (this: FilterThis, src: string) {
      return run.shareImage(run.paths.slugOfPage(this.page), src);
    },
  { async: true },
);

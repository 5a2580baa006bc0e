import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * A 96px PNG of the unit's logo, for the favicon and lists of units.
 */
export default defineFilter(
  (run) =>
    function (this: FilterThis, src: string) {
      return run.iconImage(run.paths.slugOfPage(this.page), src);
    },
  { async: true, example: { template: "{{ image | iconImage }}", output: /^\/img\/[\w-]+-96\.png$/ } },
);

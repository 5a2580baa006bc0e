import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * A 96px PNG of the unit's logo, for the favicon and lists of units.
 * @example <link rel="icon" href="{{ site.logo | iconImage }}">
 */
export default defineFilter(
  "iconImage",
  (run) =>
    function (this: FilterThis, src: string) {
      return run.iconImage(run.paths.slugOfPage(this.page), src);
    },
  { async: true },
);

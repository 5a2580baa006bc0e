import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * The title of the page being rendered, when it is a content item: its type's title field
 * (`x-title-field`) among the page's variables.
 * @example {% set heading = heading or (contentType | ownTitle) %}
 */
export default defineFilter(
  "ownTitle",
  (run) =>
    function (this: FilterThis, typeName: string | undefined) {
      const type = typeName ? run.paths.contentFileOf(this.page.inputPath)?.type : undefined;
      return type ? (this.ctx[type.titleField] ?? this.ctx.title) : undefined;
    },
);

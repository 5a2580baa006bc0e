import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * The title of the page being rendered, when it is a content item: its type's title field
 * (`x-title-field`) among the page's variables.
 */
export default defineFilter(
  (run) =>
    function (this: FilterThis, typeName: string | undefined) {
      const type = typeName ? run.paths.contentFileOf(this.page.inputPath)?.type : undefined;
      return type ? (this.ctx[type.titleField] ?? this.ctx.title) : undefined;
    },
  { example: { template: "{{ contentType | ownTitle }}", output: "Posyandu Serentak di 10 Kecamatan" } },
);

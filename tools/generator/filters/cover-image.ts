import { imageOf } from "../../schema/content-type.ts";
import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * The picture of the page being rendered, when it is a content item that has one: the first of
 * its type's `x-image-fields` it fills in (the share card uses it).
 */
export default defineFilter(
  (run) =>
    function (this: FilterThis, typeName: string | undefined) {
      const type = typeName ? run.paths.contentFileOf(this.page.inputPath)?.type : undefined;
      return type ? imageOf(type, this.ctx) : undefined;
    },
  { example: { template: "{{ contentType | coverImage }}", output: "/media/berita/posyandu.jpg" } },
);

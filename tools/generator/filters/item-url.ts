import { itemUrl } from "../../published/permalinks.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * An item's address on its site (types marked `x-top-level` sit at the root).
 */
export default defineFilter(() => itemUrl, {
  example: { template: '{{ "berita" | itemUrl("posyandu") }}', output: "/berita/posyandu/" },
});

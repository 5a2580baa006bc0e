import { itemUrl } from "../../published/permalinks.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * An item's address on its site (types marked `x-top-level` sit at the root).
 * @example {{ "berita" | itemUrl("posyandu") }} → /berita/posyandu/
 */
export default defineFilter("itemUrl", () => itemUrl);

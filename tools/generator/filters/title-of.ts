import { titleOf, type CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * An item's title, from the field its type names (`x-title-field`: officials use `name`).
 */
export default defineFilter(() => (item: CollectionItem) => titleOf(item), {
  example: { template: "{{ c.pejabat[0] | titleOf }}", output: "dr. Amalia Rahman, M.Kes." },
});

import { titleOf, type CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * An item's title, from the field its type names (`x-title-field`: officials use `name`).
 * @example {{ item | titleOf }} → dr. Amalia Putri
 */
export default defineFilter("titleOf", () => (item: CollectionItem) => titleOf(item));

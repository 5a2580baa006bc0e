import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Items whose field has a value.
 * @example {% for doc in c.dokumen | where("kind", "renstra") %}
 */
export default defineFilter(
  "where",
  () => (items: CollectionItem[], key: string, value: unknown) => items.filter((i) => i.data[key] === value),
);

import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Items whose field has a value.
 */
export default defineFilter(
  () => (items: CollectionItem[], key: string, value: unknown) => items.filter((i) => i.data[key] === value),
  {
    example: {
      template: '{% for d in c.dokumen | where("kind", "renstra") %}{{ d.data.year }}{% endfor %}',
      output: "2021",
    },
  },
);

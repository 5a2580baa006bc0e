import { upcoming } from "../collections.ts";
import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Agenda items that have not ended by the day of the build, soonest first.
 */
export default defineFilter((run) => (items: CollectionItem[]) => upcoming(items, run.today), {
  example: {
    template: "{% for e in c.agenda | upcoming %}{{ e | titleOf }}{% endfor %}",
    output: "Rapat Koordinasi Kesehatan Ibu dan Anak",
  },
});

import { isCurrent } from "../collections.ts";
import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Announcements still valid on the day of the build.
 */
export default defineFilter((run) => (items: CollectionItem[]) => items.filter((i) => isCurrent(i, run.today)), {
  example: {
    template: "{% for a in c.pengumuman | current %}{{ a.data.title }}{% endfor %}",
    output: "Jadwal Vaksinasi Campak",
  },
});

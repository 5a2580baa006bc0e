import { isCurrent } from "../collections.ts";
import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Announcements still valid on the day of the build.
 * @example {% for item in c.pengumuman | current %}
 */
export default defineFilter(
  "current",
  (run) => (items: CollectionItem[]) => items.filter((i) => isCurrent(i, run.today)),
);

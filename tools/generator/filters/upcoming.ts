import { upcoming } from "../collections.ts";
import type { CollectionItem } from "../content-item.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Agenda items that have not ended by the day of the build, soonest first.
 * @example {% for event in c.agenda | upcoming | head(3) %}
 */
export default defineFilter("upcoming", (run) => (items: CollectionItem[]) => upcoming(items, run.today));

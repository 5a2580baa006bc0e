import { defineFilter } from "./define-filter.ts";

/**
 * An archived unit's banner: the day it retired and the unit that took over, if any; nothing
 * for a live unit.
 */
export default defineFilter((run) => run.archiveOf, {
  example: { template: '{{ (site | archiveOf) or "aktif" }}', output: "aktif" },
});

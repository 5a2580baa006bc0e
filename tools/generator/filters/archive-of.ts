import { defineFilter } from "./define-filter.ts";

/**
 * An archived unit's banner: the day it retired and the unit that took over, if any; nothing
 * for a live unit.
 * @example {% set archive = site | archiveOf %}{% if archive %}…{{ archive.since | tanggal }}{% endif %}
 */
export default defineFilter("archiveOf", (run) => run.archiveOf);

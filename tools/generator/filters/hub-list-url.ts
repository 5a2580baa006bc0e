import { hubListUrl } from "../../published/hub-addresses.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's combined list for a type and a unit (either may be left out).
 */
export default defineFilter(
  () => (type: string | undefined, unit: string | undefined) => hubListUrl(type || undefined, unit || undefined),
  { example: { template: '{{ "berita" | hubListUrl("dinkes") }}', output: "/kabar/berita/dinkes/" } },
);

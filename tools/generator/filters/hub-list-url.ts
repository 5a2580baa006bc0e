import { hubListUrl } from "../../published/hub-addresses.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The hub's combined list of a type (left out: of every type).
 */
export default defineFilter(() => (type: string | undefined) => hubListUrl(type || undefined), {
  example: { template: '{{ "berita" | hubListUrl }}', output: "/kabar/berita/" },
});

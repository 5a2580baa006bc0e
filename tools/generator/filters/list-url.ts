import { listUrl } from "../../published/permalinks.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A list page of a type (page numbers count from 0).
 */
export default defineFilter(() => listUrl, {
  example: { template: '{{ "berita" | listUrl(1) }}', output: "/berita/halaman-2/" },
});

import { listUrl } from "../../published/permalinks.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A list page of a type (page numbers count from 0).
 * @example {{ "berita" | listUrl(1) }} → /berita/halaman-2/
 */
export default defineFilter("listUrl", () => listUrl);

import { defineFilter } from "./define-filter.ts";

/**
 * The first n entries of a list (none when there is no list).
 * @example {% for item in c.berita | head(3) %}
 */
export default defineFilter(
  "head",
  () =>
    <T>(items: T[] | undefined, n: number) =>
      (items ?? []).slice(0, n),
);

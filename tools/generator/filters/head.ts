import { defineFilter } from "./define-filter.ts";

/**
 * The first n entries of a list (none when there is no list).
 */
export default defineFilter(
  () =>
    <T>(items: T[] | undefined, n: number) =>
      (items ?? []).slice(0, n),
  { example: { template: '{{ [1, 2, 3, 4] | head(2) | join(",") }}', output: "1,2" } },
);

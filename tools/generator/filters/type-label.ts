import { schemas } from "../../schema/schemas.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A content type's name for readers (`x-label`).
 */
export default defineFilter(() => (name: string) => schemas().typeByName.get(name)?.label ?? name, {
  example: { template: '{{ "pejabat" | typeLabel }}', output: "Pejabat" },
});

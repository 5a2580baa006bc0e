import { schemas } from "../../schema/schemas.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A content type's name for readers (`x-label`).
 * @example {{ "pejabat" | typeLabel }} → Pejabat
 */
export default defineFilter("typeLabel", () => (name: string) => schemas().typeByName.get(name)?.label ?? name);

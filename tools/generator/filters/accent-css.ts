import { accentCss } from "../inline-style.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The page's one inline stylesheet: the unit's accent colour (the CSP allows it by hash).
 */
export default defineFilter(() => accentCss, {
  example: { template: "{{ site | accentCss }}", output: ":root{--accent:#1d5e3b}" },
});

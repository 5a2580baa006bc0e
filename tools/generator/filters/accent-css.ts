import { accentCss } from "../inline-style.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The page's one inline stylesheet: the unit's accent colour (the CSP allows it by hash).
 * @example {{ site | accentCss }} → :root{--accent:#0b5394}
 */
export default defineFilter("accentCss", () => accentCss);

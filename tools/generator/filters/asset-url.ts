import { assetUrlFilter } from "../asset-url.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A theme asset's address with its content's hash, so browsers may keep it for a year.
 * @example {{ "/assets/style.css" | assetUrl }} → /assets/style.css?v=1a2b3c4d
 */
export default defineFilter("assetUrl", (run) => assetUrlFilter(run.options.themeDir));

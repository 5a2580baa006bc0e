import { assetUrlFilter } from "../asset-url.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * A theme asset's address with its content's hash, so browsers may keep it for a year.
 */
export default defineFilter((run) => assetUrlFilter(run.options.themeDir), {
  example: { template: '{{ "/assets/style.css" | assetUrl }}', output: /^\/assets\/style\.css\?v=[0-9a-f]{8}$/ },
});

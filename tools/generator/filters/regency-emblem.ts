import { existsSync } from "node:fs";
import { join } from "node:path";
import { iconImage } from "../share-image.ts";
import { recordImages } from "../used-images.ts";
import { oncePerKey } from "../../core/once-per-key.ts";
import { defineFilter, type FilterThis } from "./define-filter.ts";

/**
 * The regency's emblem (portal.json `logo`, in the hub's media) as a 96px PNG published by the
 * page's own site, for its CMS's login page and header: same origin, no request to the hub.
 * Nothing when the regency has no emblem (validation names a missing file).
 */
export default defineFilter(
  (run) => {
    // Asked by every page with the CMS's header: made once a run, recorded for each page's site.
    const once = oncePerKey<string>();
    const make = async (logo: string) => {
      const hubDir = join(run.options.sitesDir, run.portal.hub);
      if (!existsSync(join(hubDir, logo))) return "";
      return iconImage(hubDir, run.options.cacheDir, logo);
    };
    return async function (this: FilterThis, logo: string | undefined) {
      if (!logo) return "";
      const url = await once(logo, () => make(logo));
      if (url) recordImages(run.outputOf(run.paths.slugOfPage(this.page)), url, true);
      return url;
    };
  },
  { async: true, example: { template: "{{ portal.logo | regencyEmblem }}", output: /^\/img\/[\w-]+-96\.png$/ } },
);

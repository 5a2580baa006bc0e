import { existsSync } from "node:fs";
import { join } from "node:path";
import { shareImage } from "../share-image.ts";
import { siteUrl } from "../../published/site-origin.ts";
import { oncePerKey } from "../../core/once-per-key.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * The regency's emblem (portal.json `logo`) as the hub publishes it for link previews: the
 * og:image of a unit that has no logo and a page that has no picture. An absolute address on the
 * hub's origin, where the hub's own pages publish the same file (the name is a hash of the file).
 * Nothing when the regency has no emblem or the hub's media lacks it (validation says so).
 */
export default defineFilter(
  (run) => {
    // Asked by most pages of the run (every one without a picture of its own): made once a run.
    const once = oncePerKey<string>();
    const make = async (logo: string) => {
      const hubDir = join(run.options.sitesDir, run.portal.hub);
      if (!existsSync(join(hubDir, logo))) return "";
      const path = await shareImage(hubDir, run.options.cacheDir, logo);
      return `${siteUrl(run.base, run.portal, run.portal.hub)}${path.slice(1)}`;
    };
    return async (logo: string | undefined) => (logo ? once(logo, () => make(logo)) : "");
  },
  {
    async: true,
    example: {
      template: "{{ portal.logo | regencyShareImage }}",
      output: /^https:\/\/paserkab\.go\.id\/img\/[\w-]+-1200\.jpeg$/,
    },
  },
);

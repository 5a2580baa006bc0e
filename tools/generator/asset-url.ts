import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * `/assets/style.css` → `/assets/style.css?v=1a2b3c4d`: the address changes when the file does, so
 * the web server lets browsers keep theme assets for a year (tools/deploy/nginx-config.ts) and a
 * phone on a slow network never fetches the stylesheet twice. Each build makes its own filter
 * (one Eleventy run per build, also in `npm start`), so a file is hashed once per build.
 */
export function assetUrlFilter(themeDir: string): (url: string) => string {
  const versions = new Map<string, string>();
  return (url: string) => {
    let version = versions.get(url);
    if (version === undefined) {
      version = createHash("sha256")
        .update(readFileSync(join(themeDir, "assets", url.replace(/^\/assets\//, ""))))
        .digest("hex")
        .slice(0, 8);
      versions.set(url, version);
    }
    return `${url}?v=${version}`;
  };
}

import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * `/assets/style.css` → `/assets/style.css?v=1a2b3c4d`: the address changes when the file does, so
 * the web server lets browsers keep theme assets for a year (tools/deploy/nginx-config.ts) and a
 * phone on a slow network never fetches the stylesheet twice. A hash is computed again only when
 * the file's size or time changes (`npm start` edits the theme while the generator runs).
 */
export function assetUrlFilter(themeDir: string): (url: string) => string {
  const versions = new Map<string, { stamp: string; version: string }>();
  return (url: string) => {
    const file = join(themeDir, "assets", url.replace(/^\/assets\//, ""));
    const stat = statSync(file);
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    let known = versions.get(url);
    if (known?.stamp !== stamp) {
      known = { stamp, version: createHash("sha256").update(readFileSync(file)).digest("hex").slice(0, 8) };
      versions.set(url, known);
    }
    return `${url}?v=${known.version}`;
  };
}

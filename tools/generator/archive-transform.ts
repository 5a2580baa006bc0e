import { readAddress } from "../core/address.ts";
import urls from "@11ty/posthtml-urls";
import posthtml from "posthtml";
import { siteUrls } from "../published/permalinks.ts";

/**
 * An archived unit's pages are rendered as if served at its own origin (`/`, `/berita/x/`,
 * `/img/...`), then published inside the hub's site at `/arsip/<slug>/`. This moves every
 * root-relative address of a page there: links, images and their srcset, documents, forms. The
 * theme's assets stay where they are: the hub serves the same files at `/assets/`. Absolute
 * addresses (other units, the hub, the canonical URL) are already right.
 *
 * Eleventy's own URL transforms (the HTML base plugin's) run before the portal's image transform,
 * which writes the `/img/` addresses; so this runs as the last transform, with Eleventy's URL
 * walker (@11ty/posthtml-urls, the one its HTML transformer uses).
 */
export async function moveIntoArchive(html: string, prefix: string): Promise<string> {
  const result = await posthtml([urls({ eachURL: (url) => archived(url, prefix) }) as never]).process(html);
  return result.html;
}

/** `/berita/x/` → `<prefix>/berita/x/`, for a prefix like `/arsip/dishub`. */
export function archived(url: string, prefix: string): string {
  const trimmed = url.trim();
  // Only a path of the site itself, as the browser reads it ("//host" and "/\\host" are hosts).
  if (!trimmed.startsWith("/") || readAddress(trimmed).kind !== "page" || trimmed.startsWith(siteUrls.assets))
    return url;
  return `${prefix}${trimmed}`;
}

import { join } from "node:path";
import { type ImageEncoding, iconImageOptions, shareImageOptions, thumbImageOptions } from "./image-options.ts";
import { InternalError } from "../core/internal-error.ts";
import { rememberedImage } from "./image-results.ts";

type Format = "jpeg" | "webp" | "png";

/**
 * One size and format of a site's media image through eleventy-img, or its recorded answer for
 * the same bytes (image-results.ts): eleventy-img is loaded only when there is none.
 */
async function encoded(
  file: string,
  cacheDir: string,
  kind: string,
  options: ReturnType<typeof shareImageOptions>,
  format: Format,
): Promise<string> {
  return rememberedImage(cacheDir, file, kind, options, async () => {
    const { default: Image } = await import("@11ty/eleventy-img");
    const metadata = await Image(file, options);
    const url = metadata[format]?.[0]?.url;
    if (!url) throw new InternalError(`eleventy-img made no ${format.toUpperCase()} for ${file}`);
    return url;
  });
}

/** URL of a 1200px JPEG of a site's media image, for Open Graph and the hub's manifest. */
export function shareImage(siteDir: string, cacheDir: string, src: string, encoding?: ImageEncoding): Promise<string> {
  return encoded(join(siteDir, src), cacheDir, "share", shareImageOptions(cacheDir, encoding), "jpeg");
}

/** URL of a 480px WebP of an item's picture, for the hub's cards. */
export function thumbImage(siteDir: string, cacheDir: string, src: string, encoding?: ImageEncoding): Promise<string> {
  return encoded(join(siteDir, src), cacheDir, "thumb", thumbImageOptions(cacheDir, encoding), "webp");
}

/** URL of a 96px PNG of a unit's logo (transparency kept), for the hub's directory. */
export function iconImage(siteDir: string, cacheDir: string, src: string): Promise<string> {
  return encoded(join(siteDir, src), cacheDir, "icon", iconImageOptions(cacheDir), "png");
}

import { join } from "node:path";
import Image from "@11ty/eleventy-img";
import { iconImageOptions, shareImageOptions, thumbImageOptions } from "./image-options.ts";
import { InternalError } from "../core/internal-error.ts";

/** URL of a 1200px JPEG of a site's media image, for Open Graph and the hub's manifest. */
export async function shareImage(siteDir: string, cacheDir: string, src: string): Promise<string> {
  const metadata = await Image(join(siteDir, src), shareImageOptions(cacheDir));
  const jpeg = metadata.jpeg?.[0];
  if (!jpeg) throw new InternalError(`eleventy-img made no JPEG for ${src}`);
  return jpeg.url;
}

/** URL of a 480px WebP of an item's picture, for the hub's cards. */
export async function thumbImage(siteDir: string, cacheDir: string, src: string): Promise<string> {
  const metadata = await Image(join(siteDir, src), thumbImageOptions(cacheDir));
  const webp = metadata.webp?.[0];
  if (!webp) throw new InternalError(`eleventy-img made no WebP for ${src}`);
  return webp.url;
}

/** URL of a 96px PNG of a unit's logo (transparency kept), for the hub's directory. */
export async function iconImage(siteDir: string, cacheDir: string, src: string): Promise<string> {
  const metadata = await Image(join(siteDir, src), iconImageOptions(cacheDir));
  const png = metadata.png?.[0];
  if (!png) throw new InternalError(`eleventy-img made no PNG for ${src}`);
  return png.url;
}

import { join } from "node:path";
import Image from "@11ty/eleventy-img";
import { shareImageOptions } from "./image-options.ts";

/** URL of a 1200px JPEG of a site's media image, for Open Graph and the hub's manifest. */
export async function shareImage(siteDir: string, cacheDir: string, src: string): Promise<string> {
  const metadata = await Image(join(siteDir, src), shareImageOptions(cacheDir));
  const jpeg = metadata.jpeg?.[0];
  if (!jpeg) throw new Error(`Internal error: eleventy-img made no JPEG for ${src}`);
  return jpeg.url;
}

import type { BuildOutput } from "./types.ts";

// Root-relative references only: the hub's pages also show other units' images, by absolute URL
// on the unit's own origin, which the hub must not publish.
const imageReference = /(?<![^\s"'(,=])\/img\/([A-Za-z0-9_-]+-\d+\.(?:avif|webp|jpeg|jpg|png))/g;
/** The tags eleventy-img writes: an editor's text or link naming "/img/..." is not a use of an image. */
const imageTag = /<(?:img|source)\b[^>]*>/g;

/** Records the encoded images a page uses (its <img> and <source> tags), or a URL made by eleventy-img. */
export function recordImages(output: BuildOutput, text: string, isUrl = false): void {
  if (!text.includes("/img/")) return;
  for (const tag of isUrl ? [text] : (text.match(imageTag) ?? [])) {
    for (const m of tag.matchAll(imageReference)) output.images.add(m[1]!);
  }
}

import { join, relative, resolve, sep } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import type { ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";
import type { PageContext } from "./types.ts";
import { InternalError } from "../core/internal-error.ts";

export type ContentFile = { slug: string; type: ContentType; fileSlug: string } | undefined;

/**
 * Which site and content type a path belongs to, from where Eleventy reads and writes it.
 * Memoised: layouts ask for every page, several times.
 */
export function sitePaths(sitesDir: string, outputDir: string, bySlug: ReadonlyMap<string, SiteRecord>) {
  const files = new Map<string, ContentFile>();
  const contentFileOf = (inputPath: string): ContentFile => {
    if (files.has(inputPath)) return files.get(inputPath);
    const parts = relative(sitesDir, resolve(inputPath)).split(sep);
    const type =
      parts.length === 4 && parts[1] === "content" && parts[3]!.endsWith(".md")
        ? schemas().typeByName.get(parts[2]!)
        : undefined;
    const file =
      type && bySlug.has(parts[0]!) ? { slug: parts[0]!, type, fileSlug: parts[3]!.slice(0, -3) } : undefined;
    files.set(inputPath, file);
    return file;
  };
  const outputs = new Map<string, string>();
  const slugOfPage = (page: PageContext): string => {
    const fromInput = contentFileOf(page.inputPath)?.slug;
    if (fromInput) return fromInput;
    const out = String(page.outputPath);
    let slug = outputs.get(out);
    if (!slug) {
      slug = page.outputPath ? relative(outputDir, resolve(out)).split(sep)[0] : undefined;
      if (!slug || !bySlug.has(slug))
        throw new InternalError(`cannot tell which site ${page.inputPath} → ${page.outputPath} belongs to`);
      outputs.set(out, slug);
    }
    return slug;
  };
  /** Where a page is written in its site's folder, as a path with "/" ("berita/posyandu/index.html"). */
  const fileInSite = (page: PageContext): string =>
    relative(join(outputDir, slugOfPage(page)), resolve(String(page.outputPath)))
      .split(sep)
      .join("/");
  return { contentFileOf, slugOfPage, fileInSite };
}

export type SitePaths = ReturnType<typeof sitePaths>;

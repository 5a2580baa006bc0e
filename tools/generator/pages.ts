import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { contentTypes } from "../content/content-types.ts";
import { listUrl } from "../content/permalinks.ts";
import type { EleventyConfig } from "./site-plugin.ts";

/** How many items a list page shows: ten keeps a list page light on a slow connection. */
const pageSize = 10;

/**
 * Registers the theme's pages (home, lists, DIP, 404, feeds, sitemap...) as virtual templates,
 * so every site gets them without a file in its folder (after govuk-eleventy-plugin).
 */
export function registerPages(eleventyConfig: EleventyConfig, themeDir: string): void {
  const pagesDir = join(themeDir, "pages");
  const read = (name: string) => readFileSync(join(pagesDir, name), "utf8");

  for (const file of readdirSync(pagesDir).filter((f) => f.endsWith(".njk") && f !== "list.njk")) {
    eleventyConfig.addTemplate(`_portal/${file}`, read(file), { eleventyExcludeFromCollections: true });
  }

  // One paginated list per content type except profile pages, which the menu lists instead.
  const list = read("list.njk");
  for (const type of contentTypes.filter((t) => t.name !== "halaman")) {
    eleventyConfig.addTemplate(`_portal/list-${type.name}.njk`, list, {
      eleventyExcludeFromCollections: true,
      listType: type.name,
      title: type.label,
      pagination: { data: `collections.${type.name}`, size: pageSize, alias: "items", generatePageOnEmptyData: true },
      permalink: (data: { pagination: { pageNumber: number } }) => listUrl(type.name, data.pagination.pageNumber),
    });
  }
}

// The benchmark's baseline: one plain Eleventy process over the same Markdown, with a minimal
// Nunjucks layout and none of the portal's work (validation, theme pages, feeds, manifest).
export default function (eleventyConfig) {
  eleventyConfig.setQuietMode(true);
  eleventyConfig.addGlobalData("layout", "plain.njk");
  eleventyConfig.ignores.add("**/site.json");
}

export const config = {
  markdownTemplateEngine: false,
  dir: { includes: "../_includes" },
};

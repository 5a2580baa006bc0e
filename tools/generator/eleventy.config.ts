/**
 * The static part of every site's Eleventy configuration. Options Eleventy accepts only from a
 * config file's exported object live here; everything else is added by portalPlugin,
 * which the build passes to its Eleventy instance.
 */
export const config = {
  // Editor content is data, never code: no template language ever runs over Markdown or HTML
  // content (Eleventy's default runs Liquid over Markdown, so `{{ }}` from an editor would run).
  markdownTemplateEngine: false,
  htmlTemplateEngine: false,
  dataTemplateEngine: false,
};

export default function (): void {
  // Intentionally empty: the build adds portalPlugin (portal-plugin.ts) to its own Eleventy instance.
}

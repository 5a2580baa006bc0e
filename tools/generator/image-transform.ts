import { eleventyImageTransformPlugin } from "@11ty/eleventy-img";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import posthtml from "posthtml";
import type { EleventyConfig } from "./portal-plugin.ts";

type PosthtmlPlugin = (context: Record<string, unknown>) => (tree: unknown) => Promise<unknown>;
interface Page {
  url: string;
  inputPath: string;
  outputPath: string | false;
}

/**
 * eleventy-img's HTML transform, run only on pages that contain an <img>. Registered the usual
 * way, eleventy-img makes Eleventy parse and re-serialise every HTML page with posthtml; on a
 * regency's thousands of text-only pages that was a tenth of the build (measured with a CPU
 * profile of the benchmark's regency). eleventy-img still does all the image work with its own
 * options; only the choice of pages is ours.
 */
export function imageTransformPlugin(
  eleventyConfig: EleventyConfig,
  options: Record<string, unknown>,
  /** Receives every written HTML page after its images are resolved (the build collects used images). */
  onPage: (html: string, page: Page) => void,
  /** The site folder (relative to Eleventy's input) whose media a page's `/media/...` means. */
  siteFolderOf: (page: Page) => string,
): { transformHtml: (html: string, page: Page) => Promise<string> } {
  let plugin: PosthtmlPlugin | undefined;
  const capture = new Proxy(eleventyConfig, {
    get(target, prop) {
      if (prop === "htmlTransformer") return { addPosthtmlPlugin: (_extensions: string, fn: PosthtmlPlugin) => void (plugin = fn) };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  eleventyImageTransformPlugin(capture, options);
  if (!plugin) throw new Error("Internal error: @11ty/eleventy-img did not register its HTML transform; check its version");
  const transform = plugin;

  const transformHtml = async (html: string, page: Page) => {
    if (!html.includes("<img")) return html;
    // eleventy-img reads `/media/x.jpg` from Eleventy's input folder (sites/); each page means
    // its own site's media folder. Every such <img> is replaced by eleventy-img's output.
    const local = html.replace(/(<img\b[^>]*?\ssrc=")\/media\//g, `$1/${siteFolderOf(page)}/media/`);
    const result = (await posthtml([transform({ page, url: page.url, inputPath: page.inputPath, outputPath: page.outputPath }) as never]).process(local)) as { html: string };
    return result.html;
  };
  eleventyConfig.addTransform("portal-images", async function (this: { page: Page }, content: string) {
    if (!this.page.outputPath || !String(this.page.outputPath).endsWith(".html")) return content;
    const html = await transformHtml(content, this.page);
    onPage(html, this.page);
    return html;
  });
  return { transformHtml };
}

/** A news item's body for a feed reader: responsive images resolved and every URL absolute. */
export async function feedHtml(
  transformHtml: (html: string, page: Page) => Promise<string>,
  html: string,
  page: Page,
  base: string,
  /** Sees the resolved HTML while its image URLs are still root-relative. */
  onResolved: (html: string) => void,
): Promise<string> {
  const resolved = await transformHtml(html, page);
  onResolved(resolved);
  return convertHtmlToAbsoluteUrls(resolved, base);
}

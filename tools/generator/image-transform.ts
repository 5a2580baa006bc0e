import { eleventyImageTransformPlugin } from "@11ty/eleventy-img";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import posthtml from "posthtml";
import { timeLimits, withTimeLimit } from "../core/progress.ts";
import type { EleventyConfig } from "./types.ts";
import { InternalError } from "../core/internal-error.ts";
import { oncePerKey } from "../core/once-per-key.ts";

/**
 * An <img> tag as the theme writes it: its attribute values are escaped (Nunjucks escapes ">"), so
 * the first ">" ends it. Editors' Markdown allows no HTML, and structured data escapes "<".
 */
const imgTag = /<img\b[^>]*>/g;

type PosthtmlPlugin = (context: Record<string, unknown>) => (tree: unknown) => Promise<unknown>;
interface ImgNode {
  attrs?: Record<string, string | boolean | undefined>;
}
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
  /**
   * Where an <img src> of a page is in Eleventy's input (`/<slug>/media/...`, URL-encoded); throws
   * for anything that is not an image of the page's own unit (media-reference.ts).
   */
  sourceOf: (src: string, page: Page) => string,
  /** Counts the page's work while it runs (the run waits for it after a failure). */
  track: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): { transformHtml: (html: string, page: Page) => Promise<string> } {
  let plugin: PosthtmlPlugin | undefined;
  const capture = new Proxy(eleventyConfig, {
    get(target, prop) {
      if (prop === "htmlTransformer")
        return { addPosthtmlPlugin: (_extensions: string, fn: PosthtmlPlugin) => void (plugin = fn) };
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  eleventyImageTransformPlugin(capture, options);
  if (!plugin) throw new InternalError("@11ty/eleventy-img did not register its HTML transform; check its version");
  const transform = plugin;

  // Every <img> eleventy-img would read passes here first: it reads `/x` from Eleventy's input
  // folder (sites/) and would fetch a remote URL, so each src becomes the page's own unit's file,
  // or the page fails with the reason (eleventy-img itself hung, exit 0, on some bad sources).
  const ownImages = (page: Page) => (tree: { match: (query: object, fn: (node: ImgNode) => ImgNode) => void }) => {
    tree.match({ tag: "img" }, (node) => {
      if (node.attrs && !("eleventy:ignore" in node.attrs))
        node.attrs.src = sourceOf(String(node.attrs.src ?? ""), page);
      return node;
    });
    return tree;
  };
  // The same tag of the same unit (its logo, on every page it has) gives the same <picture>: each
  // is resolved once a run, and a page's tags are replaced in its text, which is never parsed
  // whole. Before, every page with an image went through posthtml's parser and serialiser and
  // eleventy-img's lookups once per <img>: with the logo that was every page of a unit with one
  // (docs/benchmarks.md, "Warm images"). eleventy-img's output depends on the tag alone
  // here: the source is absolute and `urlPath` fixed (image-options.ts), never on the page.
  const resolved = oncePerKey<string>();
  const resolveTag = (tag: string, page: Page): Promise<string> => {
    // The page's own check first, every time: a foreign source fails the page that shows it. The
    // theme quotes every attribute with "; posthtml's parser, like this, leaves entities as written.
    const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
    const ignored = /\seleventy:ignore[\s>=]/.test(tag);
    const key = ignored || src === undefined ? tag : `${sourceOf(src, page)}\n${tag}`;
    // A failure is the page's, with its reason: the next page with the tag tries again.
    return resolved(key, () =>
      (
        posthtml([
          ownImages(page) as never,
          transform({ page, url: page.url, inputPath: page.inputPath, outputPath: page.outputPath }) as never,
        ]).process(tag) as Promise<{ html: string }>
      ).then((r) => r.html),
    );
  };
  const transformHtml = async (html: string, page: Page) => {
    if (!html.includes("<img")) return html;
    const tags = html.match(imgTag) ?? [];
    // Pages hold no <picture> of their own (the theme writes none, Markdown allows no HTML); if
    // one ever does, eleventy-img must see the whole tree, so the page is parsed whole as before.
    const work = html.includes("<picture")
      ? (
          posthtml([
            ownImages(page) as never,
            transform({ page, url: page.url, inputPath: page.inputPath, outputPath: page.outputPath }) as never,
          ]).process(html) as Promise<{ html: string }>
        ).then((r) => r.html)
      : (async () => {
          const distinct = [...new Set(tags)];
          const out = new Map(await Promise.all(distinct.map(async (t) => [t, await resolveTag(t, page)] as const)));
          return html.replace(imgTag, (t) => out.get(t)!);
        })();
    return withTimeLimit(
      work,
      timeLimits.pageImagesMs(tags.length),
      `eleventy-img, the ${tags.length} image(s) of ${page.outputPath || page.url}`,
    );
  };
  eleventyConfig.addTransform("portal-images", async function (this: { page: Page }, content: string) {
    if (!this.page.outputPath || !String(this.page.outputPath).endsWith(".html")) return content;
    return track(async () => {
      const html = await transformHtml(content, this.page);
      onPage(html, this.page);
      return html;
    });
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

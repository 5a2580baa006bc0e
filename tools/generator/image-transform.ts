import { dirname } from "node:path";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { timeLimits, withTimeLimit } from "../core/progress.ts";
import type { EleventyConfig } from "./types.ts";
import { InternalError } from "../core/internal-error.ts";
import { oncePerKey } from "../core/once-per-key.ts";
import { rememberedImage } from "./image-results.ts";

/**
 * An <img> tag as the theme writes it: its attribute values are escaped (Nunjucks escapes ">"), so
 * the first ">" ends it. Editors' Markdown allows no HTML, and structured data escapes "<".
 */
const imgTag = /<img\b[^>]*>/g;

type PosthtmlPlugin = (context: Record<string, unknown>) => (tree: unknown) => Promise<unknown>;
type Posthtml = (plugins: never[]) => { process: (html: string) => Promise<{ html: string }> };
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
  options: Record<string, unknown> & { outputDir: string },
  /** Receives every written HTML page after its images are resolved (the build collects used images). */
  onPage: (html: string, page: Page) => void,
  /**
   * Where an <img src> of a page is: in Eleventy's input (`src`: `/<slug>/media/...`,
   * URL-encoded) and on disk (`file`); throws for anything that is not an image of the page's own
   * unit (media-reference.ts).
   */
  sourceOf: (src: string, page: Page) => { src: string; file: string },
  /** Counts the page's work while it runs (the run waits for it after a failure). */
  track: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): { transformHtml: (html: string, page: Page) => Promise<string> } {
  // eleventy-img (with posthtml) is loaded at the first tag whose answer is not recorded
  // (image-results.ts): a build whose images are all known again never loads it.
  let loaded: Promise<{ transform: PosthtmlPlugin; posthtml: Posthtml }> | undefined;
  const load = () =>
    (loaded ??= Promise.all([import("@11ty/eleventy-img"), import("posthtml")]).then(([img, ph]) => {
      let plugin: PosthtmlPlugin | undefined;
      const capture = new Proxy(eleventyConfig, {
        get(target, prop) {
          if (prop === "htmlTransformer")
            return { addPosthtmlPlugin: (_extensions: string, fn: PosthtmlPlugin) => void (plugin = fn) };
          const value = Reflect.get(target, prop);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      // A copy: eleventy-img writes into its options' nested objects as it goes (the last
      // image's src into htmlOptions.imgAttributes), and `options` is part of every recorded answer's key.
      img.eleventyImageTransformPlugin(capture, structuredClone(options));
      if (!plugin) throw new InternalError("@11ty/eleventy-img did not register its HTML transform; check its version");
      return { transform: plugin, posthtml: ph.default as unknown as Posthtml };
    }));

  // Every <img> eleventy-img would read passes here first: it reads `/x` from Eleventy's input
  // folder (sites/) and would fetch a remote URL, so each src becomes the page's own unit's file,
  // or the page fails with the reason (eleventy-img itself hung, exit 0, on some bad sources).
  const ownImages = (page: Page) => (tree: { match: (query: object, fn: (node: ImgNode) => ImgNode) => void }) => {
    tree.match({ tag: "img" }, (node) => {
      if (node.attrs && !("eleventy:ignore" in node.attrs))
        node.attrs.src = sourceOf(String(node.attrs.src ?? ""), page).src;
      return node;
    });
    return tree;
  };
  /** eleventy-img's own transform over `html`, a tag or a whole page. */
  const viaEleventyImg = async (html: string, page: Page): Promise<string> => {
    const { transform, posthtml } = await load();
    const done = await posthtml([
      ownImages(page) as never,
      transform({ page, url: page.url, inputPath: page.inputPath, outputPath: page.outputPath }) as never,
    ]).process(html);
    return done.html;
  };
  // The same tag of the same unit (its logo, on every page it has) gives the same <picture>: each
  // is resolved once a run, and a page's tags are replaced in its text, which is never parsed
  // whole. Before, every page with an image went through posthtml's parser and serialiser and
  // eleventy-img's lookups once per <img>: with the logo that was every page of a unit with one
  // (docs/benchmarks.md, "Warm images"). eleventy-img's output depends on the tag and the
  // source's bytes alone here: the source is absolute and `urlPath` fixed (image-options.ts),
  // never on the page; so it is also kept between builds (image-results.ts).
  const resolved = oncePerKey<string>();
  const resolveTag = (tag: string, page: Page): Promise<string> => {
    // The page's own check first, every time: a foreign source fails the page that shows it. The
    // theme quotes every attribute with "; posthtml's parser, like this, leaves entities as written.
    const src = /\ssrc="([^"]*)"/.exec(tag)?.[1];
    const ignored = /\seleventy:ignore[\s>=]/.test(tag);
    const source = ignored || src === undefined ? undefined : sourceOf(src, page);
    const cacheDir = dirname(options.outputDir);
    if (!source)
      return resolved(tag, () => rememberedImage(cacheDir, undefined, tag, options, () => viaEleventyImg(tag, page)));
    // A failure is the page's, with its reason: the next page with the tag tries again.
    return resolved(`${source.src}\n${tag}`, () =>
      rememberedImage(cacheDir, source.file, tag, options, () => viaEleventyImg(tag, page)),
    );
  };
  const transformHtml = async (html: string, page: Page) => {
    if (!html.includes("<img")) return html;
    const tags = html.match(imgTag) ?? [];
    // Pages hold no <picture> of their own (the theme writes none, Markdown allows no HTML); if
    // one ever does, eleventy-img must see the whole tree, so the page is parsed whole as before.
    const work = html.includes("<picture")
      ? viaEleventyImg(html, page)
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

/**
 * Every attribute the conversion reads an address from (@11ty/posthtml-urls' filter), whatever its
 * tag, however it is quoted or spaced (after a slash, or right after another's closing quote, too:
 * HTML parsers read both as a space): finding one more than it reads only sends the body to it.
 */
const addressAttribute =
  /[\s/"'](href|src|srcset|ping|cite|formaction|action|data|poster|content)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/gi;

/**
 * Whether the conversion would leave every address of `html` as it is. posthtml-urls changes those
 * attributes' values only, so a body with none (73 of the demo's 131 news bodies: paragraphs,
 * emphasis and lists) or whose every address is absolute already and written as the URL parser
 * writes it (`new URL(a, base)` of it is itself: links to other sites, 38 of the other 58) is
 * given as it is, instead of being parsed and written again. A list of addresses (srcset, ping, a
 * refresh's content) always goes to the conversion. Tested against the conversion itself on every
 * body of the demo (image-transform.test.ts).
 */
function addressesAbsolute(html: string): boolean {
  for (const [, name, ...values] of html.matchAll(addressAttribute)) {
    if (/^(?:srcset|ping|content)$/i.test(name!)) return false;
    if (!writtenAsParsed(values.find((v) => v !== undefined) ?? "")) return false;
  }
  return true;
}

/** Whether `value` is an absolute address the URL parser writes back as it is (parsed once). */
function writtenAsParsed(value: string): boolean {
  try {
    return new URL(value).href === value;
  } catch {
    return false;
  }
}

/** `html` with every address made absolute against `base`, as @11ty/eleventy-plugin-rss does it. */
export function absoluteHtml(html: string, base: string): Promise<string> {
  return addressesAbsolute(html) ? Promise.resolve(html) : convertHtmlToAbsoluteUrls(html, base);
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
  return absoluteHtml(resolved, base);
}

import MarkdownIt from "markdown-it";
import { parseSiteLink, type SiteLink } from "../content/site-links.ts";

/**
 * The one Markdown preset for editors' content, used by the build and by validation.
 * Raw HTML is off: an editor (or a stolen editor account) cannot inject script, iframes or
 * hidden gambling links into a page. markdown-it's validateLink already refuses javascript:,
 * vbscript:, file: and most data: URLs.
 */
export function createMarkdown(
  options: { siteLinkUrl?: (link: SiteLink) => string; mediaUrl?: MediaUrl } = {},
): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Only written addresses become links (https://..., an e-mail): linkify's fuzzy links turned
  // academic titles into links to foreign sites ("M.Si" → http://M.Si, Slovenia's domain) and
  // would let a bare "judi.example" through as a link no one wrote.
  md.linkify.set({ fuzzyLink: false });
  if (options.siteLinkUrl) resolveSiteLinks(md, options.siteLinkUrl);
  if (options.mediaUrl) resolveMediaReferences(md, options.mediaUrl);
  markExternalLinks(md);
  return md;
}

/**
 * The address an image or link of a page's body has on its site. `env` is what Eleventy renders
 * the page with (its `page.inputPath` tells whose media the reference means).
 */
export type MediaUrl = (href: string, usage: "image" | "link", env: unknown) => string;

/**
 * Every image and every link into media, however written (relative, `../`, with a query or a
 * fragment, by reference), becomes its one canonical `/media/...` address, by the same function
 * validation judged it with (media-reference.ts). Nothing else reaches eleventy-img.
 */
function resolveMediaReferences(md: MarkdownIt, urlOf: MediaUrl): void {
  md.core.ruler.push("portal_media_references", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type === "image") token.attrSet("src", urlOf(token.attrGet("src") ?? "", "image", state.env));
        else if (token.type === "link_open" && !token.meta?.portalSiteLink)
          token.attrSet("href", urlOf(token.attrGet("href") ?? "", "link", state.env));
      }
    }
  });
}

/** `site:<unit>/<path>` links to another unit's page become its URL for this build (site-links.ts). */
function resolveSiteLinks(md: MarkdownIt, urlOf: (link: SiteLink) => string): void {
  md.core.ruler.push("portal_site_links", (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        const link = token.type === "link_open" ? parseSiteLink(token.attrGet("href") ?? "") : undefined;
        if (!link) continue;
        token.attrSet("href", urlOf(link));
        token.meta = { ...token.meta, portalSiteLink: true };
      }
    }
  });
}

/** Links that leave the portal say so to screen readers and do not leak the page as opener. */
function markExternalLinks(md: MarkdownIt): void {
  const fallback =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (/^https?:\/\//.test(token.attrGet("href") ?? "") && !token.meta?.portalSiteLink)
      token.attrSet("rel", "noopener noreferrer");
    return fallback(tokens, idx, options, env, self);
  };
}

export interface BodyReference {
  kind: "image" | "link";
  href: string;
  alt: string;
  /** 0-based line within the body. */
  line: number;
}

/** Every image and link in a Markdown body, with its line, for reference checks. */
export function bodyReferences(md: MarkdownIt, body: string): BodyReference[] {
  const refs: BodyReference[] = [];
  const lines = body.split("\n");
  for (const block of md.parse(body, {})) {
    const [first = 0, end = first + 1] = block.map ?? [];
    // markdown-it gives lines per block only; a paragraph spans several, so find each reference's own.
    const text = lines.slice(first, end).join("\n");
    let cursor = 0;
    const lineOf = (href: string) => {
      const at = text.indexOf(href, cursor);
      if (at < 0) return first;
      cursor = at + href.length;
      return first + (text.slice(0, at).match(/\n/g)?.length ?? 0);
    };
    for (const t of block.children ?? []) {
      if (t.type === "image") {
        const href = t.attrGet("src") ?? "";
        refs.push({ kind: "image", href, alt: t.content, line: lineOf(href) });
      }
      if (t.type === "link_open") {
        const href = t.attrGet("href") ?? "";
        refs.push({ kind: "link", href, alt: "", line: lineOf(href) });
      }
    }
  }
  return refs;
}

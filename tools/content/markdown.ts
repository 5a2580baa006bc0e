import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { readAddress } from "../core/address.ts";
import { parseSiteLink, type SiteLink } from "./site-links.ts";

/**
 * The one Markdown preset for editors' content, used by the build and by validation.
 * Raw HTML is off: an editor (or a stolen editor account) cannot inject script, iframes or
 * hidden gambling links into a page. markdown-it's validateLink already refuses javascript:,
 * vbscript:, file: and most data: URLs.
 */
export function createMarkdown(
  options: {
    siteLinkUrl?: (link: SiteLink) => string;
    mediaUrl?: MediaUrl;
    /** The body `text` as validation parsed it (readBody), if it has it, for the page `env` renders. */
    parsedBody?: (env: unknown, text: string) => ParsedBody | undefined;
  } = {},
): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  // Only written addresses become links (https://..., an e-mail): linkify's fuzzy links turned
  // academic titles into links to foreign sites ("M.Si" → http://M.Si, Slovenia's domain) and
  // would let a bare "judi.example" through as a link no one wrote.
  md.linkify.set({ fuzzyLink: false });
  // linkify-it's first look at a paragraph also searches it for a fuzzy host ("x.com"), with a
  // regular expression over the whole text (about 0.2 s of a 40 × 100 build), though fuzzy links
  // are off. Whatever it can still find holds a scheme's ":" or "//", or an e-mail's "@"; its own
  // test decides on those.
  md.linkify.pretest = (text) => /[:@]|\/\//.test(text);
  const portalRules: RuleCore[] = [];
  const portalRule = (name: string, rule: RuleCore) => {
    md.core.ruler.push(name, rule);
    portalRules.push(rule);
  };
  if (options.siteLinkUrl) portalRule("portal_site_links", resolveSiteLinks(options.siteLinkUrl));
  if (options.mediaUrl) portalRule("portal_media_references", resolveMediaReferences(options.mediaUrl));
  if (options.parsedBody) renderFromValidation(md, options.parsedBody, portalRules);
  markExternalLinks(md);
  return md;
}

type RuleCore = (state: StateCore) => void;

/** A body's tokens as validation parsed them (markdown-it's core rules done, the portal's not yet). */
export interface ParsedBody {
  text: string;
  tokens: Token[];
}

/**
 * A page renders from the tokens validation judged (readBody) when it has them for that very text:
 * what a link is and what a reader reads are then decided on the parse the page shows, and the
 * body is not parsed twice (a second parse was about a tenth of a build's time). Only the portal's
 * own rules, which depend on the page, run on them. Without them (a body validation did not parse,
 * or one rendered again), the body is parsed as usual.
 */
function renderFromValidation(
  md: MarkdownIt,
  parsedBody: (env: unknown, text: string) => ParsedBody | undefined,
  portalRules: readonly RuleCore[],
): void {
  const parse = md.parse.bind(md);
  md.parse = (src, env) => {
    const parsed = parsedBody(env, src);
    if (parsed?.text !== src) return parse(src, env);
    const state = new md.core.State(src, md, env);
    state.tokens = parsed.tokens;
    for (const rule of portalRules) rule(state);
    return state.tokens;
  };
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
function resolveMediaReferences(urlOf: MediaUrl): RuleCore {
  return (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type === "image") token.attrSet("src", urlOf(token.attrGet("src") ?? "", "image", state.env));
        else if (token.type === "link_open" && !token.meta?.portalSiteLink)
          token.attrSet("href", urlOf(token.attrGet("href") ?? "", "link", state.env));
      }
    }
  };
}

/** `site:<unit>/<path>` links to another unit's page become its URL for this build (site-links.ts). */
function resolveSiteLinks(urlOf: (link: SiteLink) => string): RuleCore {
  return (state) => {
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        const link = token.type === "link_open" ? parseSiteLink(token.attrGet("href") ?? "") : undefined;
        if (!link) continue;
        token.attrSet("href", urlOf(link));
        token.meta = { ...token.meta, portalSiteLink: true };
      }
    }
  };
}

/** Links that leave the portal say so to screen readers and do not leak the page as opener. */
function markExternalLinks(md: MarkdownIt): void {
  const fallback =
    md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (readAddress(token.attrGet("href") ?? "").kind === "host" && !token.meta?.portalSiteLink)
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

/** One block of a body as a reader sees its text (a paragraph, a heading, a cell, a code block). */
export interface BodyBlock {
  /** 0-based line within the body where the block starts; its text's n-th line is this + n. */
  line: number;
  /** The text shown: entities decoded, emphasis, links and escapes gone, images as their alt text. */
  text: string;
}

/**
 * A Markdown body read once: every image and link with its line, for reference checks, and the
 * text of each block as the page shows it, for checks of what a reader reads ("sl**o**t" is
 * "slot" on the page; "&#111;" is "o").
 */
export function readBody(
  md: MarkdownIt,
  body: string,
): { references: BodyReference[]; blocks: BodyBlock[]; parsed: ParsedBody } {
  const references: BodyReference[] = [];
  const blocks: BodyBlock[] = [];
  const lines = body.split("\n");
  const tokens = md.parse(body, {});
  for (const block of tokens) {
    const [first = 0, end = first + 1] = block.map ?? [];
    if (block.type === "fence" || block.type === "code_block")
      blocks.push({ line: block.type === "fence" ? first + 1 : first, text: block.content });
    if (!block.children) continue;
    blocks.push({ line: first, text: inlineText(block.children) });
    // markdown-it gives lines per block only; a paragraph spans several, so find each reference's own.
    const text = lines.slice(first, end).join("\n");
    let cursor = 0;
    const lineOf = (href: string) => {
      const at = text.indexOf(href, cursor);
      if (at < 0) return first;
      cursor = at + href.length;
      return first + (text.slice(0, at).match(/\n/g)?.length ?? 0);
    };
    for (const t of block.children) {
      if (t.type === "image") {
        const href = t.attrGet("src") ?? "";
        references.push({ kind: "image", href, alt: t.content, line: lineOf(href) });
      }
      if (t.type === "link_open") {
        const href = t.attrGet("href") ?? "";
        references.push({ kind: "link", href, alt: "", line: lineOf(href) });
      }
    }
  }
  return { references, blocks, parsed: { text: body, tokens } };
}

/** The text inline tokens show, a line break where the source has one. */
function inlineText(tokens: readonly Token[]): string {
  let text = "";
  for (const t of tokens) {
    if (t.type === "softbreak" || t.type === "hardbreak") text += "\n";
    else if (t.type === "image") text += inlineText(t.children ?? []);
    else if (t.type === "text" || t.type === "text_special" || t.type === "code_inline") text += t.content;
  }
  return text;
}

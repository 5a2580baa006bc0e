import MarkdownIt from "markdown-it";

/**
 * The one Markdown preset for editors' content, used by the build and by validation.
 * Raw HTML is off: an editor (or a stolen editor account) cannot inject script, iframes or
 * hidden gambling links into a page. markdown-it's validateLink already refuses javascript:,
 * vbscript:, file: and most data: URLs.
 */
export function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });
  markExternalLinks(md);
  return md;
}

/** Links that leave the site say so to screen readers and do not leak the page as opener. */
function markExternalLinks(md: MarkdownIt): void {
  const fallback = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
  md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
    const href = tokens[idx]!.attrGet("href") ?? "";
    if (/^https?:\/\//.test(href)) tokens[idx]!.attrSet("rel", "noopener noreferrer");
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
  for (const block of md.parse(body, {})) {
    const line = block.map?.[0] ?? 0;
    for (const t of block.children ?? []) {
      if (t.type === "image") refs.push({ kind: "image", href: t.attrGet("src") ?? "", alt: t.content, line });
      if (t.type === "link_open") refs.push({ kind: "link", href: t.attrGet("href") ?? "", alt: "", line });
    }
  }
  return refs;
}

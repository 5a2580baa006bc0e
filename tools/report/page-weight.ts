import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, sep } from "node:path";
import { Parser } from "htmlparser2";

/** A built page and what a phone downloads to show it. */
export interface PageWeight {
  /** The page's path on its site: `/berita/x/`. */
  path: string;
  /** The HTML and the stylesheets, scripts and images it loads from its own site, in bytes. */
  bytes: number;
}

/**
 * The heaviest page of a built site: the HTML plus every stylesheet, script and image it loads
 * from its own site. Of a responsive image only the `<img src>` fallback counts (the smallest
 * width the theme writes), so the figure is what a phone pays, not the sum of every candidate.
 * Files another site serves, and links the reader may follow (documents, other pages), do not
 * count, nor does the CMS at /admin/. Undefined when the site has no built page.
 */
export function heaviestPage(siteDir: string): PageWeight | undefined {
  if (!existsSync(siteDir)) return undefined;
  const sizes = new Map<string, number>();
  const sizeOf = (path: string) => {
    let size = sizes.get(path);
    if (size === undefined) {
      // Only files inside the site: `..` was resolved away by URL parsing already.
      // A malformed escape (`%E0` in a hostile link) names no file: it weighs nothing.
      let decoded: string | undefined;
      try {
        decoded = decodeURIComponent(path);
      } catch {}
      const info = decoded === undefined ? undefined : statSync(join(siteDir, decoded), { throwIfNoEntry: false });
      size = info?.isFile() ? info.size : 0;
      sizes.set(path, size);
    }
    return size;
  };
  let heaviest: PageWeight | undefined;
  for (const name of readdirSync(siteDir, { recursive: true }) as string[]) {
    // The CMS at /admin/ is the editors' tool (Decap's 5 MB bundle), not a page citizens open.
    if (!name.endsWith(".html") || name.split(sep)[0] === "admin") continue;
    const file = join(siteDir, name);
    const html = readFileSync(file, "utf8");
    const path = `/${name.split(sep).join("/")}`.replace(/(^|\/)index\.html$/, "$1");
    const base = new URL(path, "http://site.invalid");
    let bytes = Buffer.byteLength(html);
    const seen = new Set<string>();
    for (const href of loadedResources(html)) {
      let url: URL;
      try {
        url = new URL(href, base);
      } catch {
        continue;
      }
      if (url.host !== base.host || seen.has(url.pathname)) continue;
      seen.add(url.pathname);
      bytes += sizeOf(url.pathname);
    }
    if (!heaviest || bytes > heaviest.bytes) heaviest = { path, bytes };
  }
  return heaviest;
}

/** What the browser fetches to render a page (not what it may navigate to). */
function loadedResources(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, a) {
      if (name === "link" && /\bstylesheet\b/i.test(a.rel ?? "") && a.href) found.push(a.href);
      else if (name === "script" && a.src) found.push(a.src);
      // Lazy images count too: scrolling down the page loads them.
      else if (name === "img" && a.src) found.push(a.src);
    },
  });
  parser.write(html);
  parser.end();
  return found;
}

import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Parser } from "htmlparser2";
import { bundleManifestName, parseSiteBundleManifest } from "../published/cms-bundle-manifest.ts";
import type { Manifest } from "../published/manifest-format.ts";

/**
 * After a build: follows every link, image, stylesheet, script and form target in every built
 * page of every site, within a site and between sites, and reports those that lead nowhere.
 * Which site a URL belongs to comes from each site's manifest.json (`site.url`), so the check
 * works on a production build (https://*.paserkab.go.id) and on `npm start`'s (http://*.localhost)
 * alike. Links outside the portal are counted, not followed: the build machines have no internet.
 */
export interface BrokenLink {
  /** The built page, relative to the dist folder: "dinkes/berita/x/index.html". */
  page: string;
  /** The page's own URL. */
  pageUrl: string;
  /** The attribute as written, and what it resolves to. */
  href: string;
  target: string;
  reason: string;
}

export interface LinkReport {
  sites: number;
  pages: number;
  /** Distinct internal and cross-site targets checked. */
  targets: number;
  links: number;
  external: number;
  broken: BrokenLink[];
  /**
   * Outbound links in the built pages that no source (content, site.json, the theme) contains:
   * something changed the output after the build, or the build itself was tampered with.
   */
  unexplained: { page: string; href: string }[];
}

/** Elements and attributes that make the browser fetch or navigate. */
const urlAttributes: Record<string, string[]> = {
  a: ["href"],
  link: ["href"],
  img: ["src", "srcset"],
  source: ["srcset", "src"],
  script: ["src"],
  form: ["action"],
  iframe: ["src"],
  video: ["src", "poster"],
  audio: ["src"],
};

export function checkLinks(
  distDir: string,
  only?: readonly string[],
  /** Every outbound address the sources contain (`sourceAddresses`); without it, none is checked. */
  sources?: ReadonlySet<string>,
): LinkReport {
  const sites = builtSites(distDir);
  // By host, not origin: an editor's http:// link to the portal is still a link into it.
  const hosts = new Map([...sites].map(([slug, url]) => [new URL(url).host, slug]));
  // Subdomains of the hub's host that were not built are still the portal's: a link there is broken.
  const apex = [...sites.values()].map((u) => new URL(u).host).sort((a, b) => a.length - b.length)[0];
  const seen = new Map<string, string | undefined>();
  const report: LinkReport = { sites: 0, pages: 0, targets: 0, links: 0, external: 0, broken: [], unexplained: [] };

  for (const [slug, siteUrl] of sites) {
    if (only && !only.includes(slug)) continue;
    report.sites++;
    const siteDir = join(distDir, slug);
    for (const file of htmlFiles(siteDir)) {
      report.pages++;
      const path = relative(siteDir, file).split(sep).join("/");
      const pageUrl = new URL(path.replace(/(^|\/)index\.html$/, "$1"), siteUrl).href;
      for (const href of pageReferences(readFileSync(file, "utf8"))) {
        if (/^(?:#|mailto:|tel:|javascript:|data:)/i.test(href) || href.trim() === "") continue;
        report.links++;
        let url: URL;
        try {
          url = new URL(href, pageUrl);
        } catch {
          report.broken.push({ page: `${slug}/${path}`, pageUrl, href, target: href, reason: "not a valid URL" });
          continue;
        }
        url.hash = "";
        url.search = "";
        const owner = hosts.get(url.host);
        const portalHost = apex !== undefined && (url.host === apex || url.host.endsWith(`.${apex}`));
        if (!owner && !portalHost) {
          report.external++;
          if (sources && !sources.has(comparable(href, pageUrl)))
            report.unexplained.push({ page: `${slug}/${path}`, href });
          continue;
        }
        if (!seen.has(url.href)) {
          report.targets++;
          seen.set(
            url.href,
            owner ? missingFile(join(distDir, owner), url.pathname) : `no site is built for ${url.host}`,
          );
        }
        const reason = seen.get(url.href);
        if (reason) report.broken.push({ page: `${slug}/${path}`, pageUrl, href, target: url.href, reason });
      }
    }
  }
  return report;
}

/** An address as a browser reads it, so that source and output compare however either was encoded. */
function comparable(href: string, base: string): string {
  try {
    const url = new URL(href.trim(), base);
    url.hash = "";
    return decodeURI(url.href);
  } catch {
    return href;
  }
}

/**
 * Every address with a host written in the sources of the sites: the units' content and
 * site.json, portal.json and the theme. (Markdown's autolinks, reference links and fields all
 * write the address whole.)
 */
export function sourceAddresses(roots: { sitesDir: string; themeDir: string; portalFile: string }): Set<string> {
  const found = new Set<string>();
  const pattern = /(?:[a-z][a-z0-9+.-]*:)?\/\/[^\s"'<>()[\]{}`\\]+/gi;
  const read = (file: string) => {
    for (const m of readFileSync(file, "utf8").matchAll(pattern)) {
      // Prose ends an address with punctuation that is not part of it.
      const address = m[0].replace(/[.,;:!?*_]+$/, "");
      found.add(comparable(address, "https://portal.invalid/"));
    }
  };
  const walk = function* (dir: string): Generator<string> {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "media") yield* walk(path);
      else if (entry.isFile() && /\.(md|json|njk|html|js)$/.test(entry.name)) yield path;
    }
  };
  if (existsSync(roots.portalFile)) read(roots.portalFile);
  for (const file of walk(roots.sitesDir)) read(file);
  for (const file of walk(roots.themeDir)) read(file);
  return found;
}

/** slug → the site's URL, from the manifests of the sites in the dist folder. */
function builtSites(distDir: string): Map<string, string> {
  const sites = new Map<string, string>();
  if (!existsSync(distDir)) return sites;
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const manifest = join(distDir, entry.name, "manifest.json");
    if (!existsSync(manifest)) continue;
    sites.set(entry.name, (JSON.parse(readFileSync(manifest, "utf8")) as Manifest).site.url);
  }
  return new Map([...sites].sort(([a], [b]) => a.localeCompare(b)));
}

function* htmlFiles(dir: string): Generator<string> {
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    if (name.endsWith(".html")) yield join(dir, name);
  }
}

/** The entry files of the indexes a hub's search page names (`data-units-indexes`, a JSON list of folders). */
function unitsIndexEntries(attribute: string): string[] {
  try {
    const folders: unknown = JSON.parse(attribute);
    if (Array.isArray(folders)) return folders.map((folder) => `${String(folder)}pagefind-entry.json`);
  } catch {
    // Not a list: named as it is, so the check reports it missing.
  }
  return [attribute];
}

/** Every URL a page makes the browser follow, plus Open Graph images (shared on social media). */
export function pageReferences(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === "meta" && /^og:image$/.test(attributes.property ?? "") && attributes.content)
          found.push(attributes.content);
        // The hub's search page names the indexes of the units' records it merges (search.js).
        if (attributes["data-units-indexes"]) found.push(...unitsIndexEntries(attributes["data-units-indexes"]));
        for (const attribute of urlAttributes[name] ?? []) {
          const value = attributes[attribute];
          if (value === undefined) continue;
          if (attribute === "srcset")
            found.push(
              ...value
                .split(",")
                .map((c) => c.trim().split(/\s+/)[0]!)
                .filter(Boolean),
            );
          else found.push(value);
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/**
 * Whether `path` is one of the CMS's files, which a built site names in `admin/decap/bundle.json`
 * and the deploy adds (deploy/cms-files.ts): served, though not in dist/.
 */
function deployedWithSite(siteDir: string, path: string): boolean {
  const prefix = "/admin/decap/";
  if (!path.startsWith(prefix)) return false;
  const file = join(siteDir, "admin", "decap", bundleManifestName);
  const named = existsSync(file) ? parseSiteBundleManifest(readFileSync(file, "utf8")) : undefined;
  return named !== undefined && !(named instanceof Error) && named.files.includes(path.slice(prefix.length));
}

/** Why a path is not served from a built site, like the web server resolves it; undefined if it is. */
function missingFile(siteDir: string, pathname: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return "malformed percent-encoding";
  }
  const file = join(siteDir, ...path.split("/").filter((p) => p !== "" && p !== "." && p !== ".."));
  if (path.endsWith("/")) return existsSync(join(file, "index.html")) ? undefined : "no such page";
  if (!existsSync(file)) return deployedWithSite(siteDir, path) ? undefined : "no such file";
  // A folder without the slash is redirected to it by the server; it must hold a page.
  return statSync(file).isDirectory() && !existsSync(join(file, "index.html")) ? "no such page" : undefined;
}

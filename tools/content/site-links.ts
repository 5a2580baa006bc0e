import { lstatSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { parseLocal } from "../core/wita.ts";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown } from "./front-matter.ts";
import { isPublished } from "./publication-window.ts";
import { resolveMediaReference } from "./media-reference.ts";
import { entryKind, listEntries } from "./site-files.ts";
import { isDnsLabel } from "../core/reserved-slugs.ts";
import { withheldDocuments } from "./withheld-documents.ts";
import { closest } from "../core/closest.ts";
import { readSmallJson } from "./read-json.ts";
import { schemas } from "../schema/schemas.ts";
import { itemUrl, siteUrls } from "../published/permalinks.ts";
import { retirementOf } from "../core/records.ts";

/**
 * Links between units' sites, written in Markdown as `site:<unit>/<path>`:
 *   [Jadwal imunisasi](site:dinkes/pengumuman/jadwal-imunisasi)   an item (folder/file name)
 *   [Profil Dinkes](site:dinkes/halaman/profil)                    a profile page (or site:dinkes/profil)
 *   [Berita Dinkes](site:dinkes/berita)                            a list
 *   [Dinas Kesehatan](site:dinkes)                                 the unit's home page
 *   [Renstra (PDF)](site:dinkes/media/dokumen/renstra.pdf)         a published document
 * The editor names the page by where its file lives, never by a domain, so the same Markdown
 * links correctly in production, in `npm start` and in a preview, and validation can tell a
 * broken link before anything is published.
 */
export const siteLinkScheme = "site:";

export interface SiteLink {
  slug: string;
  /** Path inside the site, without leading or trailing slash; "" for the home page. */
  path: string;
  /** "#..." or "". */
  fragment: string;
}

export function parseSiteLink(href: string): SiteLink | undefined {
  if (!href.startsWith(siteLinkScheme)) return undefined;
  const [target = "", ...rest] = href.slice(siteLinkScheme.length).split("#");
  const [slug = "", ...path] = target.split("/").filter((part) => part !== "");
  return { slug, path: path.join("/"), fragment: rest.length ? `#${rest.join("#")}` : "" };
}

/** The path of a `site:` link on its site, e.g. "/berita/posyandu/" (profile pages sit at the top). */
export function siteLinkPath(link: SiteLink): string {
  if (link.path === "") return "/";
  if (extname(link.path) !== "") return `/${link.path}`;
  const [first, second, ...more] = link.path.split("/");
  if (second !== undefined && more.length === 0 && schemas().typeByName.has(first!)) return itemUrl(first!, second);
  return `/${link.path}/`;
}

export type SiteLinkCheck = { ok: true } | { ok: false; reason: string; suggestion?: string };

/**
 * When the page holding a link is read: from `at` (now, or the item's own `publish_at` when it is
 * scheduled later), in the regency's zone. A link to an item outside its publication window then
 * is refused: it would show an embargoed address early and lead to a missing page.
 */
export interface LinkMoment {
  at: Date;
  timeZone: string;
}

/**
 * Whether a `site:` link names something that will be published, from the sites' source folders
 * (validation runs before any build). What the checked site links to may be built later or
 * elsewhere; `npm run check-links` checks the built result.
 */
export function checkSiteLink(sitesDir: string, link: SiteLink, when?: LinkMoment): SiteLinkCheck {
  const siteDir = join(sitesDir, link.slug);
  if (!isDnsLabel(link.slug) || entryKind(siteDir) !== "folder" || entryKind(join(siteDir, "site.json")) !== "file") {
    return {
      ok: false,
      reason: `tidak ada situs unit "${link.slug}"`,
      suggestion: closest(link.slug, listDirs(sitesDir)),
    };
  }
  // A retired unit's pages are gone, unless the hub keeps them as an archive (retire-site
  // --archive), where a link leads to the same page under /arsip/<unit>/ (the build resolves it).
  const retirement = retirementOf(readSmallJson(join(siteDir, "site.json")));
  const archived = retirement === "archived";
  if (retirement === "retired") return { ok: false, reason: `situs "${link.slug}" sudah tidak aktif (retired)` };
  const parts = link.path === "" ? [] : link.path.split("/");
  const [first = "", second, ...more] = parts;
  if (parts.length === 0) return { ok: true };
  // A browser resolves "..", "." and their %2e spellings itself: such a link could leave the unit named.
  if (parts.some((part) => !isPlainSegment(part)))
    return { ok: false, reason: 'alamat memuat ".", ".." atau karakter yang tidak boleh ada' };
  if (first === "media") {
    const resolved = resolveMediaReference(`/${link.path}`, "document", {
      fromDir: "",
      exists: (path) => entryKind(join(siteDir, path)) === "file",
    });
    if (!resolved?.ok) {
      return resolved?.refusal === "missing-media"
        ? { ok: false, reason: `berkas "${link.path}" tidak ada di situs "${link.slug}"` }
        : {
            ok: false,
            reason: `hanya dokumen (${schemas().fileKinds.document.names}) di folder media yang diterbitkan apa adanya`,
          };
    }
    if (withheldDocuments(siteDir).has(resolved.path))
      return { ok: false, reason: `berkas "${link.path}" adalah dokumen yang dikecualikan di situs "${link.slug}"` };
    return documentWindowCheck(siteDir, link, resolved.path, when);
  }
  if (parts.length === 1) {
    if (`/${first}/` === siteUrls.dip) return { ok: true };
    // An archive has no search of its own.
    if (`/${first}/` === siteUrls.search)
      return archived ? { ok: false, reason: `arsip situs "${link.slug}" tidak punya pencarian` } : { ok: true };
    const type = schemas().typeByName.get(first);
    if (type && !type.hubOnly)
      return hasItems(siteDir, first)
        ? { ok: true }
        : { ok: false, reason: `situs "${link.slug}" belum punya isi "${first}"` };
    const pagesByType = schemas()
      .types.filter((t) => t.topLevel)
      .map((t) => ({ type: t.name, pages: listItems(siteDir, t.name) }));
    const pages = pagesByType.flatMap((t) => t.pages);
    const page = pagesByType.find((t) => t.pages.includes(first));
    return page
      ? windowCheck(siteDir, link.slug, page.type, first, "halaman", when)
      : {
          ok: false,
          reason: `situs "${link.slug}" tidak punya halaman profil "${first}"`,
          suggestion: suggest(link.slug, first, pages),
        };
  }
  const type = schemas().typeByName.get(first);
  if (!type || type.hubOnly || more.length > 0) {
    return {
      ok: false,
      reason: `alamat "${link.path}" bukan halaman situs; tulis site:<unit>/<jenis>/<nama-berkas>, misalnya site:dinkes/berita/posyandu-serentak`,
    };
  }
  const items = listItems(siteDir, type.name);
  return items.includes(second!)
    ? windowCheck(siteDir, link.slug, type.name, second!, type.labelSingular.toLowerCase(), when)
    : {
        ok: false,
        reason: `situs "${link.slug}" tidak punya ${type.labelSingular.toLowerCase()} "${second}"`,
        suggestion: suggest(
          link.slug,
          `${type.name}/${second}`,
          items.map((i) => `${type.name}/${i}`),
        ),
      };
}

/**
 * Whether the item is out when the linking page is read: a link to one scheduled later, or
 * already taken down, is refused with the moment that makes it so.
 */
function windowCheck(
  siteDir: string,
  slug: string,
  type: string,
  name: string,
  label: string,
  when: LinkMoment | undefined,
): SiteLinkCheck {
  if (!when) return { ok: true };
  const file = join(siteDir, "content", type, `${name}.md`);
  // (2 MiB is the largest Markdown file portal.json may allow; that unit's validation says why.)
  if (entryKind(file) !== "file" || lstatSync(file).size > 2 * 1024 * 1024) return { ok: true };
  const text = decodeUtf8(readFileSync(file), file).text;
  if (text === undefined || !/^(un)?publish_at:/m.test(text)) return { ok: true };
  const data = parseMarkdown(text, file).parsed?.data;
  if (!data || isPublished(data, when.at, when.timeZone)) return { ok: true };
  return outOfWindow(`${label} "${name}" di situs "${slug}"`, data, when);
}

/** Why an item outside its window cannot be linked: taken down since, or out only from. */
function outOfWindow(what: string, data: Record<string, unknown>, when: LinkMoment): SiteLinkCheck {
  const until = typeof data.unpublish_at === "string" ? parseLocal(data.unpublish_at, when.timeZone) : undefined;
  return until && until.getTime() <= when.at.getTime()
    ? { ok: false, reason: `${what} sudah diturunkan sejak ${String(data.unpublish_at)} WITA` }
    : {
        ok: false,
        reason: `${what} baru terbit ${String(data.publish_at)} WITA; tautkan setelah itu, atau jadwalkan tulisan ini (publish_at) paling cepat pada waktu itu`,
      };
}

/**
 * A link to the file of a `dokumen` item that is not out when the linking page is read: the file
 * is withheld with its item (publication-window.ts, `scheduledOnlyMedia`), so the link would lead
 * nowhere and name the document early. Only `dokumen` items are read: when another kind of item in
 * its window uses the same file, the file is published, yet such a link is still refused (link
 * that item's page instead).
 */
function documentWindowCheck(
  siteDir: string,
  link: SiteLink,
  path: string,
  when: LinkMoment | undefined,
): SiteLinkCheck {
  if (!when) return { ok: true };
  const dir = join(siteDir, "content", "dokumen");
  const items: Record<string, unknown>[] = [];
  for (const entry of listEntries(dir).entries) {
    const file = join(dir, entry.name);
    if (entry.kind !== "file" || !entry.name.endsWith(".md") || lstatSync(file).size > 2 * 1024 * 1024) continue;
    const text = decodeUtf8(readFileSync(file), file).text;
    if (text === undefined || !text.includes(path.slice(1))) continue;
    const data = parseMarkdown(text, file).parsed?.data;
    const own =
      data && typeof data.file === "string"
        ? resolveMediaReference(data.file, "document", { fromDir: "content/dokumen", exists: () => true })
        : undefined;
    if (data && own?.ok && own.path === path) items.push(data);
  }
  if (items.length === 0 || items.some((d) => isPublished(d, when.at, when.timeZone))) return { ok: true };
  return outOfWindow(`dokumen "${link.path}" di situs "${link.slug}"`, items[0]!, when);
}

function isPlainSegment(part: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return false;
  }
  return decoded !== "." && decoded !== ".." && !/[\\/]/.test(decoded);
}

function suggest(slug: string, wanted: string, candidates: string[]): string | undefined {
  const near = closest(wanted, candidates);
  return near ? `${siteLinkScheme}${slug}/${near}` : undefined;
}

function listDirs(dir: string): string[] {
  return listEntries(dir)
    .entries.filter((e) => e.kind === "folder")
    .map((e) => e.name);
}

function listItems(siteDir: string, type: string): string[] {
  const dir = join(siteDir, "content", type);
  return listEntries(dir)
    .entries.filter((e) => e.kind === "file" && e.name.endsWith(".md"))
    .map((e) => e.name.slice(0, -3));
}

function hasItems(siteDir: string, type: string): boolean {
  return listItems(siteDir, type).length > 0;
}

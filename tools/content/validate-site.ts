// Synchronous reads on purpose: validation reads thousands of small files one after another, and
// a thread-pool round trip per file left the process idle for a fifth of a cold build.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, sep } from "node:path";
import sharp from "sharp";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { isDnsLabel, isReservedSlug, slugify } from "../core/reserved-slugs.ts";
import { bodyReferences, createMarkdown } from "../generator/markdown.ts";
import { closest } from "./closest.ts";
import { contentTypeByName, contentTypes } from "./content-types.ts";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown } from "./front-matter.ts";
import { checkSiteLink, parseSiteLink } from "./site-links.ts";
import { fileSlugPattern, itemUrl, reservedTopLevel } from "./permalinks.ts";
import { problem, type Problem } from "./problem.ts";
import { readJsonWithLines } from "./read-json.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";

export interface SiteValidation {
  slug: string;
  /** The parsed record when site.json itself is readable, even if other files have problems. */
  site?: SiteRecord;
  problems: Problem[];
}

const md = createMarkdown();
const imageExt = new Set([".jpg", ".jpeg", ".png", ".webp"]);
const documentExt = new Set([".pdf", ".docx", ".xlsx", ".odt", ".ods"]);

/** Everything that can be wrong with one site folder, all at once. */
export async function validateSite(ws: Workspace, portal: PortalConfig, slug: string): Promise<SiteValidation> {
  const siteDir = join(ws.sitesDir, slug);
  const rel = (abs: string) => relative(ws.root, abs).split(sep).join("/");
  const problems: Problem[] = [];

  if (!isDnsLabel(slug)) {
    problems.push(problem("invalid-dns-label", rel(siteDir), "", { slug, suggestion: slugify(slug) || "nama-unit" }));
  } else if (isReservedSlug(slug) && slug !== portal.hub) {
    problems.push(problem("reserved-slug", rel(siteDir), "", { slug }));
  }

  const media = listMedia(join(siteDir, "media"));
  const site = await validateSiteJson(siteDir, slug, rel, problems);
  if (site?.logo) checkMediaRef(site.logo, rel(join(siteDir, "site.json")), "/logo", undefined);

  problems.push(...validateMediaFolder(siteDir, media, portal, rel));
  problems.push(...(await unreadableImages(siteDir, media, rel)));

  const contentDir = join(siteDir, "content");
  const urls = new Map<string, string>();
  if (existsSync(contentDir)) {
    for (const entry of readdirSync(contentDir, { withFileTypes: true })) {
      const abs = join(contentDir, entry.name);
      if (!entry.isDirectory()) {
        problems.push(problem("unexpected-file", rel(abs), "", { name: entry.name }));
        continue;
      }
      const type = contentTypeByName.get(entry.name);
      if (!type) {
        problems.push(problem("unknown-content-folder", rel(abs), "", { folder: entry.name, known: contentTypes.filter((t) => !t.hubOnly).map((t) => t.name) }));
        continue;
      }
      if (type.hubOnly && slug !== portal.hub) {
        problems.push(problem("hub-only-folder", rel(abs), "", { folder: entry.name, hub: portal.hub }));
        continue;
      }
      for (const f of readdirSync(abs, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
        const fileAbs = join(abs, f.name);
        const file = rel(fileAbs);
        if (!f.isFile() || extname(f.name) !== ".md") {
          problems.push(problem("unexpected-file", file, "", { name: f.name }));
          continue;
        }
        const fileSlug = f.name.slice(0, -3);
        if (!fileSlugPattern.test(fileSlug)) {
          problems.push(problem("bad-filename", file, "", { name: f.name, suggestion: `${slugify(fileSlug) || "tulisan"}.md` }));
        }
        const url = itemUrl(type.name, fileSlug);
        const other = urls.get(url);
        if (other) problems.push(problem("duplicate-permalink", file, "", { url, other }));
        else if (type.name === "halaman" && reservedTopLevel.has(fileSlug)) {
          problems.push(problem("duplicate-permalink", file, "", { url, other: "halaman bawaan situs" }));
        } else if (type.name !== "halaman" && /^halaman-\d+$/.test(fileSlug)) {
          // Lists are paginated at /<type>/halaman-2/, ...
          problems.push(problem("duplicate-permalink", file, "", { url, other: "halaman daftar bawaan situs" }));
        } else urls.set(url, file);
        problems.push(...validateMarkdownFile(fileAbs, file, type.schemaId, portal));
      }
    }
  }
  return site ? { slug, site, problems } : { slug, problems };

  function checkMediaRef(ref: string, file: string, pointer: string, line: number | undefined): void {
    if (!ref.startsWith("/media/")) return;
    const path = decodeURI(ref.replace(/[?#].*$/, ""));
    if (!media.has(path)) {
      problems.push(problem("missing-media", file, pointer, { path, suggestion: closest(path, [...media.keys()]) }, line));
    }
  }

  function validateMarkdownFile(abs: string, file: string, schemaId: string, cfg: PortalConfig): Problem[] {
    const bytes = readFileSync(abs);
    if (bytes.length > cfg.limits.markdown_kb * 1024) {
      return [problem("file-too-large", file, "", { sizeKb: Math.ceil(bytes.length / 1024), limitKb: cfg.limits.markdown_kb })];
    }
    const decoded = decodeUtf8(bytes, file);
    if (decoded.problem) return [decoded.problem];
    if (decoded.text.trim() === "") return [problem("empty-file", file, "", {})];
    const { parsed, problems: parseProblems } = parseMarkdown(decoded.text, file);
    if (!parsed) return parseProblems;
    const found = validateAgainst(schemaId, parsed.data, file, parsed.lineOf);
    for (const [pointer, value] of mediaStrings(parsed.data)) checkMediaRef(value, file, pointer, parsed.lineOf(pointer));
    // Only images, links into /media/ and links to other units need checking; most bodies have
    // none and skip the parse.
    const refs = /!\[|\/media\/|site:/.test(parsed.body) ? bodyReferences(md, parsed.body) : [];
    for (const ref of refs) {
      const line = parsed.bodyLine + ref.line;
      if (ref.kind === "image" && ref.alt.trim() === "") found.push(problem("image-without-alt", file, "", { src: ref.href }, line));
      checkMediaRef(ref.href, file, "", line);
      const link = ref.kind === "link" ? parseSiteLink(ref.href) : undefined;
      const target = link && checkSiteLink(ws.sitesDir, link);
      if (target && !target.ok) found.push(problem("broken-site-link", file, "", { href: ref.href, reason: target.reason, suggestion: target.suggestion }, line));
    }
    return found;
  }
}

async function validateSiteJson(siteDir: string, slug: string, rel: (abs: string) => string, problems: Problem[]): Promise<SiteRecord | undefined> {
  const abs = join(siteDir, "site.json");
  const file = rel(abs);
  if (!existsSync(abs)) {
    problems.push(problem("missing-site-json", rel(siteDir), "", {}));
    return undefined;
  }
  const { data, lineOf, problems: readProblems } = await readJsonWithLines(abs, file);
  problems.push(...readProblems);
  if (data === undefined) return undefined;
  const schemaProblems = validateAgainst(schemaIds.site, data, file, lineOf);
  problems.push(...schemaProblems);
  const record = data as SiteRecord;
  if (typeof record.slug === "string" && record.slug !== slug) {
    problems.push(problem("slug-mismatch", file, "/slug", { slug: record.slug, folder: slug }, lineOf("/slug")));
  }
  return schemaProblems.length === 0 ? record : undefined;
}

/** Every file under media/ is published, so each must be an allowed type within its size limit. */
function validateMediaFolder(siteDir: string, media: Map<string, number>, portal: PortalConfig, rel: (abs: string) => string): Problem[] {
  const problems: Problem[] = [];
  for (const [path, size] of media) {
    const file = rel(join(siteDir, path));
    const ext = extname(path).toLowerCase();
    const kb = Math.ceil(size / 1024);
    if (imageExt.has(ext)) {
      if (kb > portal.limits.image_kb) problems.push(problem("media-too-large", file, "", { sizeKb: kb, limitKb: portal.limits.image_kb, kind: "gambar" }));
    } else if (documentExt.has(ext)) {
      if (kb > portal.limits.document_kb) problems.push(problem("media-too-large", file, "", { sizeKb: kb, limitKb: portal.limits.document_kb, kind: "dokumen" }));
    } else {
      problems.push(problem("media-type", file, "", { path }));
    }
  }
  return problems;
}

/**
 * An image that cannot be decoded would fail the build deep inside eleventy-img; reading its
 * header (sharp reads no pixels for this) reports it here, as the editor's problem, instead.
 */
async function unreadableImages(siteDir: string, media: Map<string, number>, rel: (abs: string) => string): Promise<Problem[]> {
  const images = [...media.keys()].filter((path) => imageExt.has(extname(path).toLowerCase()));
  const checks = await Promise.all(
    images.map(async (path) => {
      const abs = join(siteDir, path);
      try {
        const meta = await sharp(abs).metadata();
        if (!meta.width || !meta.height) throw new Error("ukuran gambar tidak terbaca");
        return undefined;
      } catch (error) {
        return problem("media-unreadable", rel(abs), "", { detail: (error as Error).message });
      }
    }),
  );
  return checks.filter((p): p is Problem => p !== undefined);
}

/** `/media/...` path → size in bytes, for every file under the site's media folder. */
function listMedia(mediaDir: string): Map<string, number> {
  const found = new Map<string, number>();
  if (!existsSync(mediaDir)) return found;
  for (const name of readdirSync(mediaDir, { recursive: true }) as string[]) {
    const abs = join(mediaDir, name);
    const info = statSync(abs);
    if (info.isFile()) found.set(`/media/${name.split(sep).join("/")}`, info.size);
  }
  return found;
}

/** Every string in front matter that points into the media folder, with its JSON pointer. */
function* mediaStrings(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string" && value.startsWith("/media/")) yield [pointer, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* mediaStrings(v, `${pointer}/${i}`);
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) yield* mediaStrings(v, `${pointer}/${k}`);
}

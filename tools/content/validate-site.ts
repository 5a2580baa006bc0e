// Synchronous reads on purpose: validation reads thousands of small files one after another, and
// a thread-pool round trip per file left the process idle for a fifth of a cold build.
import { lstatSync, readFileSync } from "node:fs";
import { basename, dirname, join, posix } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { bidiControlIn, controlCharacterIn, isBlank } from "../core/reader-text.ts";
import { parseLocal } from "../core/wita.ts";
import { isAceLabel, isDnsLabel, isReservedSlug, slugify } from "../core/reserved-slugs.ts";
import { createMarkdown, readBody } from "./markdown.ts";
import { closest } from "../core/closest.ts";
import { checkContentRules } from "./content-rules.ts";
import type { ContentType } from "../schema/content-type.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { schemas } from "../schema/schemas.ts";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown, type MarkdownFile } from "./front-matter.ts";
import { checkMediaContents } from "./media-content.ts";
import { mediaKindOf, resolveMediaReference, type ResolvedReference } from "./media-reference.ts";
import { checkOutbound, linkRulesOf, spamPhrasesIn } from "./outbound-links.ts";
import { checkSiteLink, parseSiteLink, type LinkMoment } from "./site-links.ts";
import { fileSlugPattern, itemUrl, reservedTopLevel } from "../published/permalinks.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { readJsonWithLines } from "./read-json.ts";
import { outboundProblems, spamProblems } from "./record-text-checks.ts";
import { catalogueFile, readServiceCatalogue, topicFields, type CatalogueReading } from "./service-catalogue.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import { describeKind, entryKind, listEntries, mediaDepthLimit, scanMedia, type EntryKind } from "./site-files.ts";
import { withheldFileOf } from "./withheld-documents.ts";

export interface SiteValidation {
  slug: string;
  /** The parsed record when site.json itself is readable, even if other files have problems. */
  site?: SiteRecord;
  problems: Problem[];
  /** Media files of excluded documents: never published (withheld-documents.ts). */
  withheld: Set<string>;
  /** The files of media/ as found (path "/media/..." → size): what the build may reference and publish. */
  media: ReadonlyMap<string, number>;
  /** Every content file that parsed, with what was read from it: the build does not read it again. */
  content: ParsedContent[];
}

/** One content file as validation read it. */
export interface ParsedContent {
  /** Absolute path, as the build's Eleventy run reads it. */
  path: string;
  type: ContentType;
  data: Record<string, unknown>;
  /** The front matter's YAML text: how Eleventy's front-matter engine asks for the data. */
  yamlText: string;
  /** Whether the file has no problem of its own. */
  ok: boolean;
  /** Each media reference of the body, as written → its published address. */
  references: ReadonlyMap<string, string>;
  /** Every file of the unit's media the item uses, in fields and body ("/media/..."). */
  media: ReadonlySet<string>;
}

/** How `ParsedContent.references` is keyed: the same address may be an image and a link. */
export const referenceKey = (usage: "image" | "link", href: string) => `${usage} ${href}`;

/** A site that could not be validated at all (not a folder, or a bug of ours it triggered). */
export function unreadableSite(slug: string, problems: Problem[]): SiteValidation {
  return { slug, problems, withheld: new Set(), media: new Map(), content: [] };
}

export interface SiteValidationOptions {
  /** Today in the regency's zone (YYYY-MM-DD): the limit on how far ahead a publication date may be. */
  today: string;
  /** The moment links are judged at (a link to an item not yet out is refused); default: now. */
  now?: Date;
  /** The hub's service catalogue, when the caller has read it once for many sites. */
  catalogue?: CatalogueReading;
}

const md = createMarkdown();

/** portal.json's `limits.files_per_site` when it names none: the schema's default. */
function defaultFilesPerSite(): number {
  const limits = schemas().portal.properties?.limits as JsonSchema | undefined;
  return Number(limits?.properties?.files_per_site?.default);
}

/** A unit's folder holds these, and nothing else. */
const siteEntries: Record<string, "file" | "folder"> = { "site.json": "file", content: "folder", media: "folder" };

/** Everything that can be wrong with one site folder, all at once. */
export async function validateSite(
  ws: Workspace,
  portal: PortalConfig,
  slug: string,
  options: SiteValidationOptions,
): Promise<SiteValidation> {
  const siteDir = join(ws.sitesDir, slug);
  const reserved = reservedTopLevel();
  const rel = (path: string) => `sites/${slug}${path ? `/${path}` : ""}`;
  const problems: Problem[] = [];
  const withheld = new Set<string>();

  if (!isDnsLabel(slug)) {
    problems.push(problem("invalid-dns-label", rel(""), "", { slug, suggestion: slugify(slug) || "nama-unit" }));
  } else if (isAceLabel(slug)) {
    problems.push(problem("ace-slug", rel(""), "", { slug }));
  } else if (isReservedSlug(slug) && slug !== portal.hub) {
    problems.push(problem("reserved-slug", rel(""), "", { slug }));
  }

  // What the folder holds: only site.json, content/ and media/, each of its kind.
  const present = new Set<string>();
  const listed = listEntries(siteDir);
  if (listed.error) problems.push(problem("unreadable-entry", rel(""), "", { detail: listed.error }));
  for (const entry of listed.entries) {
    // The hub alone holds the service catalogue's topics and words (service-catalogue.ts).
    const expected =
      siteEntries[entry.name] ?? (slug === portal.hub && entry.name === catalogueFile ? "file" : undefined);
    if (!expected) problems.push(problem("unexpected-entry", rel(entry.name), "", { name: entry.name }));
    else if (entry.kind === expected) present.add(entry.name);
    else problems.push(wrongKind(rel(entry.name), entry.name, expected, entry.kind));
  }
  if (!present.has("site.json") && entryKind(join(siteDir, "site.json")) === "missing")
    problems.push(problem("missing-site-json", rel(""), "", {}));

  const scan = present.has("media") ? scanMedia(siteDir) : { files: new Map<string, number>(), refused: [] };
  // A flood of files in one unit is refused before any is read: a build of 100,000 small files
  // grew past 4 GB and never finished (issue 23), and the other units must build beside it.
  const contentFiles = present.has("content")
    ? listEntries(join(siteDir, "content"))
        .entries.filter((e) => e.kind === "folder")
        .reduce((n, e) => n + listEntries(join(siteDir, "content", e.name)).entries.length, 0)
    : 0;
  const fileLimit = portal.limits.files_per_site ?? defaultFilesPerSite();
  if (contentFiles + scan.files.size > fileLimit) {
    problems.push(problem("too-many-files", rel(""), "", { count: contentFiles + scan.files.size, limit: fileLimit }));
    // site.json is still read: the unit stays in the hub's directory while its folder is fixed.
    const site = present.has("site.json")
      ? await validateSiteJson(siteDir, slug, rel("site.json"), portal, problems)
      : undefined;
    return { slug, ...(site ? { site } : {}), problems, withheld, media: new Map(), content: [] };
  }
  for (const r of scan.refused) {
    if (r.kind === "too-deep") problems.push(problem("folder-too-deep", rel(r.path), "", { limit: mediaDepthLimit }));
    else if (r.kind === "unreadable")
      problems.push(problem("unreadable-entry", rel(r.path), "", { detail: r.detail ?? "" }));
    else
      problems.push(
        problem("not-regular-file", rel(r.path), "", { name: basename(r.path), what: describeKind(r.kind) }),
      );
  }
  const media = scan.files;
  const exists = (path: string) => media.has(path);
  problems.push(...(await validateMediaFiles(siteDir, media, portal, ws.cacheDir, rel)));

  const site = present.has("site.json")
    ? await validateSiteJson(siteDir, slug, rel("site.json"), portal, problems)
    : undefined;
  const linkRules = linkRulesOf(portal, site);
  // The topics a service may name; the hub reports its own file's problems.
  const catalogueReading = options.catalogue ?? (await readServiceCatalogue(ws, portal));
  if (slug === portal.hub) problems.push(...catalogueReading.problems);
  const topics = catalogueReading.trusted ? catalogueReading.catalogue.topics.map((t) => t.slug) : undefined;
  // Names become addresses (dinkes.paserkab.go.id/berita/slot-gacor/), which search engines show.
  for (const phrase of spamPhrasesIn(slug, linkRules.phrases))
    problems.push(problem("spam-phrase", rel(""), "", { phrase }));
  for (const path of media.keys())
    for (const phrase of spamPhrasesIn(path, linkRules.phrases))
      problems.push(problem("spam-phrase", rel(path.slice(1)), "", { phrase }));
  // The hub shows the regency's emblem (portal.json) when its own record names no logo.
  const logoFromPortal = slug === portal.hub && site && !site.logo && portal.logo;
  if (site && logoFromPortal) site.logo = portal.logo;
  if (site?.logo)
    checkReference(
      resolveMediaReference(site.logo, "image", { fromDir: "", exists }),
      "image",
      site.logo,
      logoFromPortal ? "portal.json" : rel("site.json"),
      "/logo",
      undefined,
    );

  // First every content file is read, so that references between them (a link to an excluded
  // document) are judged with all of them known.
  const files: { file: string; type: ContentType; parsed: MarkdownFile; path: string }[] = [];
  const urls = new Map<string, string>();
  for (const entry of present.has("content") ? listEntries(join(siteDir, "content")).entries : []) {
    const folder = rel(`content/${entry.name}`);
    if (entry.kind !== "folder") {
      problems.push(
        entry.kind === "file"
          ? problem("unexpected-file", folder, "", { name: entry.name })
          : problem("not-regular-file", folder, "", { name: entry.name, what: describeKind(entry.kind) }),
      );
      continue;
    }
    const type = schemas().typeByName.get(entry.name);
    if (!type) {
      problems.push(
        problem("unknown-content-folder", folder, "", {
          folder: entry.name,
          known: schemas()
            .types.filter((t) => !t.hubOnly)
            .map((t) => t.name),
        }),
      );
      continue;
    }
    if (type.hubOnly && slug !== portal.hub) {
      problems.push(problem("hub-only-folder", folder, "", { folder: entry.name, hub: portal.hub }));
      continue;
    }
    // The hub's /layanan/ is the catalogue of every unit's services (and its topics' pages).
    if (slug === portal.hub && topicFields(type.schema).length) {
      problems.push(problem("catalogue-folder-on-hub", folder, "", { folder: entry.name, hub: portal.hub }));
      continue;
    }
    const inFolder = listEntries(join(siteDir, "content", entry.name));
    if (inFolder.error) problems.push(problem("unreadable-entry", folder, "", { detail: inFolder.error }));
    for (const f of inFolder.entries) {
      const file = `${folder}/${f.name}`;
      if (f.kind === "symlink" || f.kind === "special") {
        problems.push(problem("not-regular-file", file, "", { name: f.name, what: describeKind(f.kind) }));
        continue;
      }
      if (f.kind === "folder" && f.name.endsWith(".md")) {
        problems.push(problem("expected-file", file, "", { name: f.name }));
        continue;
      }
      if (f.kind !== "file" || posix.extname(f.name) !== ".md") {
        problems.push(problem("unexpected-file", file, "", { name: f.name }));
        continue;
      }
      const fileSlug = f.name.slice(0, -3);
      if (!fileSlugPattern.test(fileSlug)) {
        problems.push(
          problem("bad-filename", file, "", { name: f.name, suggestion: `${slugify(fileSlug) || "tulisan"}.md` }),
        );
      }
      for (const phrase of spamPhrasesIn(fileSlug, linkRules.phrases))
        problems.push(problem("spam-phrase", file, "", { phrase }));
      const url = itemUrl(type.name, fileSlug);
      const other = urls.get(url);
      if (other) problems.push(problem("duplicate-permalink", file, "", { url, other }));
      else if (type.topLevel && reserved.has(fileSlug)) {
        problems.push(problem("duplicate-permalink", file, "", { url, other: "halaman bawaan situs" }));
      } else if (!type.topLevel && /^halaman-\d+$/.test(fileSlug)) {
        // Lists are paginated at /<type>/halaman-2/, ...
        problems.push(problem("duplicate-permalink", file, "", { url, other: "halaman daftar bawaan situs" }));
      } else urls.set(url, file);
      const parsed = readMarkdownFile(join(siteDir, "content", entry.name, f.name), file, portal);
      if (!parsed) continue;
      files.push({ file, type, parsed, path: join(siteDir, "content", entry.name, f.name) });
      const excluded = type.name === "dokumen" ? withheldFileOf(parsed.data) : undefined;
      if (excluded) withheld.add(excluded);
    }
  }
  const content: ParsedContent[] = [];
  for (const f of files) {
    const references = new Map<string, string>();
    const used = new Set<string>();
    const found = validateContent(f.file, f.type, f.parsed, references, used);
    problems.push(...found);
    content.push({
      path: f.path,
      type: f.type,
      data: f.parsed.data,
      yamlText: f.parsed.yamlText,
      ok: found.length === 0,
      references,
      media: used,
    });
  }
  return { slug, ...(site ? { site } : {}), problems, withheld, media, content };

  function readMarkdownFile(abs: string, file: string, cfg: PortalConfig): MarkdownFile | undefined {
    // The size first: a file of gigabytes is refused without being read.
    const size = lstatSync(abs).size;
    if (size > cfg.limits.markdown_kb * 1024) {
      problems.push(
        problem("file-too-large", file, "", { sizeKb: Math.ceil(size / 1024), limitKb: cfg.limits.markdown_kb }),
      );
      return undefined;
    }
    const bytes = readFileSync(abs);
    const decoded = decodeUtf8(bytes, file);
    if (decoded.problem) return void problems.push(decoded.problem);
    if (isBlank(decoded.text)) return void problems.push(problem("empty-file", file, "", {}));
    const { parsed, problems: parseProblems } = parseMarkdown(decoded.text, file);
    problems.push(...parseProblems);
    return parsed;
  }

  /** When a page is first read: now, or later when the item is scheduled (publish_at). */
  function linkMoment(data: Record<string, unknown>): LinkMoment {
    const now = options.now ?? new Date();
    const from = typeof data.publish_at === "string" ? parseLocal(data.publish_at, portal.time_zone) : undefined;
    const at = from && !Number.isNaN(from.getTime()) && from > now ? from : now;
    return { at, timeZone: portal.time_zone };
  }

  function validateContent(
    file: string,
    type: ContentType,
    parsed: MarkdownFile,
    references: Map<string, string>,
    used: Set<string>,
  ): Problem[] {
    const found = validateAgainst(type.schemaId, parsed.data, file, parsed.lineOf);
    found.push(
      ...checkContentRules({
        data: parsed.data,
        schema: type.schema,
        file,
        lineOf: parsed.lineOf,
        today: options.today,
      }),
    );
    const fieldsWithProblems = new Set(found.map((p) => p.pointer));
    for (const field of topics ? topicFields(type.schema) : []) {
      const named = parsed.data[field];
      if (fieldsWithProblems.has(`/${field}`) || !Array.isArray(named)) continue;
      named.forEach((topic, i) => {
        // An entry the schema refused already (a capital, a space) is not told twice.
        if (typeof topic === "string" && !topics!.includes(topic) && !fieldsWithProblems.has(`/${field}/${i}`))
          found.push(
            problem(
              "unknown-topic",
              file,
              `/${field}/${i}`,
              { topic, known: topics!, suggestion: closest(topic, topics!) },
              parsed.lineOf(`/${field}/${i}`),
            ),
          );
      });
    }
    const fromDir = `content/${type.name}`;
    const isOwnWithheld = (pointer: string) =>
      type.name === "dokumen" && pointer === "/file" && withheldFileOf(parsed.data) !== undefined;
    for (const [pointer, value] of mediaStrings(parsed.data)) {
      if (fieldsWithProblems.has(pointer)) continue;
      const usage = mediaKindOf(value) === "image" ? "image" : "document";
      const resolved = resolveMediaReference(value, usage, { fromDir, exists });
      if (resolved?.ok) used.add(resolved.path);
      checkReference(resolved, usage, value, file, pointer, parsed.lineOf(pointer), found, isOwnWithheld(pointer));
    }
    // Every body is parsed: what a link is and what a reader reads are decided on the parse the
    // page is rendered from, not on a pattern over the text ("http:evil.example" has no "//").
    const { references: refs, blocks } = readBody(md, parsed.body);
    found.push(...outboundProblems(parsed.data, file, parsed.lineOf, linkRules));
    found.push(...spamProblems(parsed.data, blocks, parsed.bodyLine, file, parsed.lineOf, linkRules));
    found.push(...hiddenCharacterProblems(parsed.body, parsed.bodyLine, file));
    for (const ref of refs) {
      const line = parsed.bodyLine + ref.line;
      const outbound = ref.kind === "link" ? checkOutbound(ref.href, linkRules.domains) : { leaves: false as const };
      if (outbound.leaves) {
        if (!outbound.allowed)
          found.push(problem("outbound-link", file, "", { href: ref.href, host: outbound.host }, line));
        continue;
      }
      if (ref.kind === "image" && isBlank(ref.alt))
        found.push(problem("image-without-alt", file, "", { src: ref.href }, line));
      const link = ref.kind === "link" ? parseSiteLink(ref.href) : undefined;
      if (link) {
        const target = checkSiteLink(ws.sitesDir, link, linkMoment(parsed.data));
        if (!target.ok)
          found.push(
            problem(
              "broken-site-link",
              file,
              "",
              { href: ref.href, reason: target.reason, suggestion: target.suggestion },
              line,
            ),
          );
        continue;
      }
      const resolved = resolveMediaReference(ref.href, ref.kind, { fromDir, exists });
      if (resolved?.ok) {
        references.set(referenceKey(ref.kind, ref.href), resolved.url);
        used.add(resolved.path);
      }
      checkReference(resolved, ref.kind === "image" ? "image" : "document", ref.href, file, "", line, found);
    }
    return found;
  }

  /** Turns a refused reference into the editor's problem; a reference to an excluded document is refused too. */
  function checkReference(
    resolved: ResolvedReference | undefined,
    usage: "image" | "document",
    href: string,
    file: string,
    pointer: string,
    line: number | undefined,
    into: Problem[] = problems,
    ownWithheld = false,
  ): void {
    if (!resolved) return;
    if (resolved.ok) {
      if (withheld.has(resolved.path) && !ownWithheld)
        into.push(problem("withheld-document-linked", file, pointer, { path: resolved.path }, line));
      return;
    }
    const suggestion = suggestMedia(resolved.detail, [...media.keys()]);
    switch (resolved.refusal) {
      case "missing-media":
        return void into.push(problem("missing-media", file, pointer, { path: resolved.detail, suggestion }, line));
      case "reference-remote":
        return void into.push(problem("reference-remote", file, pointer, { href }, line));
      case "reference-outside-media":
        return void into.push(problem("reference-outside-media", file, pointer, { href, suggestion }, line));
      case "reference-wrong-kind":
        return void into.push(
          problem(
            "reference-wrong-kind",
            file,
            pointer,
            { href, expected: usage === "image" ? "gambar" : "dokumen" },
            line,
          ),
        );
      case "reference-invalid":
        return void into.push(problem("reference-invalid", file, pointer, { href, detail: resolved.detail }, line));
    }
  }
}

function wrongKind(file: string, name: string, expected: "file" | "folder", kind: EntryKind): Problem {
  if (kind === "symlink" || kind === "special")
    return problem("not-regular-file", file, "", { name, what: describeKind(kind) });
  return expected === "folder"
    ? problem("expected-folder", file, "", { name })
    : problem("expected-file", file, "", { name });
}

/** The media file an editor most likely meant: one with the same name, or the nearest path. */
function suggestMedia(path: string, media: string[]): string | undefined {
  const name = posix.basename(path);
  return media.find((m) => posix.basename(m) === name) ?? closest(path.startsWith("/") ? path : `/${path}`, media);
}

async function validateSiteJson(
  siteDir: string,
  slug: string,
  file: string,
  portal: PortalConfig,
  problems: Problem[],
): Promise<SiteRecord | undefined> {
  const abs = join(siteDir, "site.json");
  const { data, lineOf, problems: readProblems } = await readJsonWithLines(abs, file);
  problems.push(...readProblems);
  if (data === undefined) return undefined;
  const schemaProblems = validateAgainst(schemaIds.site, data, file, lineOf);
  problems.push(...schemaProblems);
  const record = data as SiteRecord;
  if (typeof record.slug === "string" && record.slug !== slug) {
    problems.push(problem("slug-mismatch", file, "/slug", { slug: record.slug, folder: slug }, lineOf("/slug")));
  }
  if (schemaProblems.length === 0) {
    const data = record as unknown as Record<string, unknown>;
    const rules = linkRulesOf(portal, record);
    problems.push(...checkContentRules({ data, schema: schemas().site, file, lineOf, today: "" }));
    problems.push(...outboundProblems(data, file, lineOf, rules));
    problems.push(...spamProblems(data, [], 0, file, lineOf, rules));
    // A retired unit's successor is another unit of the portal, as retire-site requires when it
    // writes one: one that names the unit itself or no unit would leave the hub's page of the
    // retired unit pointing nowhere (it dropped it silently).
    const successor = record.successor;
    if (
      successor !== undefined &&
      (successor === slug || entryKind(join(dirname(siteDir), successor, "site.json")) !== "file")
    )
      problems.push(
        problem("successor-invalid", file, "/successor", { successor, self: successor === slug }, lineOf("/successor")),
      );
  }
  return schemaProblems.length === 0 ? record : undefined;
}

/**
 * Every file under media/ is published (documents) or encoded (images), so each must be an
 * allowed type within its size limit, and be what its name says all the way through.
 */
async function validateMediaFiles(
  siteDir: string,
  media: Map<string, number>,
  portal: PortalConfig,
  cacheDir: string,
  rel: (path: string) => string,
): Promise<Problem[]> {
  const problems: Problem[] = [];
  const toCheck: { abs: string; ext: string; file: string; kind: "image" | "document" }[] = [];
  for (const [path, size] of media) {
    const file = rel(path.slice(1));
    const ext = posix.extname(path).toLowerCase();
    const kb = Math.ceil(size / 1024);
    const kind = mediaKindOf(path);
    if (!kind) {
      problems.push(problem("media-type", file, "", { path }));
      continue;
    }
    const limitKb = kind === "image" ? portal.limits.image_kb : portal.limits.document_kb;
    if (kb > limitKb)
      problems.push(
        problem("media-too-large", file, "", { sizeKb: kb, limitKb, kind: kind === "image" ? "gambar" : "dokumen" }),
      );
    else toCheck.push({ abs: join(siteDir, path), ext, file, kind });
  }
  const checked = await checkMediaContents(toCheck, cacheDir);
  for (const f of toCheck) {
    const result = checked.get(f.abs);
    if (result && !result.ok)
      problems.push(
        problem(f.kind === "image" ? "media-unreadable" : "document-unreadable", f.file, "", { detail: result.detail }),
      );
  }
  return problems;
}

/** A bidirectional control or a control character in a body, on the first line that has one (as in fields: content-rules.ts). */
function hiddenCharacterProblems(body: string, bodyLine: number, file: string): Problem[] {
  const found: Problem[] = [];
  const lines = body.split("\n");
  const bidi = lines.findIndex((l) => bidiControlIn(l));
  if (bidi >= 0) found.push(problem("bidi-control", file, "", { char: bidiControlIn(lines[bidi]!)! }, bodyLine + bidi));
  // Tabs and line ends are text; a carriage return is one (Windows line ends).
  const control = lines.findIndex((l) => controlCharacterIn(l.replace(/\r$/, ""), false));
  if (control >= 0)
    found.push(
      problem(
        "control-character",
        file,
        "",
        { char: controlCharacterIn(lines[control]!.replace(/\r$/, ""), false)! },
        bodyLine + control,
      ),
    );
  return found;
}

/** Every string in front matter that points into the media folder, with its JSON pointer. */
function* mediaStrings(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string" && value.startsWith("/media/")) yield [pointer, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* mediaStrings(v, `${pointer}/${i}`);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* mediaStrings(v, `${pointer}/${k}`);
}

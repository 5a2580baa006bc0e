// Synchronous reads on purpose: validation reads thousands of small files one after another, and
// a thread-pool round trip per file left the process idle for a fifth of a cold build.
import { blobVersion } from "./blob-version.ts";
import { lstatSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig } from "../core/records.ts";
import { bidiControlIn, controlCharacterIn, isBlank } from "../core/reader-text.ts";
import { parseLocal } from "../core/wita.ts";
import { slugify } from "../core/reserved-slugs.ts";
import { closest } from "../core/closest.ts";
import type { ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";
import { fileSlugPattern, itemUrl, reservedTopLevel } from "../published/permalinks.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { checkContentRules } from "./content-rules.ts";
import { decodeUtf8 } from "./decode.ts";
import { hasFillIn } from "./fill-in.ts";
import { parseMarkdown, type MarkdownFile } from "./front-matter.ts";
import { createMarkdown, type ParsedBody, readBody } from "./markdown.ts";
import { mediaKindOf, resolveMediaReference, type ResolvedReference } from "./media-reference.ts";
import { checkOutbound, spamPhrasesIn, type linkRulesOf } from "./outbound-links.ts";
import { outboundProblems, spamProblems } from "./record-text-checks.ts";
import { validateAgainst } from "./schema-validator.ts";
import { topicFields, type CatalogueReading } from "./service-catalogue.ts";
import { checkSiteLink, parseSiteLink, type LinkMoment } from "./site-links.ts";
import { describeKind, listEntries } from "./site-files.ts";
import { withheldFileOf } from "./withheld-documents.ts";

export interface SiteValidationOptions {
  /** Today in the regency's zone (YYYY-MM-DD): the limit on how far ahead a publication date may be. */
  today: string;
  /** The moment links are judged at (a link to an item not yet out is refused); default: now. */
  now?: Date;
  /** The hub's service catalogue, when the caller has read it once for many sites. */
  catalogue?: CatalogueReading;
  /** The unit's site.json as the caller read it already (a small regular file's bytes). */
  siteJson?: Buffer;
  /**
   * Keep each body as validation parsed it, for its page to render from (`ParsedContent.parsedBody`):
   * a build's; a validation alone would only hold them.
   */
  keepParsedBodies?: boolean;
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
  /** Git's blob id of the file as read (blob-version.ts): the version its page says it shows. */
  version: string;
  /** It still holds a `[[Isi: ...]]` part of a starter page (fill-in.ts): not written yet. */
  fillIn: boolean;
  /** Each media reference of the body, as written → its published address. */
  references: ReadonlyMap<string, string>;
  /** Every file of the unit's media the item uses, in fields and body ("/media/..."). */
  media: ReadonlySet<string>;
  /**
   * The body as validation parsed it, until the page renders from it (markdown.ts
   * `renderFromValidation` takes it, once).
   */
  parsedBody?: ParsedBody;
}

/** How `ParsedContent.references` is keyed: the same address may be an image and a link. */
export const referenceKey = (usage: "image" | "link", href: string) => `${usage} ${href}`;

/**
 * One unit's validation under way: what validate-site.ts found about the folder (its media, its
 * link rules, the catalogue's topics), and where every problem goes.
 */
export interface SiteCheck {
  ws: Workspace;
  portal: PortalConfig;
  slug: string;
  siteDir: string;
  /** `sites/<slug>/<path>`, as problems name files. */
  rel: (path: string) => string;
  problems: Problem[];
  /** Media files of excluded documents, found while the content is read. */
  withheld: Set<string>;
  media: ReadonlyMap<string, number>;
  exists: (path: string) => boolean;
  linkRules: ReturnType<typeof linkRulesOf>;
  /** The topics a service may name, when the hub's catalogue could be read. */
  topics: string[] | undefined;
  options: SiteValidationOptions;
}

const md = createMarkdown();

/** One content file read and parsed, before it is checked. */
interface ReadFile {
  file: string;
  type: ContentType;
  parsed: MarkdownFile;
  path: string;
  fillIn: boolean;
  version: string;
}

/**
 * Every content file of the unit, read first, so that references between them (a link to an
 * excluded document) are judged with all of them known; then each checked.
 */
export function validateContentFiles(ctx: SiteCheck): ParsedContent[] {
  const files = readContentFiles(ctx);
  const content: ParsedContent[] = [];
  for (const f of files) {
    const references = new Map<string, string>();
    const used = new Set<string>();
    const body: { parsed?: ParsedBody } = {};
    const found = validateContent(ctx, f.file, f.type, f.parsed, references, used, body);
    ctx.problems.push(...found);
    content.push({
      path: f.path,
      type: f.type,
      data: f.parsed.data,
      yamlText: f.parsed.yamlText,
      fillIn: f.fillIn,
      ok: found.length === 0,
      version: f.version,
      references,
      media: used,
      ...(body.parsed && ctx.options.keepParsedBodies ? { parsedBody: body.parsed } : {}),
    });
  }
  return content;
}

/** The folders of content/ and their Markdown files, each refused by name or read. */
function readContentFiles(ctx: SiteCheck): ReadFile[] {
  const { siteDir, rel, problems, slug, portal, linkRules, withheld } = ctx;
  const reserved = reservedTopLevel();
  const files: ReadFile[] = [];
  const urls = new Map<string, string>();
  for (const entry of listEntries(join(siteDir, "content")).entries) {
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
      const read = readMarkdownFile(ctx, join(siteDir, "content", entry.name, f.name), file);
      if (!read?.parsed) continue;
      const { parsed } = read;
      files.push({
        file,
        type,
        parsed,
        path: join(siteDir, "content", entry.name, f.name),
        fillIn: read.fillIn,
        version: read.version,
      });
      const excluded = type.name === "dokumen" ? withheldFileOf(parsed.data) : undefined;
      if (excluded) withheld.add(excluded);
    }
  }
  return files;
}

function readMarkdownFile(
  ctx: SiteCheck,
  abs: string,
  file: string,
): { parsed: MarkdownFile | undefined; fillIn: boolean; version: string } | undefined {
  const { problems } = ctx;
  const cfg = ctx.portal;
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
  return { parsed, fillIn: hasFillIn(decoded.text), version: blobVersion(bytes) };
}

/** When a page is first read: now, or later when the item is scheduled (publish_at). */
function linkMoment(ctx: SiteCheck, data: Record<string, unknown>): LinkMoment {
  const { portal } = ctx;
  const now = ctx.options.now ?? new Date();
  const from = typeof data.publish_at === "string" ? parseLocal(data.publish_at, portal.time_zone) : undefined;
  const at = from && !Number.isNaN(from.getTime()) && from > now ? from : now;
  return { at, timeZone: portal.time_zone };
}

function validateContent(
  ctx: SiteCheck,
  file: string,
  type: ContentType,
  parsed: MarkdownFile,
  references: Map<string, string>,
  used: Set<string>,
  /** Where the body's parse is handed back, for the page to render from. */
  body: { parsed?: ParsedBody },
): Problem[] {
  const { topics, exists, linkRules, options, ws } = ctx;
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
    checkReference(
      ctx,
      resolved,
      usage,
      value,
      file,
      pointer,
      () => parsed.lineOf(pointer),
      found,
      isOwnWithheld(pointer),
    );
  }
  // Every body is parsed: what a link is and what a reader reads are decided on the parse the
  // page is rendered from, not on a pattern over the text ("http:evil.example" has no "//").
  const { references: refs, blocks, parsed: parsedBody } = readBody(md, parsed.body);
  body.parsed = parsedBody;
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
      const target = checkSiteLink(ws.sitesDir, link, linkMoment(ctx, parsed.data));
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
    checkReference(ctx, resolved, ref.kind === "image" ? "image" : "document", ref.href, file, "", line, found);
  }
  return found;
}

/** Turns a refused reference into the editor's problem; a reference to an excluded document is refused too. */
export function checkReference(
  ctx: SiteCheck,
  resolved: ResolvedReference | undefined,
  usage: "image" | "document",
  href: string,
  file: string,
  pointer: string,
  /** The line, or how to find it: front matter is parsed again with positions only for a problem. */
  lineOrLookup: number | undefined | (() => number | undefined),
  into: Problem[] = ctx.problems,
  ownWithheld = false,
): void {
  const { withheld, media } = ctx;
  if (!resolved) return;
  const line = () => (typeof lineOrLookup === "function" ? lineOrLookup() : lineOrLookup);
  if (resolved.ok) {
    if (withheld.has(resolved.path) && !ownWithheld)
      into.push(problem("withheld-document-linked", file, pointer, { path: resolved.path }, line()));
    return;
  }
  const suggestion = suggestMedia(resolved.detail, [...media.keys()]);
  switch (resolved.refusal) {
    case "missing-media":
      return void into.push(problem("missing-media", file, pointer, { path: resolved.detail, suggestion }, line()));
    case "reference-remote":
      return void into.push(problem("reference-remote", file, pointer, { href }, line()));
    case "reference-outside-media":
      return void into.push(problem("reference-outside-media", file, pointer, { href, suggestion }, line()));
    case "reference-wrong-kind":
      return void into.push(
        problem(
          "reference-wrong-kind",
          file,
          pointer,
          { href, expected: usage === "image" ? "gambar" : "dokumen" },
          line(),
        ),
      );
    case "reference-invalid":
      return void into.push(problem("reference-invalid", file, pointer, { href, detail: resolved.detail }, line()));
  }
}

/** The media file an editor most likely meant: one with the same name, or the nearest path. */
function suggestMedia(path: string, media: string[]): string | undefined {
  const name = posix.basename(path);
  return media.find((m) => posix.basename(m) === name) ?? closest(path.startsWith("/") ? path : `/${path}`, media);
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

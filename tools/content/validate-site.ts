import { portalDefaults } from "../core/portal-defaults.ts";
import { basename, dirname, join, posix } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { isAceLabel, isDnsLabel, isReservedSlug, slugify } from "../core/reserved-slugs.ts";
import { checkContentRules } from "./content-rules.ts";
import { schemas } from "../schema/schemas.ts";
import { checkMediaContents } from "./media-content.ts";
import { mediaKindOf, resolveMediaReference } from "./media-reference.ts";
import { linkRulesOf, spamPhrasesIn } from "./outbound-links.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { readJsonWithLines } from "./read-json.ts";
import { outboundProblems, spamProblems } from "./record-text-checks.ts";
import { catalogueFile, readServiceCatalogue } from "./service-catalogue.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import {
  countContentFiles,
  describeKind,
  entryKind,
  listEntries,
  mediaDepthLimit,
  scanMedia,
  type EntryKind,
} from "./site-files.ts";
import {
  checkReference,
  validateContentFiles,
  type ParsedContent,
  type SiteCheck,
  type SiteValidationOptions,
} from "./validate-content-files.ts";

export type { ParsedContent, SiteValidationOptions } from "./validate-content-files.ts";
export { referenceKey } from "./validate-content-files.ts";

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

/** A site that could not be validated at all (not a folder, or a bug of ours it triggered). */
export function unreadableSite(slug: string, problems: Problem[]): SiteValidation {
  return { slug, problems, withheld: new Set(), media: new Map(), content: [] };
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
  const contentFiles = present.has("content") ? countContentFiles(siteDir) : 0;
  const fileLimit = portal.limits.files_per_site ?? portalDefaults.limits.files_per_site;
  if (contentFiles + scan.files.size > fileLimit) {
    problems.push(problem("too-many-files", rel(""), "", { count: contentFiles + scan.files.size, limit: fileLimit }));
    // site.json is still read: the unit stays in the hub's directory while its folder is fixed.
    const site = present.has("site.json")
      ? await validateSiteJson(siteDir, slug, rel("site.json"), portal, problems, options.siteJson)
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
    ? await validateSiteJson(siteDir, slug, rel("site.json"), portal, problems, options.siteJson)
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
  const logoFromPortal = site !== undefined && withPortalLogo(site, slug, portal);
  const ctx: SiteCheck = {
    ws,
    portal,
    slug,
    siteDir,
    rel,
    problems,
    withheld,
    media,
    exists,
    linkRules,
    topics,
    options,
  };
  if (site?.logo)
    checkReference(
      ctx,
      resolveMediaReference(site.logo, "image", { fromDir: "", exists }),
      "image",
      site.logo,
      logoFromPortal ? "portal.json" : rel("site.json"),
      "/logo",
      undefined,
    );

  const content = present.has("content") ? validateContentFiles(ctx) : [];
  return { slug, ...(site ? { site } : {}), problems, withheld, media, content };
}

/** The hub shows the regency's emblem (portal.json) when its own record names no logo: whether it took it. */
function withPortalLogo(site: SiteRecord, slug: string, portal: PortalConfig): boolean {
  if (slug !== portal.hub || site.logo || !portal.logo) return false;
  site.logo = portal.logo;
  return true;
}

/**
 * A unit's record as its validation accepts it (a site.json the schema accepts; the hub with the
 * regency's emblem when it names none), from the file's bytes (registry.ts readSiteJsonFiles):
 * the registry and the checks between units are known before any unit's content is read.
 */
export async function siteRecordOf(
  ws: Workspace,
  portal: PortalConfig,
  slug: string,
  bytes: Buffer | undefined,
): Promise<SiteRecord | undefined> {
  if (bytes === undefined) return undefined;
  const file = `sites/${slug}/site.json`;
  const { data } = await readJsonWithLines(join(ws.sitesDir, slug, "site.json"), file, bytes);
  if (data === undefined || validateAgainst(schemaIds.site, data, file).length) return undefined;
  const site = data as SiteRecord;
  withPortalLogo(site, slug, portal);
  return site;
}

function wrongKind(file: string, name: string, expected: "file" | "folder", kind: EntryKind): Problem {
  if (kind === "symlink" || kind === "special")
    return problem("not-regular-file", file, "", { name, what: describeKind(kind) });
  return expected === "folder"
    ? problem("expected-folder", file, "", { name })
    : problem("expected-file", file, "", { name });
}

async function validateSiteJson(
  siteDir: string,
  slug: string,
  file: string,
  portal: PortalConfig,
  problems: Problem[],
  bytes?: Buffer,
): Promise<SiteRecord | undefined> {
  const abs = join(siteDir, "site.json");
  const { data, lineOf, problems: readProblems } = await readJsonWithLines(abs, file, bytes);
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

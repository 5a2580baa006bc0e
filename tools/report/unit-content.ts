import { lstatSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { decodeUtf8 } from "../content/decode.ts";
import { parseMarkdown } from "../content/front-matter.ts";
import { isPublished } from "../content/publication-window.ts";
import { markdownFiles } from "../content/site-files.ts";
import type { ParsedContent } from "../content/validate-site.ts";
import { hasFillIn } from "../content/fill-in.ts";
import type { ContentFact } from "../published/hub-facts.ts";
import { type Schemas, schemas } from "../schema/schemas.ts";
import { type CompletenessRule, loadCompletenessRules } from "./completeness-rules.ts";

/** One content file of a unit as the report sees it: its front matter and whether it is finished. */
export interface ContentEntry extends ContentFact {
  /** Relative to the repository: `sites/dinkes/content/dokumen/renstra.md`. */
  path: string;
}

/**
 * A unit's published content, read straight from its Markdown (front matter only, no build):
 * the report must take seconds for a whole regency. What validation would refuse (a file that is
 * not regular, too large, not UTF-8, without front matter) is left out: it is validation's
 * problem to report, and it is not published either. An item outside its publication window
 * (`publish_at`, `unpublish_at`) is not published now, so it does not count.
 */
export function readUnitContent(ws: Workspace, portal: PortalConfig, slug: string, now: Date): ContentEntry[] {
  const entries: ContentEntry[] = [];
  for (const file of markdownFiles(join(ws.sitesDir, slug))) {
    if (lstatSync(file.abs).size > portal.limits.markdown_kb * 1024) continue;
    const text = decodeUtf8(readFileSync(file.abs), file.name).text;
    if (text === undefined) continue;
    const { parsed } = parseMarkdown(text, file.name);
    if (!parsed || !isPublished(parsed.data, now, portal.time_zone)) continue;
    entries.push({
      type: file.type,
      file: file.name.slice(0, -3),
      path: `sites/${slug}/content/${file.type}/${file.name}`,
      data: parsed.data,
      fillIn: hasFillIn(text),
    });
  }
  return entries;
}

/**
 * The same, from what validation parsed in this build (validate-content-files.ts): a build reads
 * each unit's Markdown once. Validation keeps every file it could parse, problems or not.
 */
export function unitContentFrom(
  parsed: readonly ParsedContent[],
  portal: PortalConfig,
  slug: string,
  now: Date,
): ContentEntry[] {
  return publishedContent(contentFacts(parsed), portal, slug, now);
}

/**
 * What a unit's build keeps of its parsed content for the hub's report (published/hub-facts.ts):
 * with `fields`, only those of each file's front matter.
 */
export function contentFacts(parsed: readonly ParsedContent[], fields?: ReadonlySet<string>): ContentFact[] {
  return parsed.map((c) => ({
    type: c.type.name,
    file: basename(c.path).slice(0, -3),
    data: fields ? Object.fromEntries(Object.entries(c.data).filter(([name]) => fields.has(name))) : c.data,
    fillIn: c.fillIn,
  }));
}

/**
 * The front matter fields the report reads (unit-report.ts, completeness.ts): each type's date,
 * the publication window, a document's classification, review date and title, and every field a
 * completeness rule matches on. The hub's facts keep only these, so an edit of any other field (a
 * service's requirements, a page's order) leaves the hub's input from the unit as it was.
 */
export function reportedFields(set: Schemas, rules: readonly CompletenessRule[]): Set<string> {
  return new Set([
    "publish_at",
    "unpublish_at",
    "classification",
    "reviewed_at",
    "date",
    "title",
    ...set.types.flatMap((t) => (t.dateField ? [t.dateField] : [])),
    ...rules.flatMap((r) => ("content" in r.require ? Object.keys(r.require.where ?? {}) : [])),
  ]);
}

/**
 * reportedFields of this checkout's schemas and rules; without the rules' fields when the rules
 * cannot be read (the hub's build then fails with their problem: build-sites.ts).
 */
export function hubFactFields(): Set<string> {
  let rules: CompletenessRule[] = [];
  try {
    rules = loadCompletenessRules();
  } catch {
    // Reported where the report is computed, for the hub.
  }
  return reportedFields(schemas(), rules);
}

/** A unit's content files, whether built now or read from its last build's facts: those published at `now`. */
export function publishedContent(
  facts: readonly ContentFact[],
  portal: PortalConfig,
  slug: string,
  now: Date,
): ContentEntry[] {
  return facts
    .filter((c) => isPublished(c.data, now, portal.time_zone))
    .map((c) => ({ ...c, path: `sites/${slug}/content/${c.type}/${c.file}.md` }));
}

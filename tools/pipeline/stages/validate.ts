import { retirementOf, type PortalConfig, type SiteRecord } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { inWindow } from "../../content/broadcasts.ts";
import { isPublished, scheduledOnlyMedia } from "../../content/publication-window.ts";
import { frontMatterKey } from "../../content/front-matter.ts";
import { problem, sortProblems, type Problem } from "../../problems/problem.ts";
import type { ParsedContent } from "../../content/validate-site.ts";
import { readPortal, validateWorkspace } from "../../content/validate-workspace.ts";
import { readSiteJsonFiles, retiredIn } from "../../content/registry.ts";
import type { BuildContext, SiteResult } from "../build-context.ts";
import { contentFacts, hubFactFields } from "../../report/unit-content.ts";
import type { ContentFact } from "../../published/hub-facts.ts";

export type Validated =
  | { fatal: Problem[] }
  | {
      fatal: [];
      context: Omit<BuildContext, "progress" | "base" | "report" | "cmsLocalBackend" | "cmsFiles" | "ui" | "images">;
      /** Valid units to build, the hub apart (it is built last, from what they published). */
      units: SiteRecord[];
      /** The hub, and the archived units whose pages are published inside it (`/arsip/<slug>/`). */
      hub: SiteRecord[];
      /** Sites that failed validation, with their problems. */
      failed: SiteResult[];
      /** Every validated unit's content as parsed (failed units too): the report reads it. */
      parsed: ReadonlyMap<string, readonly ParsedContent[]>;
    };

/**
 * Stage 1, validate: every asked-for site folder is read and checked once (content/
 * validate-workspace.ts); a site with problems fails alone. What validation parsed (registry,
 * broadcasts, front matter, media, body references) is handed on, so no later stage reads a
 * unit's files again.
 */
export async function validate(ws: Workspace, only: readonly string[] | undefined, now: Date): Promise<Validated> {
  // portal.json and every site.json are read here once, and validation parses them from that.
  const portalReading = await readPortal(ws);
  const siteJson = await readSiteJsonFiles(ws);
  const retired = retiredIn(siteJson);
  const archives = new Set(retired.filter((s) => s.archived).map((s) => s.slug));
  const validation = await validateWorkspace(ws, only && withArchives(portalReading.portal, only, archives), {
    now,
    portalReading,
    siteJson,
  });
  if (!validation.portal || validation.portalProblems.length) {
    return { fatal: sortProblems(validation.portalProblems) };
  }
  const portal = validation.portal;
  const unknown = (only ?? []).filter((slug) => !validation.sites.some((s) => s.slug === slug));
  if (unknown.length) return { fatal: unknown.map((slug) => problem("no-such-site", `sites/${slug}`, "", { slug })) };

  const failed: SiteResult[] = [];
  const valid: SiteRecord[] = [];
  const content = new Map<string, ParsedContent>();
  const frontMatter = new Map<string, unknown>();
  const unpublished = new Set<string>();
  const facts = new Map<string, ContentFact[]>();
  const factFields = hubFactFields();
  for (const v of validation.sites) {
    if (v.problems.length || !v.site) {
      failed.push({ slug: v.slug, ok: false, pages: 0, ms: 0, problems: sortProblems(v.problems) });
      continue;
    }
    // A retired unit has no site; an archived one's pages are kept, inside the hub's.
    if (retirementOf(v.site) === "retired") continue;
    valid.push(v.site);
    facts.set(v.slug, contentFacts(v.content, factFields));
    for (const c of v.content) {
      content.set(c.path, c);
      frontMatter.set(frontMatterKey(c.yamlText), c.data);
      if (!isPublished(c.data, now, portal.time_zone)) unpublished.add(c.path);
    }
  }
  return {
    fatal: [],
    context: {
      ws,
      portal,
      now,
      registry: validation.registry,
      retired,
      archives,
      broadcasts: inWindow(validation.broadcasts, now),
      catalogue: validation.catalogue,
      // Excluded documents for good; files only unpublished items use, until their window.
      withheld: new Map(
        validation.sites.map((v) => [
          v.slug,
          new Set([...v.withheld, ...scheduledOnlyMedia(v.content, now, portal.time_zone)]),
        ]),
      ),
      media: new Map(validation.sites.map((v) => [v.slug, v.media])),
      content,
      frontMatter,
      unpublished,
      facts,
    },
    units: valid.filter((s) => s.slug !== portal.hub && !s.archived),
    hub: valid.filter((s) => s.slug === portal.hub || s.archived),
    failed,
    parsed: new Map(validation.sites.map((v) => [v.slug, v.content])),
  };
}

/**
 * The hub and the archives it holds are published together (publish.ts `publishArchive`): asking
 * for one of them builds them all, so a rebuild of the hub alone never drops an archive.
 */
function withArchives(
  portal: PortalConfig | undefined,
  only: readonly string[],
  archives: ReadonlySet<string>,
): readonly string[] {
  if (!portal || !only.some((slug) => slug === portal.hub || archives.has(slug))) return only;
  return [...new Set([...only, portal.hub, ...archives])];
}

import { retirementOf, type PortalConfig, type SiteRecord } from "../../core/records.ts";
import type { Workspace } from "../../core/workspace.ts";
import { inWindow, readBroadcasts } from "../../content/broadcasts.ts";
import { isPublished, scheduledOnlyMedia } from "../../content/publication-window.ts";
import { frontMatterKey } from "../../content/front-matter.ts";
import { problem, sortProblems, type Problem } from "../../problems/problem.ts";
import type { ParsedContent, SiteValidation } from "../../content/validate-site.ts";
import {
  broadcastsIn,
  planValidation,
  readPortal,
  registryOf,
  type ValidationPlan,
} from "../../content/validate-workspace.ts";
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

/** A build's validation under way (startValidation): sites are added as they are validated. */
export interface ValidationUnderWay {
  plan: ValidationPlan;
  /** What the later stages read; its lists and maps fill as sites are added. */
  validated: Extract<Validated, { context: unknown }>;
  /**
   * Adds a site's validation (validate-workspace.ts `validateEntry`): its failure when it failed;
   * the unit when it is one to render with the others (not the hub, an archive or a retired unit).
   */
  add: (v: SiteValidation) => { failure?: SiteResult; unit?: SiteRecord };
}

/**
 * Stage 1, validate: every asked-for site folder is read and checked once (content/
 * validate-workspace.ts); a site with problems fails alone. What validation parsed (registry,
 * broadcasts, front matter, media, body references) is handed on, so no later stage reads a
 * unit's files again. It starts here, from portal.json, every site.json (the registry, the
 * problems between units) and the catalogue; the sites are then validated one by one and added: a
 * build of many batches validates each batch's units just before it renders them (build-sites.ts).
 */
export async function startValidation(
  ws: Workspace,
  only: readonly string[] | undefined,
  now: Date,
): Promise<ValidationUnderWay | { fatal: Problem[] }> {
  // portal.json and every site.json are read here once, and validation parses them from that.
  const portalReading = await readPortal(ws);
  const siteJson = await readSiteJsonFiles(ws);
  const retired = retiredIn(siteJson);
  const archives = new Set(retired.filter((s) => s.archived).map((s) => s.slug));
  const plan = await planValidation(ws, only && withArchives(portalReading.portal, only, archives), {
    now,
    portalReading,
    siteJson,
    keepParsedBodies: true,
  });
  if (!("wanted" in plan) || plan.portalProblems.length) return { fatal: sortProblems(plan.portalProblems) };
  const { portal } = plan;
  const unknown = (only ?? []).filter((slug) => !plan.wanted.some((e) => e.name === slug));
  if (unknown.length) return { fatal: unknown.map((slug) => problem("no-such-site", `sites/${slug}`, "", { slug })) };

  const content = new Map<string, ParsedContent>();
  const frontMatter = new Map<string, unknown>();
  const unpublished = new Set<string>();
  const facts = new Map<string, ContentFact[]>();
  const withheld = new Map<string, ReadonlySet<string>>();
  const media = new Map<string, ReadonlyMap<string, number>>();
  const parsed = new Map<string, readonly ParsedContent[]>();
  const factFields = hubFactFields();
  const validated: ValidationUnderWay["validated"] = {
    fatal: [],
    context: {
      ws,
      portal,
      now,
      registry: registryOf(plan),
      retired,
      archives,
      // The hub's, once it is added; a build without the hub reads them from its folder.
      broadcasts: plan.wanted.some((e) => e.name === portal.hub) ? [] : inWindow(readBroadcasts(ws, portal), now),
      catalogue: plan.catalogue.catalogue,
      withheld,
      media,
      content,
      frontMatter,
      unpublished,
      facts,
    },
    units: [],
    hub: [],
    failed: [],
    parsed,
  };
  const add: ValidationUnderWay["add"] = (v) => {
    // Excluded documents for good; files only unpublished items use, until their window.
    withheld.set(v.slug, new Set([...v.withheld, ...scheduledOnlyMedia(v.content, now, portal.time_zone)]));
    media.set(v.slug, v.media);
    parsed.set(v.slug, v.content);
    if (v.slug === portal.hub) validated.context.broadcasts = inWindow(broadcastsIn(v, portal), now);
    // A body no page will render from is not held (ParsedContent.parsedBody).
    const unrendered = (c: ParsedContent) => delete c.parsedBody;
    if (v.problems.length || !v.site) {
      v.content.forEach(unrendered);
      const failure = { slug: v.slug, ok: false, pages: 0, ms: 0, problems: sortProblems(v.problems) };
      validated.failed.push(failure);
      return { failure };
    }
    // A retired unit has no site; an archived one's pages are kept, inside the hub's.
    if (retirementOf(v.site) === "retired") {
      v.content.forEach(unrendered);
      return {};
    }
    const unit = v.slug !== portal.hub && !v.site.archived;
    (unit ? validated.units : validated.hub).push(v.site);
    facts.set(v.slug, contentFacts(v.content, factFields));
    for (const c of v.content) {
      content.set(c.path, c);
      frontMatter.set(frontMatterKey(c.yamlText), c.data);
      if (isPublished(c.data, now, portal.time_zone)) continue;
      unpublished.add(c.path);
      unrendered(c);
    }
    return unit ? { unit: v.site } : {};
  };
  return { plan, validated, add };
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

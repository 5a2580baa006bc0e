import { basename, join, relative, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { defaultCatalogue, readServiceCatalogue, type ServiceCatalogue } from "./service-catalogue.ts";
import { broadcastOf, readBroadcasts, type ScheduledBroadcast } from "./broadcasts.ts";
import { registryEntry, sortRegistry } from "./registry.ts";
import { localDate } from "../core/wita.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { parseSmallJson, readJsonWithLines, readSmallJson } from "./read-json.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import { describeKind, entryKind, listEntries } from "./site-files.ts";
import { firstCommitted } from "./unit-history.ts";
import { slugSkeleton } from "../core/reserved-slugs.ts";
import { thresholdsOf } from "./activity-state.ts";
import { unreadableSite, validateSite, type SiteValidation } from "./validate-site.ts";

/**
 * What validation found, and everything it read on the way: the later stages of a build take
 * the registry, the broadcasts and each site's parsed content from here instead of reading the
 * files again.
 */
export interface WorkspaceValidation {
  portal?: PortalConfig;
  /** Problems with portal.json; they stop every build. */
  portalProblems: Problem[];
  /** The sites asked for (default: all), each with its problems and what was parsed. */
  sites: SiteValidation[];
  /** Every unit with a valid site.json that is not retired, validated this time or not. */
  registry: SiteRecord[];
  /** The hub's valid broadcasts (siaran/), in or out of their window. */
  broadcasts: ScheduledBroadcast[];
  /** The hub's service catalogue (katalog.json), or the default one when it has problems. */
  catalogue: ServiceCatalogue;
}

export async function readPortal(ws: Workspace): Promise<{ portal?: PortalConfig; problems: Problem[] }> {
  const file = relative(ws.root, ws.portalFile).split(sep).join("/");
  const kind = entryKind(ws.portalFile);
  if (kind !== "file")
    return { problems: [problem("missing-portal-json", file, "", { root: ws.root, what: describeKind(kind) })] };
  const { data, lineOf, problems } = await readJsonWithLines(ws.portalFile, file);
  if (data === undefined) return { problems };
  const schemaProblems = validateAgainst(schemaIds.portal, data, file, lineOf);
  if (schemaProblems.length) return { problems: schemaProblems };
  const portal = data as PortalConfig;
  // Quiet comes before dormant, whichever of the two is left to its default.
  const { quiet_after_days: quiet, dormant_after_days: dormant } = thresholdsOf(portal);
  if (dormant <= quiet)
    return {
      problems: [
        problem(
          "activity-thresholds",
          file,
          "/activity/dormant_after_days",
          { quiet, dormant },
          lineOf("/activity/dormant_after_days") ?? lineOf("/activity"),
        ),
      ],
    };
  return { portal, problems: [] };
}

/**
 * Validates portal.json and the given sites (default: all), reporting every problem at once.
 * Each site is checked on its own: a surprise in one unit's folder (even a bug of ours it
 * triggers) becomes that unit's problem, never the end of the others' validation.
 */
export async function validateWorkspace(
  ws: Workspace,
  only?: readonly string[],
  options: {
    now?: Date;
    /** portal.json as the caller read it already (readPortal), so a build reads it once. */
    portalReading?: Awaited<ReturnType<typeof readPortal>>;
    /** Every site.json as the caller read it already (registry.ts readSiteJsonFiles). */
    siteJson?: ReadonlyMap<string, Buffer | undefined>;
  } = {},
): Promise<WorkspaceValidation> {
  const reading = options.portalReading ?? (await readPortal(ws));
  const { portal } = reading;
  const portalProblems = [...reading.problems];
  if (!portal) return { portalProblems, sites: [], registry: [], broadcasts: [], catalogue: defaultCatalogue() };
  const entries = listEntries(ws.sitesDir).entries.filter((e) => !e.name.startsWith("."));
  const all = entries.filter((e) => e.kind === "folder").map((e) => e.name);
  if (!all.includes(portal.hub)) {
    portalProblems.push(problem("hub-missing", relative(ws.root, ws.portalFile), "/hub", { hub: portal.hub }));
  }
  const today = localDate(options.now ?? new Date(), portal.time_zone);
  const wanted = (name: string) => !only || only.includes(name);
  const sites: SiteValidation[] = [];
  // Read once: every unit's services name its topics.
  const catalogue = await readServiceCatalogue(ws, portal);
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    if (entry.kind !== "folder") {
      // A file, link or device where a unit's folder belongs: named, never read.
      sites.push(
        unreadableSite(entry.name, [
          problem("not-a-site-folder", `sites/${entry.name}`, "", { name: entry.name, what: describeKind(entry.kind) }),
        ]),
      );
      continue;
    }
    try {
      sites.push(
        await validateSite(ws, portal, entry.name, {
          today,
          catalogue,
          ...(options.now ? { now: options.now } : {}),
          ...(options.siteJson?.get(entry.name) ? { siteJson: options.siteJson.get(entry.name) } : {}),
        }),
      );
    } catch (error) {
      sites.push(
        unreadableSite(entry.name, [
          problem("internal", `sites/${entry.name}`, "", {
            detail: error instanceof Error ? error.message : String(error),
          }),
        ]),
      );
    }
  }
  // The other units' site.json, read once: for the names they hold and for the registry.
  const others = new Map(
    all
      .filter((slug) => !wanted(slug))
      .map((slug) => [
        slug,
        options.siteJson
          ? parseSmallJson(options.siteJson.get(slug))
          : readSmallJson(join(ws.sitesDir, slug, "site.json")),
      ]),
  );
  checkAcrossSites(ws, sites, all, others);
  const registry = sortRegistry(
    all
      .map((slug) => {
        const own = sites.find((v) => v.slug === slug);
        return own ? own.site && registryEntry(slug, own.site, true) : registryEntry(slug, others.get(slug));
      })
      .filter((site): site is SiteRecord => site !== undefined),
  );
  const hub = sites.find((v) => v.slug === portal.hub);
  const broadcasts = hub
    ? hub.content
        .filter((c) => c.type.name === "siaran" && c.ok)
        .map((c) => broadcastOf(basename(c.path), c.data, portal))
    : readBroadcasts(ws, portal);
  return { portal, portalProblems, sites, registry, broadcasts, catalogue: catalogue.catalogue };
}

/** Two units with the same name confuse citizens and the hub's directory. */
const labels = { name: "nama unit", short_name: "nama singkat" } as const;

/** What makes two units' names the same name (new-site refuses one that is, before writing). */
export const nameKey = (value: string) => value.trim().toLowerCase();

/**
 * Names must differ across every unit, also when only some are validated (`validate -- dlh`
 * compares dlh with all the others). The unit that took a name later is told to change it: the
 * one whose site.json entered Git later, or is not committed yet. When history cannot tell (two
 * units added in one commit, a folder outside Git), each of them is told.
 */
function checkAcrossSites(
  ws: Workspace,
  validated: SiteValidation[],
  all: string[],
  others: ReadonlyMap<string, unknown>,
): void {
  const names = new Map<string, Partial<Record<keyof typeof labels, string>>>();
  for (const slug of all) {
    const own = validated.find((v) => v.slug === slug);
    names.set(slug, own ? (own.site ?? {}) : namesIn(others.get(slug)));
  }
  let history: Map<string, number> | undefined;
  const age = (slug: string) => (history ??= firstCommitted(ws.root)).get(slug) ?? Infinity;
  // Addresses that look alike (dinkes, dlnkes, d1nkes): the later unit is told, as for names.
  const lookAlikes = new Map<string, string[]>();
  for (const slug of all) lookAlikes.set(slugSkeleton(slug), [...(lookAlikes.get(slugSkeleton(slug)) ?? []), slug]);
  /** Of units that clash, the one that came first (its site.json entered Git first), if history tells. */
  const firstOf = (slugs: string[]): string | undefined => {
    const ages = new Map(slugs.map((s) => [s, age(s)]));
    const first = Math.min(...ages.values());
    const owners = slugs.filter((s) => ages.get(s) === first);
    return owners.length === 1 && first !== Infinity ? owners[0] : undefined;
  };
  for (const slugs of lookAlikes.values()) {
    if (slugs.length < 2) continue;
    const owner = firstOf(slugs);
    for (const v of validated.filter((v) => slugs.includes(v.slug) && v.slug !== owner))
      v.problems.push(
        problem("look-alike-slug", `sites/${v.slug}`, "", {
          slug: v.slug,
          other: owner ?? slugs.filter((s) => s !== v.slug).join(", "),
        }),
      );
  }
  for (const field of ["name", "short_name"] as const) {
    const groups = new Map<string, string[]>();
    for (const [slug, record] of names) {
      const value = record[field];
      if (typeof value !== "string" || !value) continue;
      const key = nameKey(value);
      groups.set(key, [...(groups.get(key) ?? []), slug]);
    }
    for (const slugs of groups.values()) {
      if (slugs.length < 2) continue;
      const owner = firstOf(slugs);
      for (const v of validated.filter((v) => slugs.includes(v.slug) && v.slug !== owner)) {
        const other = owner ?? slugs.filter((s) => s !== v.slug).join(", ");
        v.problems.push(
          problem("duplicate-site", `sites/${v.slug}/site.json`, `/${field}`, {
            field: labels[field],
            value: String(names.get(v.slug)?.[field]),
            other,
            earlier: owner !== undefined,
          }),
        );
      }
    }
  }
}

/** A unit's names, or none when its site.json cannot be read (its own validation says why). */
function namesIn(json: unknown): Partial<Record<keyof typeof labels, string>> {
  const data = json as Record<string, unknown> | undefined;
  return {
    ...(typeof data?.name === "string" ? { name: data.name } : {}),
    ...(typeof data?.short_name === "string" ? { short_name: data.short_name } : {}),
  };
}

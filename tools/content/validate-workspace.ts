import { basename, relative, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import {
  type CatalogueReading,
  defaultCatalogue,
  readServiceCatalogue,
  type ServiceCatalogue,
} from "./service-catalogue.ts";
import { broadcastOf, readBroadcasts, type ScheduledBroadcast } from "./broadcasts.ts";
import { readSiteJsonFiles, registryEntry, sortRegistry } from "./registry.ts";
import { localDate } from "../core/wita.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { parseSmallJson, readJsonWithLines } from "./read-json.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import { describeKind, entryKind, listEntries } from "./site-files.ts";
import { firstCommitted } from "./unit-history.ts";
import { slugSkeleton } from "../core/reserved-slugs.ts";
import { thresholdsOf } from "./activity-state.ts";
import { siteRecordOf, unreadableSite, validateSite, type SiteValidation } from "./validate-site.ts";

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

/** An entry of `sites/` asked for: a unit's folder, or something else where one belongs. */
export interface SiteEntry {
  name: string;
  kind: ReturnType<typeof listEntries>["entries"][number]["kind"];
}

/**
 * What validating the asked-for sites starts from, read once: portal.json, the entries of
 * `sites/`, every site.json, the catalogue, and the problems units have with each other (same
 * names, look-alike addresses), which depend on site.json files alone. Each site can then be
 * validated on its own, in any order (validateEntry), and the whole put together
 * (finishValidation).
 */
export interface ValidationPlan {
  ws: Workspace;
  portal: PortalConfig;
  /** Today in the regency's zone: how far ahead a publication date may be. */
  today: string;
  now?: Date;
  /** The hub's service catalogue, read once for every unit. */
  catalogue: CatalogueReading;
  /** Keep each body as validation parsed it, for its page to render from (a build's). */
  keepParsedBodies?: boolean;
  portalProblems: Problem[];
  /** The entries asked for (default: all), in the order of `sites/`. */
  wanted: SiteEntry[];
  /** Every unit folder. */
  all: string[];
  siteJson: ReadonlyMap<string, Buffer | undefined>;
  /** Each asked-for unit's record as its validation accepts it (validate-site.ts `siteRecordOf`). */
  records: ReadonlyMap<string, SiteRecord | undefined>;
  /** The other units' site.json data, unchecked: for the names they hold and for the registry. */
  others: ReadonlyMap<string, unknown>;
  /** Per asked-for unit, its problems with other units. */
  acrossSites: ReadonlyMap<string, Problem[]>;
}

/**
 * Validates portal.json and the given sites (default: all), reporting every problem at once.
 * Each site is checked on its own: a surprise in one unit's folder (even a bug of ours it
 * triggers) becomes that unit's problem, never the end of the others' validation.
 */
export async function validateWorkspace(
  ws: Workspace,
  only?: readonly string[],
  options: ValidationOptions = {},
): Promise<WorkspaceValidation> {
  const plan = await planValidation(ws, only, options);
  if (!("wanted" in plan))
    return {
      portalProblems: plan.portalProblems,
      sites: [],
      registry: [],
      broadcasts: [],
      catalogue: defaultCatalogue(),
    };
  const sites: SiteValidation[] = [];
  for (const entry of plan.wanted) sites.push(await validateEntry(plan, entry));
  return finishValidation(plan, sites);
}

export interface ValidationOptions {
  now?: Date;
  /** portal.json as the caller read it already (readPortal), so a build reads it once. */
  portalReading?: Awaited<ReturnType<typeof readPortal>>;
  /** Every site.json as the caller read it already (registry.ts readSiteJsonFiles). */
  siteJson?: ReadonlyMap<string, Buffer | undefined>;
  /** Keep each body as validation parsed it (validate-content-files.ts `ParsedContent.parsedBody`). */
  keepParsedBodies?: boolean;
}

/** Reads what every site's validation shares (ValidationPlan); without a valid portal.json, its problems. */
export async function planValidation(
  ws: Workspace,
  only: readonly string[] | undefined,
  options: ValidationOptions = {},
): Promise<ValidationPlan | { portalProblems: Problem[] }> {
  const reading = options.portalReading ?? (await readPortal(ws));
  const { portal } = reading;
  const portalProblems = [...reading.problems];
  if (!portal) return { portalProblems };
  const entries = listEntries(ws.sitesDir).entries.filter((e) => !e.name.startsWith("."));
  const all = entries.filter((e) => e.kind === "folder").map((e) => e.name);
  if (!all.includes(portal.hub)) {
    portalProblems.push(problem("hub-missing", relative(ws.root, ws.portalFile), "/hub", { hub: portal.hub }));
  }
  const wanted = entries.filter((e) => !only || only.includes(e.name));
  const siteJson = options.siteJson ?? (await readSiteJsonFiles(ws));
  const asked = new Set(wanted.map((e) => e.name));
  const records = new Map<string, SiteRecord | undefined>();
  for (const slug of all.filter((slug) => asked.has(slug)))
    records.set(slug, await siteRecordOf(ws, portal, slug, siteJson.get(slug)));
  const others = new Map(
    all.filter((slug) => !asked.has(slug)).map((slug) => [slug, parseSmallJson(siteJson.get(slug))]),
  );
  return {
    ws,
    portal,
    portalProblems,
    wanted,
    all,
    today: localDate(options.now ?? new Date(), portal.time_zone),
    ...(options.now ? { now: options.now } : {}),
    ...(options.keepParsedBodies ? { keepParsedBodies: true } : {}),
    // Read once: every unit's services name its topics.
    catalogue: await readServiceCatalogue(ws, portal),
    siteJson,
    records,
    others,
    acrossSites: problemsAcrossSites(ws, all, records, others),
  };
}

/**
 * One asked-for entry of `sites/` validated: a unit's folder through validate-site.ts, then its
 * problems with other units; anything else named and never read. A bug of ours it triggers
 * becomes its problem.
 */
export async function validateEntry(plan: ValidationPlan, entry: SiteEntry): Promise<SiteValidation> {
  if (entry.kind !== "folder")
    return unreadableSite(entry.name, [
      problem("not-a-site-folder", `sites/${entry.name}`, "", { name: entry.name, what: describeKind(entry.kind) }),
    ]);
  const siteJson = plan.siteJson.get(entry.name);
  let own: SiteValidation;
  try {
    own = await validateSite(plan.ws, plan.portal, entry.name, {
      today: plan.today,
      catalogue: plan.catalogue,
      ...(plan.now ? { now: plan.now } : {}),
      ...(siteJson ? { siteJson } : {}),
      ...(plan.keepParsedBodies ? { keepParsedBodies: true } : {}),
    });
  } catch (error) {
    own = unreadableSite(entry.name, [
      problem("internal", `sites/${entry.name}`, "", {
        detail: error instanceof Error ? error.message : String(error),
      }),
    ]);
  }
  own.problems.push(...(plan.acrossSites.get(entry.name) ?? []));
  return own;
}

/** The asked-for sites' validations put together with what the plan read: the registry, the broadcasts. */
function finishValidation(plan: ValidationPlan, sites: SiteValidation[]): WorkspaceValidation {
  const hub = sites.find((v) => v.slug === plan.portal.hub);
  return {
    portal: plan.portal,
    portalProblems: plan.portalProblems,
    sites,
    registry: registryOf(plan),
    broadcasts: hub ? broadcastsIn(hub, plan.portal) : readBroadcasts(plan.ws, plan.portal),
    catalogue: plan.catalogue.catalogue,
  };
}

/** Every unit with a valid site.json that is not retired, in the regency's order. */
export function registryOf(plan: ValidationPlan): SiteRecord[] {
  return sortRegistry(
    plan.all
      .map((slug) =>
        plan.records.has(slug)
          ? registryEntry(slug, plan.records.get(slug), true)
          : registryEntry(slug, plan.others.get(slug)),
      )
      .filter((site): site is SiteRecord => site !== undefined),
  );
}

/** The hub's valid broadcasts, from its validation. */
export function broadcastsIn(hub: SiteValidation, portal: PortalConfig): ScheduledBroadcast[] {
  return hub.content
    .filter((c) => c.type.name === "siaran" && c.ok)
    .map((c) => broadcastOf(basename(c.path), c.data, portal));
}

/** Two units with the same name confuse citizens and the hub's directory. */
const labels = { name: "nama unit", short_name: "nama singkat" } as const;

/** What makes two units' names the same name (new-site refuses one that is, before writing). */
export const nameKey = (value: string) => value.trim().toLowerCase();

/**
 * Names must differ across every unit, also when only some are validated (`validate -- dlh`
 * compares dlh with all the others). The unit that took a name later is told to change it: the
 * one whose site.json entered Git later, or is not committed yet. When history cannot tell (two
 * units added in one commit, a folder outside Git), each of them is told. An asked-for unit's
 * names count when its site.json is valid (`records`); another unit's as its file holds them.
 */
function problemsAcrossSites(
  ws: Workspace,
  all: string[],
  records: ReadonlyMap<string, SiteRecord | undefined>,
  others: ReadonlyMap<string, unknown>,
): Map<string, Problem[]> {
  const found = new Map<string, Problem[]>();
  const tell = (slug: string, p: Problem) => found.set(slug, [...(found.get(slug) ?? []), p]);
  const asked = (slug: string) => records.has(slug);
  const names = new Map<string, Partial<Record<keyof typeof labels, string>>>();
  for (const slug of all) names.set(slug, asked(slug) ? (records.get(slug) ?? {}) : namesIn(others.get(slug)));
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
  // Each unit's problems in the order of `sites/`: look-alike addresses, then names, then short names.
  const told = (slugs: string[], owner: string | undefined) =>
    all.filter((s) => slugs.includes(s) && s !== owner && asked(s));
  for (const slugs of lookAlikes.values()) {
    if (slugs.length < 2) continue;
    const owner = firstOf(slugs);
    for (const slug of told(slugs, owner))
      tell(
        slug,
        problem("look-alike-slug", `sites/${slug}`, "", {
          slug,
          other: owner ?? slugs.filter((s) => s !== slug).join(", "),
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
      for (const slug of told(slugs, owner)) {
        const other = owner ?? slugs.filter((s) => s !== slug).join(", ");
        tell(
          slug,
          problem("duplicate-site", `sites/${slug}/site.json`, `/${field}`, {
            field: labels[field],
            value: String(names.get(slug)?.[field]),
            other,
            earlier: owner !== undefined,
          }),
        );
      }
    }
  }
  return found;
}

/** A unit's names, or none when its site.json cannot be read (its own validation says why). */
function namesIn(json: unknown): Partial<Record<keyof typeof labels, string>> {
  const data = json as Record<string, unknown> | undefined;
  return {
    ...(typeof data?.name === "string" ? { name: data.name } : {}),
    ...(typeof data?.short_name === "string" ? { short_name: data.short_name } : {}),
  };
}

import { join } from "node:path";
import type { SiteRecord, SiteType } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import { parseSmallJson, readSmallFile } from "./read-json.ts";
import { listEntries } from "./site-files.ts";

/** The order in which units are listed: the regency's own order of precedence. */
export const unitTypeOrder: readonly SiteType[] = [
  "portal",
  "sekretariat",
  "inspektorat",
  "badan",
  "dinas",
  "kecamatan",
  "kelurahan",
  "rsud",
  "puskesmas",
  "lainnya",
];

/** The site folders in sites/ (dot-folders are tools' business, not sites). */
export async function listSiteSlugs(ws: Workspace): Promise<string[]> {
  return listEntries(ws.sitesDir)
    .entries.filter((e) => e.kind === "folder" && !e.name.startsWith("."))
    .map((e) => e.name);
}

/**
 * A unit's place in the registry, from its site.json: a record the schema accepts, for the folder
 * it names, and not retired. Anything else is left out here; validation reports it on its site.
 */
export function registryEntry(slug: string, data: unknown, schemaChecked = false): SiteRecord | undefined {
  if (data === undefined || (!schemaChecked && validateAgainst(schemaIds.site, data, slug).length > 0))
    return undefined;
  const site = data as SiteRecord;
  return site.slug === slug && site.status !== "retired" ? site : undefined;
}

/** The registry in the regency's order: by type of unit, then by name. */
export function sortRegistry(units: SiteRecord[]): SiteRecord[] {
  return units.sort(
    (a, b) => unitTypeOrder.indexOf(a.type) - unitTypeOrder.indexOf(b.type) || a.name.localeCompare(b.name, "id"),
  );
}

/**
 * Every unit in the registry (`sites/*\/site.json`), for commands that do not validate the sites
 * (deploy, benchmarks). A build takes the registry from validation, which has read them already.
 */
export async function readRegistry(ws: Workspace): Promise<SiteRecord[]> {
  const units: SiteRecord[] = [];
  for (const [slug, bytes] of await readSiteJsonFiles(ws)) {
    const site = registryEntry(slug, parseSmallJson(bytes));
    if (site) units.push(site);
  }
  return sortRegistry(units);
}

/**
 * Every unit's site.json as bytes (undefined where it is not a small regular file), read once: a
 * build finds the retired units in them before it validates, and validation parses them again
 * from these bytes instead of reading each file a second time.
 */
export async function readSiteJsonFiles(ws: Workspace): Promise<Map<string, Buffer | undefined>> {
  return new Map((await listSiteSlugs(ws)).map((slug) => [slug, readSmallFile(join(ws.sitesDir, slug, "site.json"))]));
}

/**
 * The retired units (`"status": "retired"` in a valid site.json): no site any more, but their
 * names stay taken, their subdomains redirect to the hub's page about them (nginx-config), and
 * the hub writes that page.
 */
export async function readRetired(ws: Workspace): Promise<SiteRecord[]> {
  return retiredIn(await readSiteJsonFiles(ws));
}

/** The retired units among site.json files already read (readSiteJsonFiles). */
export function retiredIn(files: ReadonlyMap<string, Buffer | undefined>): SiteRecord[] {
  const retired: SiteRecord[] = [];
  for (const [slug, bytes] of files) {
    const data = parseSmallJson(bytes);
    if (data === undefined || validateAgainst(schemaIds.site, data, slug).length > 0) continue;
    const site = data as SiteRecord;
    if (site.slug === slug && site.status === "retired") retired.push(site);
  }
  return sortRegistry(retired);
}

import { join } from "node:path";
import type { SiteRecord, SiteType } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { listSiteSlugs } from "./validate-workspace.ts";
import { schemaIds, validateAgainst } from "../schema/schema-validator.ts";
import { readSmallJson } from "./read-json.ts";

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

/**
 * Every unit in the registry (`sites/*\/site.json`), for the links between sites. A unit whose
 * site.json is invalid is left out here; validation reports it on its own site.
 */
export async function readRegistry(ws: Workspace): Promise<SiteRecord[]> {
  const units: SiteRecord[] = [];
  for (const slug of await listSiteSlugs(ws)) {
    const file = join(ws.sitesDir, slug, "site.json");
    const data = readSmallJson(file);
    if (data === undefined || validateAgainst(schemaIds.site, data, file).length > 0) continue;
    const site = data as SiteRecord;
    if (site.slug === slug && site.status !== "retired") units.push(site);
  }
  return units.sort(
    (a, b) => unitTypeOrder.indexOf(a.type) - unitTypeOrder.indexOf(b.type) || a.name.localeCompare(b.name, "id"),
  );
}

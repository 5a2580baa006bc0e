import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { relative, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig } from "../core/records.ts";
import { problem, type Problem } from "./problem.ts";
import { readJsonWithLines } from "./read-json.ts";
import { schemaIds, validateAgainst } from "./schema-validator.ts";
import { validateSite, type SiteValidation } from "./validate-site.ts";

export interface WorkspaceValidation {
  portal?: PortalConfig;
  /** Problems with portal.json or between sites; they stop every build. */
  portalProblems: Problem[];
  sites: SiteValidation[];
}

export async function readPortal(ws: Workspace): Promise<{ portal?: PortalConfig; problems: Problem[] }> {
  const file = relative(ws.root, ws.portalFile).split(sep).join("/");
  if (!existsSync(ws.portalFile)) {
    throw new Error(`No portal.json in ${ws.root}. Run the command from the repository root.`);
  }
  const { data, lineOf, problems } = await readJsonWithLines(ws.portalFile, file);
  if (data === undefined) return { problems };
  const schemaProblems = validateAgainst(schemaIds.portal, data, file, lineOf);
  return schemaProblems.length ? { problems: schemaProblems } : { portal: data as PortalConfig, problems: [] };
}

export async function listSiteSlugs(ws: Workspace): Promise<string[]> {
  if (!existsSync(ws.sitesDir)) return [];
  return (await readdir(ws.sitesDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory() && !d.name.startsWith("."))
    .map((d) => d.name)
    .sort();
}

/** Validates portal.json and the given sites (default: all), reporting every problem at once. */
export async function validateWorkspace(ws: Workspace, only?: readonly string[]): Promise<WorkspaceValidation> {
  const { portal, problems: portalProblems } = await readPortal(ws);
  if (!portal) return { portalProblems, sites: [] };
  const all = await listSiteSlugs(ws);
  if (!all.includes(portal.hub)) {
    portalProblems.push(problem("hub-missing", relative(ws.root, ws.portalFile), "/hub", { hub: portal.hub }));
  }
  const slugs = only ? all.filter((s) => only.includes(s)) : all;
  const sites: SiteValidation[] = [];
  for (const slug of slugs) sites.push(await validateSite(ws, portal, slug));
  checkAcrossSites(sites);
  return { portal, portalProblems, sites };
}

/** Two units with the same name confuse citizens and the hub's directory. */
const labels = { name: "nama unit", short_name: "nama singkat" } as const;

function checkAcrossSites(sites: SiteValidation[]): void {
  for (const field of ["name", "short_name"] as const) {
    const seen = new Map<string, string>();
    for (const s of sites) {
      const value = s.site?.[field];
      if (!value) continue;
      const key = value.toLowerCase();
      const other = seen.get(key);
      if (other) s.problems.push(problem("duplicate-site", `sites/${s.slug}/site.json`, `/${field}`, { field: labels[field], value, other }));
      else seen.set(key, s.slug);
    }
  }
}

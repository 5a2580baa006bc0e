import { deskRefusal, type DeskProblem } from "../problems/desk-refusals.ts";
import { existsSync, readFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { localDate } from "../core/wita.ts";
import { readSmallJson } from "../content/read-json.ts";
import { readRegistry } from "../content/registry.ts";
import { listEntries, markdownFiles } from "../content/site-files.ts";
import { sortProblems } from "../problems/problem.ts";
import { validateSite } from "../content/validate-site.ts";
import { schemaIds, validateAgainst } from "../content/schema-validator.ts";

export interface RetireSpec {
  slug: string;
  /** The unit that took over its tasks and services (an active unit). */
  successor?: string;
  /** Keep its content and media: the hub serves its pages at `/arsip/<slug>/`, under an "arsip" banner. */
  archive?: boolean;
  now?: Date;
}

export type RetireResult =
  | { ok: true; record: SiteRecord; removed: string[]; linkedFrom: string[] }
  | { ok: false; problems: DeskProblem[] };

/**
 * `npm run retire-site -- <slug>`: the unit leaves the network. Its site.json stays, marked
 * `"status": "retired"` with the day, so its name stays taken (never handed to someone else), its
 * subdomain redirects to the hub's page about it (nginx-config.ts: no dangling name to take
 * over), and the hub writes that page. Its content and media leave the working tree; Git history
 * keeps them (`git log -- sites/<slug>/`). With `archive`, they stay, marked `"archived": true`:
 * the hub builds the unit's pages into its own site at `/arsip/<slug>/` and the old subdomain
 * redirects each address to its place there. Only a unit whose content validates is archived, so
 * that what is archived builds. The record is written first, through a temporary file, so an
 * interruption leaves either the unit as it was or the unit retired.
 */
export async function retireSite(ws: Workspace, portal: PortalConfig, spec: RetireSpec): Promise<RetireResult> {
  const problems: DeskProblem[] = [];
  const file = join(ws.sitesDir, spec.slug, "site.json");
  const data = /^[a-z0-9-]{1,63}$/.test(spec.slug) ? readSmallJson(file) : undefined;
  const { slug } = spec;
  if (slug === portal.hub) problems.push(deskRefusal("hub-cannot-retire", { slug }));
  else if (data === undefined) problems.push(deskRefusal("not-a-unit", { slug }));
  else if (validateAgainst(schemaIds.site, data, file).length > 0)
    problems.push(deskRefusal("record-invalid", { slug }));
  else if ((data as SiteRecord).status === "retired")
    problems.push(deskRefusal("already-retired", { slug, on: (data as SiteRecord).retired_on ?? "an earlier day" }));
  if (spec.successor !== undefined) {
    const units = (await readRegistry(ws)).filter((s) => s.status === "active" && s.slug !== portal.hub);
    if (spec.successor === spec.slug || !units.some((s) => s.slug === spec.successor))
      problems.push(deskRefusal("successor-not-active", { successor: spec.successor }));
  }
  const today = localDate(spec.now ?? new Date(), portal.time_zone);
  if (spec.archive && problems.length === 0) {
    const content = await validateSite(ws, portal, spec.slug, { today });
    if (content.problems.length) problems.push(deskRefusal("archive-invalid", {}), ...sortProblems(content.problems));
  }
  if (problems.length) return { ok: false, problems };

  const record: SiteRecord = {
    ...(data as SiteRecord),
    status: "retired",
    retired_on: today,
    ...(spec.successor ? { successor: spec.successor } : {}),
    ...(spec.archive ? { archived: true } : {}),
  };
  const temporary = `${file}.retire-${process.pid}`;
  await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`);
  await rename(temporary, file);
  const removed: string[] = [];
  for (const folder of spec.archive ? [] : ["content", "media"]) {
    const dir = join(ws.sitesDir, spec.slug, folder);
    if (!existsSync(dir)) continue;
    await rm(dir, { recursive: true, force: true });
    removed.push(`sites/${spec.slug}/${folder}/`);
  }
  // Links into an archive still lead somewhere: to the same page under /arsip/<slug>/.
  return { ok: true, record, removed, linkedFrom: spec.archive ? [] : pagesLinkingTo(ws, spec.slug) };
}

/**
 * Other units' content files that link to the unit with `site:<slug>`: validation refuses a link
 * to a retired unit, so these must be edited before their sites build again.
 */
export function pagesLinkingTo(ws: Workspace, slug: string): string[] {
  const pattern = new RegExp(`site:${slug}(?![a-z0-9-])`);
  const found: string[] = [];
  for (const site of listEntries(ws.sitesDir).entries) {
    if (site.kind !== "folder" || site.name === slug) continue;
    for (const file of markdownFiles(join(ws.sitesDir, site.name)))
      if (pattern.test(readFileSync(file.abs, "utf8")))
        found.push(`sites/${site.name}/content/${file.type}/${file.name}`);
  }
  return found;
}

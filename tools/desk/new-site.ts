import { deskRefusal, type DeskProblem, type DeskRefusal } from "../problems/desk-refusals.ts";
import { bidiControlIn, controlCharacterIn, visibleText } from "../core/reader-text.ts";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { isAceLabel, isDnsLabel, isReservedSlug, slugify, slugSkeleton } from "../core/reserved-slugs.ts";
import type { PortalConfig, SiteRecord, SiteType } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { localDate } from "../core/wita.ts";
import { readRegistry, readRetired } from "../content/registry.ts";
import { nameKey } from "../content/validate-workspace.ts";
import { validateSite } from "../content/validate-site.ts";
import { schemaIds, validateAgainst } from "../content/schema-validator.ts";
import { schemas } from "../schema/schemas.ts";
import { starterPages } from "./starter-pages.ts";

/** What DKISP says of a unit it brings online; the rest comes from portal.json until the unit fills it in. */
export interface NewSiteSpec {
  slug: string;
  name: string;
  type: string;
  shortName?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export type NewSiteResult =
  | { ok: true; record: SiteRecord; files: string[] }
  /** Every reason at once, each naming what to change. */
  | { ok: false; problems: DeskProblem[] };

/** The unit types a new site may have (the hub's type is the hub's alone). */
export function unitTypes(): string[] {
  const type = schemas().site.properties?.type as { enum?: string[] } | undefined;
  return (type?.enum ?? []).filter((t) => t !== "portal");
}

/** Why `slug` cannot be a new unit's subdomain and folder, or undefined when it can. */
export function slugRefusal(
  slug: string,
  ws: Workspace,
  portal: Pick<PortalConfig, "hub" | "domain">,
): DeskRefusal | undefined {
  if (!isDnsLabel(slug)) {
    return deskRefusal("slug-not-dns-label", { slug, suggestion: slugify(slug) });
  }
  if (isAceLabel(slug))
    return deskRefusal("slug-ace", { slug, suggestion: slugify(slug.replace(/^(..)--/, "$1-")) || "dinkes" });
  if (isReservedSlug(slug) || slug === portal.hub)
    return deskRefusal("slug-reserved", {
      slug,
      why:
        slug === portal.hub ? "the hub's folder" : `${slug}.${portal.domain} would look like the regency's own service`,
    });
  const twin = existsSync(ws.sitesDir)
    ? readdirSync(ws.sitesDir).find((other) => other !== slug && slugSkeleton(other) === slugSkeleton(slug))
    : undefined;
  if (twin) return deskRefusal("slug-look-alike", { slug, twin, host: `${slug}.${portal.domain}` });
  if (existsSync(join(ws.sitesDir, slug)))
    return deskRefusal("slug-taken", { slug, noRecord: !existsSync(join(ws.sitesDir, slug, "site.json")) });
  return undefined;
}

export type SitePlan =
  /** `files`: path under `sites/<slug>/` → content (media/ comes with the first upload). */
  { ok: true; record: SiteRecord; files: Map<string, string> } | { ok: false; problems: DeskProblem[] };

/**
 * What `new-site` would write for `spec`, checked as validation checks every site (in a scratch
 * folder, so nothing under sites/ is touched): the site.json and the starter pages.
 */
export async function planSite(ws: Workspace, portal: PortalConfig, spec: NewSiteSpec): Promise<SitePlan> {
  const problems: DeskProblem[] = [];
  const refusal = slugRefusal(spec.slug, ws, portal);
  if (refusal) problems.push(refusal);
  const types = unitTypes();
  if (!types.includes(spec.type)) problems.push(deskRefusal("unknown-unit-type", { type: spec.type, types }));
  // Names are read as a reader sees them, and are one line: they reach page titles, CI logs and
  // issue bodies, where a line break starts a new command or paragraph (core/reader-text.ts).
  for (const [flag, value] of [
    ["--name", spec.name],
    ["--short-name", spec.shortName],
    ["--address", spec.address],
  ] as const) {
    if (value === undefined) continue;
    const control = controlCharacterIn(value, true);
    const bidi = bidiControlIn(value);
    if (control) problems.push(deskRefusal("option-control-character", { flag, char: control }));
    if (bidi) problems.push(deskRefusal("option-bidi-control", { flag, char: bidi }));
  }
  const shortName = spec.shortName ?? (spec.name.length <= 40 ? spec.name : undefined);
  if (visibleText(spec.name).trim().length < 3) problems.push(deskRefusal("name-missing", {}));
  else if (shortName === undefined) problems.push(deskRefusal("short-name-missing", { name: spec.name }));
  // Validation refuses two units of one name (or short name), retired ones included: refused
  // here before anything is written, not found by the next `validate`.
  const taken = new Map<string, string>();
  for (const unit of [...(await readRegistry(ws)), ...(await readRetired(ws))])
    for (const value of [unit.name, unit.short_name]) if (value) taken.set(nameKey(value), unit.slug);
  // A short name taken from the name is the same mistake: told once, as --name.
  const ownShortName = shortName !== undefined && nameKey(shortName) !== nameKey(spec.name) ? shortName : undefined;
  for (const [flag, value] of [
    ["--name", spec.name],
    ["--short-name", ownShortName],
  ] as const) {
    const text = value?.trim();
    const owner = text ? taken.get(nameKey(text)) : undefined;
    if (owner) problems.push(deskRefusal("name-taken", { flag, name: text!, owner }));
  }
  // Until the unit gives its own: the regency's, which reaches someone who can answer.
  const address = spec.address ?? portal.address;
  const phone = spec.phone ?? portal.phone;
  if (!address) problems.push(deskRefusal("address-missing", {}));
  if (!phone) problems.push(deskRefusal("phone-missing", {}));
  if (problems.length || !address || !phone) return { ok: false, problems };

  const record: SiteRecord = {
    slug: spec.slug,
    name: spec.name.trim(),
    short_name: shortName!.trim(),
    type: spec.type as SiteType,
    address,
    phone,
    email: spec.email ?? `${spec.slug}@${portal.domain}`,
    status: "active",
  };
  const recordProblems = validateAgainst(schemaIds.site, record, `sites/${spec.slug}/site.json`);
  if (recordProblems.length) return { ok: false, problems: recordProblems };

  const files = new Map<string, string>([
    ["site.json", `${JSON.stringify({ $schema: "../../content-schema/site.schema.json", ...record }, null, 2)}\n`],
  ]);
  for (const page of starterPages(record, portal))
    files.set(
      `content/halaman/${page.slug}.md`,
      `---\n${stringify({ title: page.title, order: page.order }).trimEnd()}\n---\n${page.body}\n`,
    );

  // What new-site writes must pass validation as it is (a schema may change under the starter
  // pages): checked in a scratch sites/ folder of its own.
  const scratch = await mkdtemp(join(tmpdir(), "portal-new-site-"));
  try {
    await writeSiteFiles(join(scratch, spec.slug), files);
    const check = await validateSite({ ...ws, sitesDir: scratch }, portal, spec.slug, {
      today: localDate(new Date(), portal.time_zone),
    });
    // Problems name files under sites/; the scratch folder is not there.
    if (check.problems.length) return { ok: false, problems: check.problems };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return { ok: true, record, files };
}

async function writeSiteFiles(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  for (const [path, text] of files) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), text);
  }
}

/**
 * `portal new-site`: writes `sites/<slug>/` with a valid site.json and the starter pages, whole or
 * not at all (built beside the units under a name no unit can have, then moved in with one
 * rename). Everything else follows from the registry by itself: the Nx project, the network menu,
 * the hub's directory, the CMS configuration, the gateway's roles, the nginx configuration;
 * CODEOWNERS is written again by the command.
 */
export async function createSite(ws: Workspace, portal: PortalConfig, spec: NewSiteSpec): Promise<NewSiteResult> {
  const plan = await planSite(ws, portal, spec);
  if (!plan.ok) return plan;
  const staging = join(ws.sitesDir, `.baru-${spec.slug}-${process.pid}`);
  await rm(staging, { recursive: true, force: true });
  try {
    await writeSiteFiles(staging, plan.files);
    await rename(staging, join(ws.sitesDir, spec.slug));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return {
    ok: true,
    record: plan.record,
    files: [...plan.files.keys()].map((f) => `sites/${spec.slug}/${f}`),
  };
}

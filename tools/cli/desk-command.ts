import { cliRefusal } from "../problems/cli-refusals.ts";
import { oneLine } from "../core/reader-text.ts";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { formatDeskProblem, type DeskProblem } from "../problems/desk-refusals.ts";
import { readRegistry } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { createSite, type NewSiteSpec, planSite } from "../desk/new-site.ts";
import { retireSite } from "../desk/retire-site.ts";
import { retiredUnitUrl } from "../published/permalinks.ts";
import { portalDefaults } from "../core/portal-defaults.ts";
import { codeownersOf, codeownersPath } from "../gateway/codeowners.ts";

/** `portal new-site <slug> --name "..." --type dinas`: brings a unit online (tools/desk/new-site.ts). */
export async function runNewSite(
  ws: Workspace,
  slugs: string[],
  flags: Partial<Omit<NewSiteSpec, "slug">> & { plan?: boolean },
): Promise<number> {
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  if (slugs.length !== 1 || !flags.name || !flags.type) {
    console.error(cliRefusal("new-site-usage", {}));
    return 2;
  }
  const spec = { ...flags, slug: slugs[0]!, name: flags.name, type: flags.type };
  if (flags.plan) {
    // For the Nx generator: what would be written, as JSON, writing nothing.
    const plan = await planSite(ws, portal, spec);
    if (!plan.ok) {
      console.error(`No site was planned for "${oneLine(slugs[0]!)}":\n${listed(plan.problems)}`);
      return 1;
    }
    const files: Record<string, string> = Object.fromEntries(
      [...plan.files].map(([path, text]) => [`sites/${plan.record.slug}/${path}`, text]),
    );
    if (existsSync(join(ws.root, ".github")))
      files[codeownersPath] = codeownersOf(portal, [...(await readRegistry(ws)), plan.record]);
    process.stdout.write(`${JSON.stringify({ files })}\n`);
    return 0;
  }
  const result = await createSite(ws, portal, spec);
  if (!result.ok) {
    console.error(`No site was created for "${oneLine(slugs[0]!)}":\n${listed(result.problems)}`);
    return 1;
  }
  const { record } = result;
  // CODEOWNERS follows the registry; a repository without .github/ (a scratch copy) has none.
  let owners = "";
  if (existsSync(join(ws.root, ".github"))) {
    const file = join(ws.root, codeownersPath);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, codeownersOf(portal, await readRegistry(ws)));
    owners = ` and ${codeownersPath}`;
  }
  const access = { ...portalDefaults.access, ...portal.access };
  console.log(
    [
      `Created sites/${record.slug}/: site.json and ${result.files.filter((f) => f.endsWith(".md")).length} starter pages to fill in (${record.name}, ${record.type}).`,
      `From the registry, with nothing to edit by hand: its Nx project, the network menu and the hub's directory, its CMS at /admin/ of ${record.slug}.${portal.domain}, and nginx's server name (run npm run nginx-config again and reload nginx).`,
      `Next: give the unit's staff the SSO groups ${access.penulis.replace("{slug}", record.slug)} and ${access.verifikator.replace("{slug}", record.slug)}, then commit sites/${record.slug}/${owners}.`,
    ].join("\n"),
  );
  return 0;
}

/** `portal retire-site <slug> [--successor <slug>] [--archive]`: the unit leaves the network (tools/desk/retire-site.ts). */
export async function runRetireSite(
  ws: Workspace,
  slugs: string[],
  flags: { successor?: string; archive?: boolean },
): Promise<number> {
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  if (slugs.length !== 1) {
    console.error(cliRefusal("retire-site-usage", {}));
    return 2;
  }
  const result = await retireSite(ws, portal, {
    slug: slugs[0]!,
    ...(flags.successor ? { successor: flags.successor } : {}),
    ...(flags.archive ? { archive: true } : {}),
  });
  if (!result.ok) {
    console.error(`"${oneLine(slugs[0]!)}" was not retired:\n${listed(result.problems)}`);
    return 1;
  }
  const { record } = result;
  let owners = "";
  if (existsSync(join(ws.root, ".github"))) {
    await writeFile(join(ws.root, codeownersPath), codeownersOf(portal, await readRegistry(ws)));
    owners = ` and ${codeownersPath}`;
  }
  console.log(
    [
      `Retired ${record.name} (sites/${record.slug}/site.json: "status": "retired", "retired_on": "${record.retired_on}"${record.successor ? `, "successor": "${record.successor}"` : ""}${record.archived ? ', "archived": true' : ""}).`,
      record.archived
        ? `Its content and media stay: the hub builds its pages as an archive at https://${portal.domain}${retiredUnitUrl(record.slug)}, each under an "arsip" banner, and nobody edits them any more.`
        : result.removed.length
          ? `Removed ${result.removed.join(" and ")} from the working tree; Git history keeps them (git log -- sites/${record.slug}/).`
          : "It had no content or media to remove.",
      record.archived
        ? `It has left the network menu, the hub's directory, the CMS and the editors' roles. Every address of ${record.slug}.${portal.domain} will redirect (301) to its page in the archive (https://${portal.domain}${retiredUnitUrl(record.slug)}...).`
        : `It has left the network menu, the hub's directory, the CMS and the editors' roles. ${record.slug}.${portal.domain} will redirect (301) to https://${portal.domain}${retiredUnitUrl(record.slug)}, the hub's page about it.`,
      `Next: commit sites/${record.slug}/${owners}, run npm run nginx-config again and reload nginx, deploy the hub, and remove the unit's releases from the server (<serve-root>/${record.slug}/); its SSO groups can go.`,
    ].join("\n"),
  );
  if (result.linkedFrom.length)
    console.log(
      `These pages link to it with site:${record.slug} and fail validation until the link is edited out:\n${result.linkedFrom.map((f) => `  - ${f}`).join("\n")}`,
    );
  return 0;
}

/**
 * Problems as a list, one line each: they quote what was typed (a name with a line break in it),
 * and this output lands in CI logs, where a line starting "::" is a command to the runner.
 */
function listed(problems: readonly DeskProblem[]): string {
  return problems.map((p) => `  - ${oneLine(formatDeskProblem(p))}`).join("\n");
}

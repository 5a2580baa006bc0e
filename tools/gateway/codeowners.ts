import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { ownersOf } from "./access.ts";

/** Where the Git host reads the owners from. */
export const codeownersPath = ".github/CODEOWNERS";

/**
 * `.github/CODEOWNERS` from the registry: each unit's folder is its team's, everything else
 * (the hub, the theme, the tools, the workflows, portal.json) and every unit's registry record
 * is DKISP's. The Git host then asks the right team to review a pull request, the same rule the
 * gateway enforces on every save. The last matching line wins, so the order matters.
 */
export function codeownersOf(portal: PortalConfig, registry: readonly SiteRecord[]): string {
  const owners = ownersOf(portal);
  const units = registry
    .filter((s) => s.slug !== portal.hub)
    .map((s) => s.slug)
    .sort();
  const width = Math.max(...units.map((s) => `/sites/${s}/`.length), "/sites/*/site.json".length) + 1;
  const line = (pattern: string, owner: string) => `${pattern.padEnd(width)}${owner}`;
  return [
    "# Written by `npm run codeowners` from the registry (sites/*/site.json) and portal.json's access;",
    "# do not edit by hand: `npm test` fails when this file is stale.",
    line("*", owners.dkispTeam),
    ...units.map((slug) => line(`/sites/${slug}/`, owners.unitTeam(slug))),
    "# The registry of units is DKISP's, also inside a unit's folder.",
    line("/sites/*/site.json", owners.dkispTeam),
    "",
  ].join("\n");
}

import { derivedDefaults, portalDefaults } from "../core/portal-defaults.ts";
import type { PortalConfig } from "../core/records.ts";

/** What an editor may do in a unit: a penulis drafts and sends for review; a verifikator also publishes. */
export type UnitRole = "penulis" | "verifikator";

/**
 * What an editor may touch, from the groups the SSO puts in their token. Accounts belong to the
 * SSO: a staff change is a group change, never a change in the repository.
 */
export interface Grants {
  /** Per unit folder, the editor's roles there. */
  units: ReadonlyMap<string, ReadonlySet<UnitRole>>;
  /** DKISP staff: the hub, regional broadcasts and the registry of units. */
  dkisp: boolean;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The editor's grants from their groups. A group names a unit only if that unit is in the
 * registry (`units`): a group for a folder that does not exist, or a path built to look like one
 * (`/portal/../penulis`), gives nothing. Group paths compare exactly, as the SSO writes them.
 */
export function grantsOf(
  groups: readonly unknown[],
  portal: Pick<PortalConfig, "access">,
  units: ReadonlySet<string>,
): Grants {
  const access = { ...portalDefaults.access, ...portal.access };
  const patterns = (["penulis", "verifikator"] as const).map((role) => {
    const [before, after] = access[role].split("{slug}") as [string, string];
    return { role, pattern: new RegExp(`^${literal(before)}([a-z0-9-]+)${literal(after)}$`) };
  });
  const granted = new Map<string, Set<UnitRole>>();
  let dkisp = false;
  for (const group of groups) {
    if (typeof group !== "string") continue;
    if (group === access.dkisp) dkisp = true;
    for (const { role, pattern } of patterns) {
      const slug = pattern.exec(group)?.[1];
      if (slug === undefined || !units.has(slug)) continue;
      granted.set(slug, new Set([...(granted.get(slug) ?? []), role]));
    }
  }
  return { units: granted, dkisp };
}

/** The Git host's owners and the gateway's identity, from portal.json's `access` or their defaults. */
export function ownersOf(portal: Pick<PortalConfig, "access" | "cms" | "domain">) {
  const access = { ...derivedDefaults(portal).access, ...portal.access };
  return {
    unitTeam: (slug: string) => access.unit_team.replace("{slug}", slug),
    dkispTeam: access.dkisp_team,
    gatewayEmail: access.gateway_email,
  };
}

import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { siteUrl, type Base } from "./site-origin.ts";

/** The registry grouped by type, with each unit's address: the strip on top of every page. */
export function networkOf(registry: SiteRecord[], portal: PortalConfig, base: Base, labels: Record<string, string>) {
  const groups: {
    type: string;
    label: string;
    units: { slug: string; name: string; short_name: string; url: string }[];
  }[] = [];
  for (const unit of registry.filter((u) => u.slug !== portal.hub)) {
    let group = groups.find((g) => g.type === unit.type);
    if (!group) groups.push((group = { type: unit.type, label: labels[unit.type] ?? unit.type, units: [] }));
    group.units.push({
      slug: unit.slug,
      name: unit.name,
      short_name: unit.short_name,
      url: siteUrl(base, portal, unit.slug),
    });
  }
  return { hub: siteUrl(base, portal, portal.hub), groups };
}

import type { PortalConfig } from "../core/records.ts";
import { catalogueUrl, directoryUrl } from "../published/hub-addresses.ts";
import { siteUrl, type Base } from "../published/site-origin.ts";

/**
 * The strip on top of every page: the hub, its service catalogue and its directory. It names no
 * unit, so what every page carries of the network does not grow with the number of units.
 */
export function networkOf(portal: PortalConfig, base: Base) {
  const hub = siteUrl(base, portal, portal.hub);
  return { hub, catalogue: `${hub}${catalogueUrl().slice(1)}`, directory: `${hub}${directoryUrl.slice(1)}` };
}

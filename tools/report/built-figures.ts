import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { checkLinks } from "../links/check-links.ts";
import { heaviestPage, type PageWeight } from "./page-weight.ts";

/**
 * What the report reads from a finished build in dist/: broken links per site (the same check
 * as `npm run check-links`) and each site's heaviest page. Kept apart from the report itself,
 * which the build also runs (for the hub's dashboard) before anything is built.
 */
export interface BuiltFigures {
  brokenLinks: (slug: string) => number;
  heaviestPage: (slug: string) => (PageWeight & { url: string }) | undefined;
}

/** Undefined when the hub has not been built into dist/ (nothing to read yet). */
export function readBuiltFigures(ws: Workspace, portal: PortalConfig): BuiltFigures | undefined {
  if (!existsSync(join(ws.distDir, portal.hub, "manifest.json"))) return undefined;
  const broken = new Map<string, number>();
  for (const b of checkLinks(ws.distDir).broken) {
    const slug = b.page.split("/")[0]!;
    broken.set(slug, (broken.get(slug) ?? 0) + 1);
  }
  return {
    brokenLinks: (slug) => broken.get(slug) ?? 0,
    heaviestPage: (slug) => {
      const heavy = heaviestPage(join(ws.distDir, slug));
      return heavy ? { ...heavy, url: new URL(heavy.path, siteOrigin(ws, slug)).href } : undefined;
    },
  };
}

/** The site's own address in the build, from its manifest (production or localhost alike). */
function siteOrigin(ws: Workspace, slug: string): string {
  try {
    return (JSON.parse(readFileSync(join(ws.distDir, slug, "manifest.json"), "utf8")) as { site: { url: string } }).site
      .url;
  } catch {
    return `https://${slug}.invalid/`;
  }
}

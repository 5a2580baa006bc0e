import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";

/**
 * `manifest.json`: what a site publishes, for the hub to aggregate without reading Markdown.
 * Format version 1; add fields, never rename them (the hub may read older deployed manifests).
 */
export interface Manifest {
  version: 1;
  generated: string;
  site: Pick<SiteRecord, "slug" | "name" | "short_name" | "type" | "address" | "phone" | "email" | "status"> & {
    url: string;
    /** The logo as a 1200px JPEG (for sharing). */
    logo?: string;
    /** The logo as a 96px PNG, for lists of units. */
    icon?: string;
    /** The site's Pagefind bundle, which the hub's search merges. */
    search?: string;
  };
  items: ManifestItem[];
}

export interface ManifestItem {
  type: string;
  title: string;
  /** ISO 8601 instant: publication date for news, start for agenda; absent for undated types. */
  date?: string;
  end?: string;
  summary?: string;
  url: string;
  /** The item's picture as a 1200px JPEG (sharing). */
  image?: string;
  /** The same picture as a 480px WebP, for the hub's cards. */
  thumb?: string;
  /** Type-specific fields the hub needs for filters (e.g. dokumen year and classification). */
  extra?: Record<string, string | number | string[]>;
}

/**
 * Where a build keeps a copy of each site's published manifest: `dist/.manifests/<slug>.json`,
 * beside the sites. The hub reads the units' manifests from here, and the Nx plugin caches this
 * file alone as a unit's `manifest` target, so a build of the hub brings back one small file per
 * unit from the cache, not every unit's whole site (tools/nx-plugin/index.ts).
 */
export const manifestCopyDir = ".manifests";
export const manifestCopyPath = (distDir: string, slug: string): string =>
  join(distDir, manifestCopyDir, `${slug}.json`);

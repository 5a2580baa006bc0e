import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { schemas } from "../schema/schemas.ts";
import { imageOf } from "../schema/content-type.ts";
import { siteUrls } from "../content/permalinks.ts";
import { withheldClassification } from "../content/withheld-documents.ts";
import { parseLocal } from "../core/wita.ts";
import type { CollectionItem } from "./content-item.ts";

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

export async function manifestJson(args: {
  collections: Record<string, CollectionItem[]>;
  site: SiteRecord;
  portal: PortalConfig;
  origin: string;
  timeZone: string;
  shareImage: (src: string) => Promise<string>;
  iconImage: (src: string) => Promise<string>;
  thumbImage: (src: string) => Promise<string>;
  /** Media files of excluded documents: listed by title, never by address. */
  withheld: ReadonlySet<string>;
}): Promise<string> {
  const { collections, site, origin, timeZone } = args;
  const abs = (path: string) => `${origin}${path}`;
  const instant = (v: unknown) => (typeof v === "string" ? parseLocal(v, timeZone).toISOString() : undefined);
  const items: ManifestItem[] = [];
  for (const type of schemas().types) {
    for (const item of collections[type.name] ?? []) {
      const d = item.data;
      const image = imageOf(type, d);
      const entry: ManifestItem = { type: type.name, title: String(d[type.titleField]), url: abs(item.url) };
      const date = type.dateField && instant(d[type.dateField]);
      if (date) entry.date = date;
      const end = type.endField && instant(d[type.endField]);
      if (end) entry.end = end;
      if (d.summary) entry.summary = d.summary;
      if (image) {
        entry.image = abs(await args.shareImage(image));
        entry.thumb = abs(await args.thumbImage(image));
      }
      if (type.manifestFields.length) entry.extra = Object.fromEntries(type.manifestFields.map((f) => [f, d[f]]));
      // A public document's file, for the hub's combined DIP; never an excluded one's.
      if (type.name === "dokumen" && d.classification !== withheldClassification && !args.withheld.has(d.file))
        entry.extra = { ...entry.extra, file: abs(d.file) };
      items.push(entry);
    }
  }
  const manifest: Manifest = {
    version: 1,
    generated: new Date().toISOString(),
    site: {
      slug: site.slug,
      name: site.name,
      short_name: site.short_name,
      type: site.type,
      address: site.address,
      phone: site.phone,
      email: site.email,
      status: site.status,
      url: `${origin}/`,
      ...(site.logo ? { logo: abs(await args.shareImage(site.logo)), icon: abs(await args.iconImage(site.logo)) } : {}),
      search: abs(siteUrls.searchIndex),
    },
    items,
  };
  return JSON.stringify(manifest, null, 1);
}

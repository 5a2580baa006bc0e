import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { schemas } from "../schema/schemas.ts";
import { imageOf } from "../schema/content-type.ts";
import { siteUrls } from "../published/permalinks.ts";
import { withheldClassification } from "../content/withheld-documents.ts";
import { parseLocal } from "../core/wita.ts";
import type { Manifest, ManifestItem } from "../published/manifest-format.ts";
import type { CollectionItem } from "./content-item.ts";

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

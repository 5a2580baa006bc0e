import type { PortalConfig, SiteRecord } from "../core/records.ts";

/** What a page tells machines about itself (schema.org, read by search engines): see `structuredData`. */
export interface PageFacts {
  type?: string;
  isHome: boolean;
  site: SiteRecord;
  portal: PortalConfig;
  url: string;
  hub: string;
  name?: string;
  description?: string;
  image?: string;
  date?: string;
  author?: string;
  aliases?: string[];
}

/**
 * schema.org JSON-LD for the pages that have an obvious kind: a `GovernmentOrganization` on every
 * home, a `GovernmentService` on each service page, a `NewsArticle` on each news item; nothing
 * elsewhere. Serialised for a `<script type="application/ld+json">`: `<` and line separators
 * escaped, so no text a unit wrote can close the element.
 */
export function structuredData(facts: PageFacts): string {
  const data = structuredObject(facts);
  if (!data) return "";
  return JSON.stringify({ "@context": "https://schema.org", ...data })
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

function structuredObject(f: PageFacts): Record<string, unknown> | undefined {
  const isHub = f.site.slug === f.portal.hub;
  const regency = { "@type": "GovernmentOrganization", name: f.portal.name, url: f.hub };
  const unit = {
    "@type": "GovernmentOrganization",
    name: isHub ? f.portal.name : f.site.name,
    url: f.url.replace(/^(https?:\/\/[^/]+\/).*$/, "$1"),
  };
  if (f.isHome)
    return {
      ...unit,
      ...(f.site.description ? { description: f.site.description } : {}),
      ...(f.image ? { logo: f.image } : {}),
      email: isHub ? f.portal.email : f.site.email,
      telephone: isHub ? (f.portal.phone ?? f.site.phone) : f.site.phone,
      address: {
        "@type": "PostalAddress",
        streetAddress: isHub ? (f.portal.address ?? f.site.address) : f.site.address,
        ...(f.portal.province ? { addressRegion: f.portal.province } : {}),
        addressCountry: "ID",
      },
      ...(isHub ? {} : { parentOrganization: regency }),
    };
  if (f.type === "layanan")
    return {
      "@type": "GovernmentService",
      name: f.name,
      url: f.url,
      ...(f.description ? { description: f.description } : {}),
      ...(f.aliases?.length ? { alternateName: f.aliases } : {}),
      provider: unit,
      areaServed: { "@type": "AdministrativeArea", name: f.portal.name.replace(/^Pemerintah\s+/i, "") },
    };
  if (f.type === "berita")
    return {
      "@type": "NewsArticle",
      headline: f.name,
      url: f.url,
      mainEntityOfPage: f.url,
      ...(f.description ? { description: f.description } : {}),
      ...(f.date ? { datePublished: f.date } : {}),
      ...(f.image ? { image: [f.image] } : {}),
      author: f.author ? { "@type": "Person", name: f.author } : unit,
      publisher: unit,
    };
  return undefined;
}

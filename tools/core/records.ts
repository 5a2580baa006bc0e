/**
 * The shapes of portal.json and site.json as the tools use them after validation.
 * Keep in step with content-schema/portal.schema.json and site.schema.json (a test compares the
 * property names, so a field added to a schema and forgotten here fails `npm test`).
 */
export interface PortalConfig {
  name: string;
  short_name: string;
  domain: string;
  hub: string;
  province?: string;
  seat?: string;
  address?: string;
  phone?: string;
  email: string;
  /** The regency's emblem, in the hub's media folder (`/media/...`): the hub's logo unless its site.json names one. */
  logo?: string;
  locale: "id-ID";
  time_zone: string;
  cms?: {
    backend: "gateway" | "github" | "gitlab" | "forgejo";
    repo?: string;
    branch?: string;
    base_url?: string;
    /** Minutes from a publication to the page on the site, as deploys run (portal-defaults.ts). */
    live_minutes?: number;
  };
  /** Photos' encoding (tools/generator/image-options.ts); defaults in portal-defaults.ts. */
  images?: { avif?: boolean };
  /** SSO groups that give roles (tools/gateway/access.ts); `{slug}` stands for a unit's folder. */
  access?: {
    penulis?: string;
    verifikator?: string;
    dkisp?: string;
    unit_team?: string;
    dkisp_team?: string;
    gateway_email?: string;
  };
  /** Outbound links and spam (tools/content/outbound-links.ts); defaults there. */
  links?: { allowed_domains?: string[]; spam_phrases?: string[] };
  /** Thresholds of a unit's activity state (tools/content/activity-state.ts); defaults there. */
  activity?: { quiet_after_days?: number; dormant_after_days?: number };
  limits: { markdown_kb: number; image_kb: number; document_kb: number; files_per_site?: number };
}

export type SiteType =
  | "portal"
  | "sekretariat"
  | "inspektorat"
  | "badan"
  | "dinas"
  | "kecamatan"
  | "kelurahan"
  | "rsud"
  | "puskesmas"
  | "lainnya";

export interface SiteRecord {
  slug: string;
  name: string;
  short_name: string;
  type: SiteType;
  description?: string;
  address: string;
  phone: string;
  whatsapp?: string;
  email: string;
  service_hours?: { days: string; hours: string }[];
  map?: { lat: number; lng: number };
  social?: Partial<Record<"facebook" | "instagram" | "youtube" | "x" | "tiktok", string>>;
  logo?: string;
  accent_color?: string;
  head?: { name: string; position: string };
  ppid?: { name: string; email: string; phone?: string };
  lapor_url?: string;
  editors?: string[];
  status: "active" | "planned" | "retired";
  /** Set by `npm run retire-site`: since when its subdomain redirects to the hub's page about it. */
  retired_on?: string;
  /** The unit that took over its tasks and services. */
  successor?: string;
  /** Set by `npm run retire-site -- --archive`: its pages stay readable on the hub, at `/arsip/<slug>/`. */
  archived?: boolean;
  /** Domains this unit may link to beyond portal.json's allowed ones, approved by DKISP. */
  link_domains?: string[];
}

/**
 * What a site.json's record says of its unit: live, retired (no site), or retired and kept as an
 * archive on the hub (`retire-site --archive`). Anything unreadable counts as live: validation
 * reports it. Read from parsed JSON that has not been validated, so every field is checked here.
 */
export function retirementOf(record: unknown): "live" | "retired" | "archived" {
  const { status, archived } = (record ?? {}) as { status?: unknown; archived?: unknown };
  if (status !== "retired") return "live";
  return archived === true ? "archived" : "retired";
}

import type { PortalConfig } from "./records.ts";

/**
 * Every default of portal.json, in one place (after eleventy-img's global-options.js): what a
 * regency gets for each setting its portal.json leaves out. content-schema/portal.schema.json
 * states the same values as `default` (a test compares them), so docs/content-types.md
 * documents them; the code reads them only from here.
 */
export const portalDefaults = {
  access: {
    // The SSO groups (the `groups` claim) that give roles; `{slug}` stands for a unit's folder.
    // A penulis drafts and sends for review (tools/gateway/access.ts).
    penulis: "/portal/{slug}/penulis",
    // A verifikator also marks ready, publishes and deletes.
    verifikator: "/portal/{slug}/verifikator",
    // DKISP: the hub, the regional broadcasts and the registry of units.
    dkisp: "/portal/dkisp",
  },
  links: {
    // Where any unit may link without DKISP's approval per unit (tools/content/outbound-links.ts):
    // government, academic, school and village domains, and the social networks units use.
    allowed_domains: [
      "go.id",
      "ac.id",
      "sch.id",
      "desa.id",
      "facebook.com",
      "instagram.com",
      "youtube.com",
      "youtu.be",
      "x.com",
      "twitter.com",
      "tiktok.com",
      "wa.me",
    ],
    // The vocabulary of online-gambling advertising, the commonest defacement of Indonesian
    // government sites: refused in any text, read as a reader reads it.
    spam_phrases: [
      "slot gacor",
      "slot online",
      "togel",
      "maxwin",
      "scatter",
      "judi online",
      "situs slot",
      "rtp live",
      "bandar bola",
      "deposit pulsa",
    ],
  },
  activity: {
    // Days without a dated item before a unit is quiet, then dormant (tools/content/activity-state.ts).
    quiet_after_days: 90,
    // Informasi berkala is due at least every 6 months (UU 14/2008 Pasal 9): past that, dormant.
    dormant_after_days: 180,
  },
  cms: {
    // Minutes from "Terbitkan" to the page on the site, as deploys run (the deploy workflow's
    // usual run, build and upload): the CMS tells the editor to expect it within this time.
    live_minutes: 10,
  },
  images: {
    // AVIF beside WebP and JPEG: the smallest pictures, and most of the encoding time.
    avif: true,
  },
  limits: {
    // Files in one unit's folder: a flood of files is refused before any is read (a build of
    // 100,000 small files grew past 4 GB and never finished).
    files_per_site: 10_000,
  },
} as const;

/**
 * The defaults that follow from other settings: the Git host's owner (from `cms.repo`, else the
 * domain's first label) and the domain (tools/gateway/codeowners.ts, the gateway's commits).
 */
export function derivedDefaults(portal: Pick<PortalConfig, "cms" | "domain">) {
  const owner = portal.cms?.repo?.split("/")[0] ?? portal.domain.split(".")[0];
  return {
    access: {
      unit_team: `@${owner}/{slug}`,
      dkisp_team: `@${owner}/dkisp`,
      gateway_email: `portal-gateway@${portal.domain}`,
    },
  };
}

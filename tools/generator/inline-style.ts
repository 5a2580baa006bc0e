import { createHash } from "node:crypto";
import type { SiteRecord } from "../core/records.ts";

/**
 * The one inline stylesheet of every page: the unit's accent colour, set in the page so that no
 * request waits on it. The web server's Content-Security-Policy allows exactly this text by its
 * hash (tools/deploy/nginx-config.ts), so both take it from here.
 */
export const defaultAccent = "#0b5394";

export function accentCss(site: Pick<SiteRecord, "accent_color">): string {
  return `:root{--accent:${site.accent_color ?? defaultAccent}}`;
}

/** The CSP source allowing `accentCss(site)` in a `<style>` element. */
export function accentCssHash(site: Pick<SiteRecord, "accent_color">): string {
  return `'sha256-${createHash("sha256").update(accentCss(site)).digest("base64")}'`;
}

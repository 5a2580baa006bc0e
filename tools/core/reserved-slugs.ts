/**
 * Subdomains a unit may not take: mail and DNS infrastructure, and names that look official for
 * the whole regency (a unit called "admin" or "www" invites phishing). Extend, never shrink.
 */
export const reservedSlugs: ReadonlySet<string> = new Set([
  "www",
  "mail",
  "email",
  "webmail",
  "smtp",
  "imap",
  "pop",
  "pop3",
  "mx",
  "ns",
  "ns1",
  "ns2",
  "ns3",
  "dns",
  "ftp",
  "sftp",
  "ssh",
  "vpn",
  "proxy",
  "admin",
  "administrator",
  "root",
  "api",
  "cdn",
  "static",
  "assets",
  "media",
  "img",
  "cms",
  "auth",
  "login",
  "sso",
  "git",
  "dev",
  "staging",
  "test",
  "demo",
  "localhost",
  "autodiscover",
  "autoconfig",
  "cpanel",
  "whm",
  "status",
  "monitor",
  "jdih",
  "lpse",
  "ppid",
]);

/** Reserved names, and `halaman-N`, which the hub's lists use for page numbers (/kabar/semua/halaman-2/). */
export function isReservedSlug(slug: string): boolean {
  return reservedSlugs.has(slug) || /^halaman-\d+$/.test(slug) || isAceLabel(slug);
}

/**
 * A label with `--` in its third and fourth places: IDNA reserves those for encoded names, and a
 * browser shows `xn--dnkes-zsa` as "dínkes", a look-alike of another unit's address.
 */
export function isAceLabel(slug: string): boolean {
  return /^[a-z0-9]{2}--/.test(slug);
}

/**
 * What a label looks like in an address bar, for telling look-alikes apart: hyphens dropped,
 * letter pairs that read as one letter joined ("rn" as "m", "vv" as "w", "cl" as "d"), and digits
 * and letters that pass for each other folded ("1", "i" and "l"; "0" and "o"; "5" and "s"...).
 * "dinkes", "dlnkes", "d1nkes" and "din-kes" look the same; two units must not.
 */
export function slugSkeleton(slug: string): string {
  const folded: Record<string, string> = {
    "1": "l",
    i: "l",
    "0": "o",
    "5": "s",
    "3": "e",
    "4": "a",
    "8": "b",
    "9": "g",
  };
  return slug
    .toLowerCase()
    .replace(/-/g, "")
    .replace(/rn/g, "m")
    .replace(/vv/g, "w")
    .replace(/cl/g, "d")
    .replace(/[1i053489]/g, (c) => folded[c] ?? c);
}

const dnsLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isDnsLabel(value: string): boolean {
  return dnsLabel.test(value);
}

/** "Dinas Kesehatan.md" → "dinas-kesehatan": a suggestion for a name that is not a valid slug. */
export function slugify(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63)
    .replace(/-+$/, "");
}

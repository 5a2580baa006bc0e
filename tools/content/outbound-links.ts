import type { PortalConfig, SiteRecord } from "../core/records.ts";

/**
 * Defence against injected links and gambling spam, the commonest defacement of Indonesian
 * government sites: every link that leaves the portal must go to a domain DKISP allows for every
 * unit (portal.json `links.allowed_domains`) or approved for this unit (site.json `link_domains`),
 * and no text may carry the vocabulary of online-gambling advertising (`links.spam_phrases`).
 */
export const defaultLinkRules = {
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
} as const;

export function linkRulesOf(portal: Pick<PortalConfig, "links">, site?: Pick<SiteRecord, "link_domains">) {
  const rules = { ...defaultLinkRules, ...portal.links };
  return {
    domains: [...rules.allowed_domains, ...(site?.link_domains ?? [])].map((d) => d.toLowerCase()),
    phrases: rules.spam_phrases.map((p) => normalise(p)).filter(Boolean),
  };
}

export type OutboundCheck = { leaves: false } | { leaves: true; allowed: boolean; host: string };

/**
 * Whether a link leaves the portal and, if so, whether its domain is allowed. `mailto:` and
 * `tel:` do not leave for another site; an address with a host (`https://`, `ftp://`, `//host`)
 * does. A host matches a domain or any of its subdomains.
 */
export function checkOutbound(href: string, domains: readonly string[]): OutboundCheck {
  const raw = href.trim();
  if (!/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(raw)) return { leaves: false };
  let host: string;
  try {
    host = new URL(raw, "https://portal.invalid/").hostname.toLowerCase().replace(/\.$/, "");
  } catch {
    return { leaves: true, allowed: false, host: raw };
  }
  const allowed = domains.some((d) => host === d || host.endsWith(`.${d}`));
  return { leaves: true, allowed, host };
}

/**
 * Text as spam filters read it: compatibility forms folded (fullwidth letters, ligatures),
 * invisible characters dropped, lower case, and every run of other characters one space, so
 * "SLOT  G A C O R" is not, but "Slot-Gacor" and "slot\u200bgacor" are "slot gacor".
 */
export function normalise(text: string, invisible = ""): string {
  return text
    .normalize("NFKC")
    .replace(/[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g, invisible)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/**
 * The spam phrases a text contains, each once. An invisible character is read both as nothing
 * (inside a word: "gac\u200bor") and as a space (between words: "slot\u200bgacor").
 */
export function spamPhrasesIn(text: string, phrases: readonly string[]): string[] {
  const forms = [` ${normalise(text)} `, ` ${normalise(text, " ")} `];
  return phrases.filter((p) => forms.some((words) => words.includes(` ${p} `)));
}

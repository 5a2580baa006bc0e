import { portalDefaults } from "../core/portal-defaults.ts";
import { hostUnder, readAddress } from "../core/address.ts";
import { holdsPhrase, letters, phraseWords, readings } from "../core/reader-text.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";

/**
 * Defence against injected links and gambling spam, the commonest defacement of Indonesian
 * government sites: every link that leaves the portal must go to a domain DKISP allows for every
 * unit (portal.json `links.allowed_domains`) or approved for this unit (site.json `link_domains`),
 * and no text may carry the vocabulary of online-gambling advertising (`links.spam_phrases`).
 */

export function linkRulesOf(portal: Pick<PortalConfig, "links">, site?: Pick<SiteRecord, "link_domains">) {
  const rules = { ...portalDefaults.links, ...portal.links };
  return {
    domains: [...rules.allowed_domains, ...(site?.link_domains ?? [])].map(domainOf),
    phrases: phrasesOf(rules.spam_phrases),
  };
}

/**
 * The phrases read once per list: every unit's rules share portal.json's, and reading a phrase
 * (every reading of it) cost 96 ms over the 1,000 sets of rules of a 500-unit validation.
 */
const readPhrases = new WeakMap<readonly string[], { text: string; words: string[]; letters: string }[]>();

function phrasesOf(texts: readonly string[]) {
  let phrases = readPhrases.get(texts);
  if (!phrases)
    readPhrases.set(
      texts,
      (phrases = texts
        .map((text) => ({ text: text.trim().toLowerCase(), words: phraseWords(text), letters: letters(text) }))
        .filter((p) => p.words.length > 0 && p.letters !== "")),
    );
  return phrases;
}

/** A domain as the URL parser has a host (lower case, punycode), so that an IDN entry matches its links. */
function domainOf(domain: string): string {
  try {
    return new URL(`https://${domain}/`).hostname;
  } catch {
    return domain.toLowerCase();
  }
}

export type OutboundCheck = { leaves: false } | { leaves: true; allowed: boolean; host: string };

/**
 * Whether a link leaves the portal and, if so, whether its domain is allowed, as the browser
 * reads the address (core/address.ts). `mailto:` and `tel:` do not leave for another site; an
 * address with a host does, however it is written. An address no browser can parse is refused
 * with the rest: it cannot be shown to be safe.
 */
export function checkOutbound(href: string, domains: readonly string[]): OutboundCheck {
  const address = readAddress(href);
  if (address.kind === "invalid") return { leaves: true, allowed: false, host: href.trim() };
  if (address.kind !== "host") return { leaves: false };
  return { leaves: true, allowed: hostUnder(address.host, domains), host: address.host };
}

export type SpamPhrase = ReturnType<typeof linkRulesOf>["phrases"][number];

/**
 * The spam phrases a text holds as a reader reads it (core/reader-text.ts: entities, invisible
 * characters, look-alike letters and signs, letters spaced out, words run together), each once,
 * as DKISP wrote it in portal.json.
 */
export function spamPhrasesIn(text: string, phrases: readonly SpamPhrase[]): string[] {
  if (phrases.length === 0 || text === "") return [];
  // Only a text whose letters hold a phrase's is read word by word.
  const candidates = lettersHolding(text, phrases);
  if (candidates.length === 0) return [];
  const read = readings(text);
  return candidates.filter((p) => read.some((words) => holdsPhrase(words, p.words))).map((p) => p.text);
}

/**
 * The phrases whose letters a text's letters hold (core/reader-text.ts `letters`): the cheap first
 * look. Texts joined by line breaks hold at least the phrases each of them holds (a text's letters
 * are read character by character, and a line break joins nothing), so one look at a whole file
 * can clear all its texts.
 */
export function lettersHolding(text: string, phrases: readonly SpamPhrase[]): SpamPhrase[] {
  const all = letters(text);
  // One search for any phrase first: almost every text holds none (4,240 files of the 40 × 100
  // benchmark: 12 ms, against 42 ms for a search per phrase).
  if (!anyOf(phrases).test(all)) return [];
  return phrases.filter((p) => all.includes(p.letters));
}

const anyOfPhrases = new WeakMap<readonly SpamPhrase[], RegExp>();

/** A pattern matching any of the phrases' letters (made once per list). */
function anyOf(phrases: readonly SpamPhrase[]): RegExp {
  let pattern = anyOfPhrases.get(phrases);
  if (!pattern) {
    const escaped = phrases.map((p) => p.letters.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&"));
    // An empty list matches nothing.
    pattern = new RegExp(escaped.length ? escaped.join("|") : "[^\\s\\S]", "u");
    anyOfPhrases.set(phrases, pattern);
  }
  return pattern;
}

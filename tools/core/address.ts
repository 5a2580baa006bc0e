/**
 * Where a link written on a unit's page takes a reader, decided by the URL parser browsers use
 * (WHATWG URL, Node's `URL`), never by a pattern over the text: "http:evil.example",
 * "http:/evil.example", "HTTP:\\evil.example" and "//evil.example" all leave for evil.example in
 * a browser, and a pattern looking for "://" sees none of them leave.
 *
 * A page is served over https in production and over http under `npm start` and in tests; a
 * browser reads "http:evil.example" as another host on an https page and as a path on an http
 * one ("https:evil.example" the other way round), so an address is read from both, and leaves
 * when it leaves from either.
 */
const pageOrigins = ["https://halaman.invalid/dari/", "http://halaman.invalid/dari/"] as const;
const ownHost = "halaman.invalid";

export type Address =
  /** Stays on the page's own site: a path, a query, a fragment. */
  | { kind: "page" }
  /** Leads to a host: another site, or one of the portal's written whole. `host` is as the browser has it (lower case, punycode). */
  | { kind: "host"; host: string }
  /** A scheme with no host (mailto:, tel:, site:): not a web page elsewhere. */
  | { kind: "scheme"; scheme: string }
  /** No browser can follow it. */
  | { kind: "invalid" };

/**
 * What each address was read as, for the next time: a link is read where validation judges the
 * page (its media, whether it leaves the portal) and again where the page renders it, and a unit's
 * pages repeat the same ones. Frozen, so that no caller changes another's answer; bounded in number
 * and in length (a hostile file's megabyte of address is read, not kept), so that a long-lived
 * process (the gateway, npm start) keeps ten megabytes of them at most.
 */
const remembered = new Map<string, Readonly<Address>>();
const rememberedAtMost = 10_000;
const rememberedLength = 512;

export function readAddress(href: string): Readonly<Address> {
  let address = remembered.get(href);
  if (!address) {
    address = Object.freeze(parseAddress(href));
    if (href.length > rememberedLength) return address;
    if (remembered.size >= rememberedAtMost) remembered.clear();
    remembered.set(href, address);
  }
  return address;
}

function parseAddress(href: string): Address {
  let scheme: string | undefined;
  let parsed = false;
  for (const base of pageOrigins) {
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    parsed = true;
    const host = url.hostname.replace(/\.$/, "");
    if (host !== "" && host !== ownHost) return { kind: "host", host };
    if (url.protocol !== "http:" && url.protocol !== "https:") scheme = url.protocol.slice(0, -1);
  }
  if (!parsed) return { kind: "invalid" };
  return scheme ? { kind: "scheme", scheme } : { kind: "page" };
}

/** Whether a host is one of the domains or a subdomain of one ("www.lapor.go.id" is under "go.id"). */
export function hostUnder(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`));
}

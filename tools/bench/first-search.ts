import type { BrowserContext, Page, Request } from "playwright-core";

/** What one first search costs a visitor: every request, and those of the search itself. */
export interface FirstSearch {
  /** Every request of the page's load and its first query (page, styles, script, index, results). */
  requests: number;
  kb: number;
  /** Of those, Pagefind's: its script, WebAssembly, index chunks, filters and result fragments. */
  searchRequests: number;
  searchKb: number;
  /** How many Pagefind indexes the search read (a site's `/pagefind/`; the hub's parts of `/pagefind/units/` too). */
  indexes: number;
  /** The protocol the responses came in ("h2" from nginx over TLS). */
  protocol: string;
  /** The search's status line ("10 hasil pertama untuk …"). */
  results: string;
  ms: number;
}

/**
 * Opens `url` (a /cari/ page with `?q=`) in a fresh page of `context` and counts what the browser
 * fetched until the first results show and the network is idle. Sizes are what came over the
 * connection for each response (Chromium's encoded length: the body as the server compressed it,
 * and its headers, which HTTP/2 compresses too), so serve the sites as production does
 * (https-sites.ts) for figures that are citizens'.
 */
export async function firstSearch(context: Pick<BrowserContext, "newPage">, url: string): Promise<FirstSearch> {
  const page: Page = await context.newPage();
  const m = { requests: 0, searchRequests: 0 };
  const bundles = new Set<string>();
  const protocols = new Set<string>();
  let bytes = 0;
  let searchBytes = 0;
  // Each request is counted asynchronously (its sizes): the figures are read only once every
  // count has finished.
  const counting: Promise<void>[] = [];
  page.on("requestfinished", (request) => void counting.push(count(request)));
  const count = async (request: Request): Promise<void> => {
    const sizes = await request.sizes();
    // Playwright's two parts add up to Chromium's encoded length of the response.
    const size = sizes.responseBodySize + sizes.responseHeadersSize;
    const response = await request.response();
    if (response) protocols.add((await response.httpVersion()).replace("HTTP/2.0", "h2"));
    m.requests++;
    bytes += size;
    const bundle = /^https?:\/\/[^/]+\/pagefind\/(?:units\/\d+\/)?/.exec(request.url());
    if (!bundle) return;
    bundles.add(bundle[0]);
    m.searchRequests++;
    searchBytes += size;
  };
  const t = performance.now();
  await page.goto(url);
  await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor({ timeout: 120_000 });
  await page.waitForLoadState("networkidle");
  const ms = Math.round(performance.now() - t);
  const results = await page.locator("#search-status").innerText();
  await Promise.all(counting);
  await page.close();
  const kb = (n: number) => Math.round(n / 1024);
  return {
    ...m,
    kb: kb(bytes),
    searchKb: kb(searchBytes),
    indexes: bundles.size,
    protocol: [...protocols].sort().join(", "),
    results,
    ms,
  };
}

export const firstSearchHeader = [
  "| search | indexes read | requests (Pagefind's) | KB as sent (Pagefind's) | protocol | results | time on loopback (ms) |",
  "| --- | ---: | ---: | ---: | --- | --- | ---: |",
];

export const firstSearchRow = (name: string, s: FirstSearch) =>
  `| ${name} | ${s.indexes} | ${s.requests} (${s.searchRequests}) | ${s.kb} (${s.searchKb}) | ${s.protocol} | ${s.results} | ${s.ms} |`;

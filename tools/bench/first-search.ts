import { brotliCompressSync, constants } from "node:zlib";
import { bytesToCompress, minimumBytes, precompressedKinds } from "../deploy/stage.ts";
import type { Browser, Request } from "playwright-core";

/** What one first search costs a visitor: every request, and those of the search itself. */
export interface FirstSearch {
  /** Every request of the page's load and its first query (page, styles, script, index, results). */
  requests: number;
  kb: number;
  /** Of those, Pagefind's: its script, WebAssembly, index chunks, filters and result fragments. */
  searchRequests: number;
  searchKb: number;
  /**
   * Pagefind's bytes as the deployed nginx sends them to a browser that takes brotli: its script
   * and JSON, and its index files unpacked, in brotli as deploy precompresses them
   * (tools/deploy/stage.ts), each file that would not gain from it as it is.
   */
  searchKbServed: number;
  /** How many Pagefind indexes the search read (a site's `/pagefind/`; the hub's `/pagefind/units/` too). */
  indexes: number;
  /** The search's status line ("10 hasil pertama untuk …"). */
  results: string;
  ms: number;
}

/**
 * Opens `url` (a /cari/ page with `?q=`) in a fresh page and counts what the browser fetched until
 * the first results show and the network is idle. Sizes are the bodies as sent, headers included.
 */
export async function firstSearch(browser: Browser, url: string): Promise<FirstSearch> {
  const page = await browser.newPage();
  const m = { requests: 0, searchRequests: 0 };
  const bundles = new Set<string>();
  let bytes = 0;
  let searchBytes = 0;
  let searchServed = 0;
  // Each request is counted asynchronously (its sizes, its body): the figures are read only once
  // every count has finished.
  const counting: Promise<void>[] = [];
  page.on("requestfinished", (request) => void counting.push(count(request)));
  const count = async (request: Request): Promise<void> => {
    const sizes = await request.sizes();
    const size = sizes.responseBodySize + sizes.responseHeadersSize;
    m.requests++;
    bytes += size;
    const bundle = /^https?:\/\/[^/]+\/pagefind\/(?:units\/)?/.exec(request.url());
    if (!bundle) return;
    bundles.add(bundle[0]);
    m.searchRequests++;
    searchBytes += size;
    const response = await request.response();
    const body = response ? await response.body().catch(() => Buffer.alloc(0)) : Buffer.alloc(0);
    const path = new URL(request.url()).pathname;
    const precompressed = precompressedKinds(path).includes("br") && body.length >= minimumBytes;
    const br = precompressed
      ? brotliCompressSync(await bytesToCompress(path, body), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
      : body;
    // Deploy keeps the brotli file only when it is smaller (stage.ts).
    searchServed += sizes.responseHeadersSize + Math.min(br.length, body.length);
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
    searchKbServed: kb(searchServed),
    indexes: bundles.size,
    results,
    ms,
  };
}

export const firstSearchHeader = [
  "| search | indexes read | requests (Pagefind's) | KB (Pagefind's) | Pagefind's KB as deployed (brotli) | results | time on loopback (ms) |",
  "| --- | ---: | ---: | ---: | ---: | --- | ---: |",
];

export const firstSearchRow = (name: string, s: FirstSearch) =>
  `| ${name} | ${s.indexes} | ${s.requests} (${s.searchRequests}) | ${s.kb} (${s.searchKb}) | ${s.searchKbServed} | ${s.results} | ${s.ms} |`;

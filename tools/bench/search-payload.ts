// What one search costs a visitor on the built-in demo: requests and bytes the browser fetches
// for the first query on the hub (every unit's index merged) and on one unit (its own index).
// Run: node --import tsx tools/bench/search-payload.ts   (needs the demo's image cache warm: npm run build)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSites } from "../pipeline/build-sites.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { listSiteSlugs } from "../content/registry.ts";

const port = await freePort();
const dist = await mkdtemp(join(tmpdir(), "portal-search-"));
const ws = workspaceAt(toolsRepoRoot, { distDir: dist });
const report = await buildSites(ws, undefined, { base: { protocol: "http:", apex: `localhost:${port}` } });
const slugs = new Set(await listSiteSlugs(ws));
const server = await startDevServer({
  distDir: dist,
  domain: "paserkab.go.id",
  hub: "portal",
  slugs: () => slugs,
  port,
});
const browser = await launchChromium();

async function measure(
  url: string,
): Promise<{ requests: number; kb: number; indexes: number; results: string; ms: number }> {
  const page = await browser.newPage();
  await page.goto(url.replace(/\?.*$/, ""));
  let requests = 0;
  let bytes = 0;
  const bundles = new Set<string>();
  page.on("requestfinished", async (request) => {
    const sizes = await request.sizes();
    requests++;
    bytes += sizes.responseBodySize + sizes.responseHeadersSize;
    const m = /^(https?:\/\/[^/]+)\/pagefind\//.exec(request.url());
    if (m) bundles.add(m[1]!);
  });
  const t = performance.now();
  await page.goto(url);
  await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  const ms = performance.now() - t;
  const results = await page.locator("#search-status").innerText();
  await page.close();
  return { requests, kb: Math.round(bytes / 1024), indexes: bundles.size, results, ms: Math.round(ms) };
}

const query = "pelayanan";
const hub = await measure(`http://localhost:${port}/cari/?q=${query}`);
const unit = await measure(`http://dinkes.localhost:${port}/cari/?q=${query}`);
await browser.close();
await server.close();
await rm(dist, { recursive: true, force: true });

console.log(
  `${report.results.filter((r) => r.ok).length} sites built; first search for "${query}" (page, script, index, results), uncompressed, loopback:`,
);
console.log(`| search | indexes fetched | requests | KB | results | time on loopback (ms) |`);
console.log(`| --- | ---: | ---: | ---: | --- | ---: |`);
for (const [name, m] of [
  ["hub (every unit merged)", hub],
  ["dinkes (its own index)", unit],
] as const) {
  console.log(`| ${name} | ${m.indexes} | ${m.requests} | ${m.kb} | ${m.results} | ${m.ms} |`);
}

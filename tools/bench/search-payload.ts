// What one search costs a visitor on the built-in demo: requests and bytes the browser fetches
// for the first query on the hub and on one unit, each reading its own index.
// Run: node --import tsx tools/bench/search-payload.ts   (needs the demo's image cache warm: npm run build)
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSites } from "../pipeline/build-sites.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { listSiteSlugs } from "../content/registry.ts";
import { firstSearch, firstSearchHeader, firstSearchRow } from "./first-search.ts";

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

const query = "pelayanan";
const hub = await firstSearch(browser, `http://localhost:${port}/cari/?q=${query}`);
const unit = await firstSearch(browser, `http://dinkes.localhost:${port}/cari/?q=${query}`);
await browser.close();
await server.close();
await rm(dist, { recursive: true, force: true });

console.log(
  `${report.results.filter((r) => r.ok).length} sites built; first search for "${query}" (page, script, index, results), uncompressed, loopback:`,
);
for (const line of firstSearchHeader) console.log(line);
console.log(firstSearchRow("hub (its own index: its pages and a record of every unit's)", hub));
console.log(firstSearchRow("dinkes (its own index)", unit));

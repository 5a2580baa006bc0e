// What one search costs a visitor on the built-in demo: requests and bytes the browser fetches
// for the first query on the hub and on one unit, each reading its own index, with the sites
// deployed and served by nginx over TLS and HTTP/2 as production serves them (https-sites.ts).
// Run: node --import tsx tools/bench/search-payload.ts   (needs the demo's image cache warm: npm run build)
//      QUERY=ktp node --import tsx tools/bench/search-payload.ts   (another query than "pelayanan")
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildSites } from "../pipeline/build-sites.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { firstSearch, firstSearchHeader, firstSearchRow } from "./first-search.ts";
import { serveOverHttps } from "./https-sites.ts";

const port = await freePort();
const dist = await mkdtemp(join(tmpdir(), "portal-search-"));
const ws = workspaceAt(toolsRepoRoot, { distDir: dist });
const report = await buildSites(ws, undefined, { base: { protocol: "https:", apex: `localhost:${port}` } });
const sites = await serveOverHttps({ ws, distDir: dist, slugs: ["portal", "dinkes"], port });
const browser = await launchChromium();
const context = await browser.newContext({ ignoreHTTPSErrors: true });

const query = process.env.QUERY ?? "pelayanan";
try {
  const hub = await firstSearch(context, `https://localhost:${port}/cari/?q=${query}`);
  const unit = await firstSearch(context, `https://dinkes.localhost:${port}/cari/?q=${query}`);
  console.log(
    `${report.results.filter((r) => r.ok).length} sites built; first search for "${query}" (page, script, index, results) from nginx, loopback:`,
  );
  for (const line of firstSearchHeader) console.log(line);
  console.log(
    firstSearchRow(
      "hub (its own index and, merged, the three parts of an index of a record of every unit's page)",
      hub,
    ),
  );
  console.log(firstSearchRow("dinkes (its own index)", unit));
} finally {
  await browser.close();
  await sites.close();
  await rm(dist, { recursive: true, force: true });
}

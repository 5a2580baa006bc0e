// The search-indexing step of `portal build` alone, for the benchmark: Pagefind over every built
// site in a dist folder, each read whole. (The build names a site's marked pages when that is
// cheaper, search-index.ts `searchableGlob`, which it knows from rendering them: at 500 × 10 this
// step alone reads more than the build's.) Run: node --import tsx tools/bench/index-sites.ts <dist>
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { writeSearchIndexes } from "../pipeline/stages/search-index.ts";

const dist = process.argv[2];
if (!dist) throw new Error("usage: index-sites.ts <dist>");
const sites = readdirSync(dist, { withFileTypes: true })
  .filter((e) => e.isDirectory() && !e.name.startsWith("."))
  .map((e) => ({ slug: e.name, dir: join(dist, e.name) }));
const results = [...(await writeSearchIndexes(sites)).values()];
const failed = results.filter((r) => !r.ok);
if (failed.length) throw new Error(JSON.stringify(failed));
console.log(`${results.reduce((n, r) => n + (r.ok ? r.pages : 0), 0)} pages of ${sites.length} sites indexed`);

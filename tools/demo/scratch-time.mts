import { buildSites } from "../pipeline/build-sites.ts";
import { workspaceAt } from "../core/workspace.ts";
const ws = workspaceAt(process.cwd(), { distDir: "/tmp/scratch-dist" });
for (let i = 0; i < 4; i++) {
  const t = performance.now();
  const r = await buildSites(ws, ["dinkes"]);
  console.log(
    i,
    Math.round(performance.now() - t),
    "ms",
    r.results.map((x) => `${x.slug}:${x.ok}:${x.pages}`).join(" "),
    r.fatal.length,
  );
}

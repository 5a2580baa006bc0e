import type { Workspace } from "../core/workspace.ts";
import { buildSites, type SiteResult } from "../pipeline/build-sites.ts";
import type { Progress } from "../core/progress.ts";
import { formatProblem } from "../problems/problem.ts";

/**
 * A site's result as `--json` gives it: with each problem also as the line it prints as, so Nx's
 * executor shows them without the schemas.
 */
export type JsonSiteResult = SiteResult & { lines: string[] };

/**
 * `portal build [site...]`: exit 0 only when every requested site built. With `json`, each site's
 * result is a line of JSON, or goes to `onJson` (a caller in this process: build-in-process.ts).
 */
export async function runBuild(
  ws: Workspace,
  only: string[],
  options: {
    json: boolean;
    progress?: Progress;
    onJson?: (r: JsonSiteResult) => void;
    /** Pictures in WebP and JPEG, encoded quickly (build-sites.ts `quickImages`): the build server's warm-up. */
    quickImages?: true;
  },
): Promise<number> {
  const started = performance.now();
  const onJson = options.onJson ?? ((r: JsonSiteResult) => console.log(JSON.stringify(r)));
  const print = (r: SiteResult) => {
    if (options.json) onJson({ ...r, lines: r.problems.map(formatProblem) });
    else if (r.ok) console.log(`✔ ${r.slug}: ${r.pages} halaman, ${r.ms} ms`);
    else console.error(`✘ ${r.slug}: gagal\n${r.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  };
  const report = await buildSites(ws, only.length ? only : undefined, {
    onResult: print,
    ...(options.progress ? { progress: options.progress } : {}),
    ...(options.quickImages ? { quickImages: true as const } : {}),
  });
  if (report.fatal.length) {
    for (const p of report.fatal) console.error(formatProblem(p));
    return 1;
  }
  const failed = report.results.filter((r) => !r.ok);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!options.json) {
    console.log(`\n${report.results.length - failed.length} situs dibangun ke ${ws.distDir} dalam ${seconds} s.`);
    if (failed.length)
      console.error(`${failed.length} situs gagal: ${failed.map((r) => r.slug).join(", ")} (lihat pesan di atas).`);
  }
  return failed.length ? 1 : 0;
}

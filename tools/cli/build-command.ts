import type { Workspace } from "../core/workspace.ts";
import { buildSites, type SiteResult } from "../pipeline/build-sites.ts";
import type { Progress } from "../core/progress.ts";
import { formatProblem } from "../problems/problem.ts";

/** `portal build [site...]`: exit 0 only when every requested site built. */
export async function runBuild(
  ws: Workspace,
  only: string[],
  options: { json: boolean; progress?: Progress },
): Promise<number> {
  const started = performance.now();
  const print = (r: SiteResult) => {
    // With each problem also as the line it prints as: Nx's executor shows them without the schemas.
    if (options.json) console.log(JSON.stringify({ ...r, lines: r.problems.map(formatProblem) }));
    else if (r.ok) console.log(`✔ ${r.slug}: ${r.pages} halaman, ${r.ms} ms`);
    else console.error(`✘ ${r.slug}: gagal\n${r.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
  };
  const report = await buildSites(ws, only.length ? only : undefined, {
    onResult: print,
    ...(options.progress ? { progress: options.progress } : {}),
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

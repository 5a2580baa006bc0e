import type { Workspace } from "../core/workspace.ts";
import { formatProblem, problem, sortProblems } from "../problems/problem.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";

export async function runValidate(ws: Workspace, only: string[]): Promise<number> {
  const result = await validateWorkspace(ws, only.length ? only : undefined);
  const unknown = result.portal ? only.filter((slug) => !result.sites.some((s) => s.slug === slug)) : [];
  if (unknown.length) {
    for (const slug of unknown) console.error(formatProblem(problem("no-such-site", `sites/${slug}`, "", { slug })));
    return 1;
  }
  const problems = sortProblems([...result.portalProblems, ...result.sites.flatMap((s) => s.problems)]);
  for (const p of problems) console.error(formatProblem(p));
  const failed = result.sites.filter((s) => s.problems.length > 0).length;
  if (problems.length === 0) {
    console.log(`Semua berkas valid: ${result.sites.length} situs diperiksa.`);
    return 0;
  }
  console.error(
    `\n${problems.length} masalah di ${failed} situs${result.portalProblems.length ? " dan portal.json" : ""}.`,
  );
  return 1;
}

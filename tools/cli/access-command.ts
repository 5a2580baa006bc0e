import { cliRefusal } from "../problems/cli-refusals.ts";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { listSiteSlugs, readRegistry } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { codeownersOf, codeownersPath } from "../gateway/codeowners.ts";
import { guardCommits, unitTrailer } from "../gateway/guard.ts";

/** `portal codeowners [--check]`: writes .github/CODEOWNERS from the registry, or says whether it is current. */
export async function runCodeowners(ws: Workspace, options: { check: boolean }): Promise<number> {
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  const file = join(ws.root, codeownersPath);
  const wanted = codeownersOf(portal, await readRegistry(ws));
  const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
  if (options.check) {
    if (current === wanted) {
      console.log(`${codeownersPath} matches the registry.`);
      return 0;
    }
    console.error(`${codeownersPath} is ${current === undefined ? "missing" : "stale"}: run \`npm run codeowners\`.`);
    return 1;
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, wanted);
  console.log(
    `${codeownersPath} ${current === wanted ? "was already current" : "written"} (${wanted.split("\n").length - 1} lines).`,
  );
  return 0;
}

/** `portal guard --base <rev> [--head <rev>]`: the gateway's folder rule over the commits since `base`. */
export async function runGuard(ws: Workspace, options: { base?: string; head?: string }): Promise<number> {
  if (!options.base) {
    console.error(cliRefusal("guard-needs-base", {}));
    return 2;
  }
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  const units = new Set(await listSiteSlugs(ws));
  const result = guardCommits(
    ws.root,
    { base: options.base, ...(options.head ? { head: options.head } : {}) },
    portal,
    units,
  );
  for (const p of result.problems) console.error(`✘ ${p.commit} "${p.subject}": ${p.problem}`);
  console.log(
    result.problems.length
      ? `${result.problems.length} problem(s) in ${result.commits} commit(s) since ${options.base}: a commit with a ${unitTrailer} trailer may change only that unit's folder.`
      : `${result.commits} commit(s) since ${options.base} checked: each ${unitTrailer} commit stays in its unit's folder.`,
  );
  return result.problems.length ? 1 : 0;
}

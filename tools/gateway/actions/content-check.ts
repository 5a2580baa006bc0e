import { isBlank, oneLine } from "../../core/reader-text.ts";
import { workspaceAt } from "../../core/workspace.ts";
import { localDate } from "../../core/wita.ts";
import { validateSite } from "../../content/validate-site.ts";
import { readPortal } from "../../content/validate-workspace.ts";
import { formatProblem } from "../../problems/problem.ts";
import { gatewayRefusal } from "../../problems/gateway-refusals.ts";
import { draftMayAdd, type DraftRef } from "../draft-scope.ts";
import type { WriteCheck } from "../git-writer.ts";
import { git } from "../git.ts";
import { checkPath, type PathContext, type PathDecision } from "../path-policy.ts";

/**
 * The one line of a commit's message an editor's request may give: a second paragraph could
 * carry trailers of its own (a second `Portal-Unit`, which the guard refuses, holding up every
 * deploy), and a subject that reads like a trailer is made not to.
 */
export function commitSubject(message: string, fallback: string): string {
  const line = oneLine(message.split(/\r?\n/)[0] ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  if (isBlank(line)) return fallback;
  return /^[\w-]+\s*:/.test(line) ? `CMS ${line}` : line;
}

/**
 * What every write must pass once its files are staged in the clone: each path (a publication's
 * squashed files too) under the same rule as the request, and the unit's folder through
 * validation itself, the one implementation `npm run validate` runs, spam and link rules
 * included. Only problems in the files this write touches refuse it: an older problem elsewhere
 * is CI's to report, not a reason to lose this editor's work.
 */
export function contentCheck(policy: PathContext, unit: string, draft?: DraftRef & { main: string }): WriteCheck {
  return async (clone, paths) => {
    const outside = paths
      .map((p) => checkPath(p, "write", policy))
      .filter((d): d is Extract<PathDecision, { ok: false }> => !d.ok);
    if (outside.length) return outside.map((d) => d.message);
    if (draft) {
      // The files a draft's commits (or a publication's squash) staged: its entry and new media
      // only, whatever an earlier save managed to put on its branch.
      const foreign: string[] = [];
      for (const p of paths) {
        if (p === draft.entry) continue;
        const published = await git(["cat-file", "-e", `refs/remotes/origin/${draft.main}:${p}`], clone).then(
          () => true,
          () => false,
        );
        if (!draftMayAdd(draft, p, published)) foreign.push(p);
      }
      if (foreign.length) return [gatewayRefusal("draft-touched-other-files", { files: foreign }).message];
    }
    // Beside the clone, not in it: every write starts from a clean tree, and validation remembers
    // the photos it decoded once (a unit's whole media would be decoded again at every save).
    const ws = workspaceAt(clone, { cacheDir: `${clone}.cache` });
    const { portal, problems: portalProblems } = await readPortal(ws);
    if (!portal) return portalProblems.map(formatProblem);
    const site = await validateSite(ws, portal, unit, { today: localDate(new Date(), portal.time_zone) });
    const touched = new Set(paths);
    return site.problems.filter((p) => touched.has(p.file)).map(formatProblem);
  };
}

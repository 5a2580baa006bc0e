import { mediaKindOf } from "../../content/media-reference.ts";
import { str, type ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/**
 * One draft: its status, when it changed, and the files it changes against the published branch.
 * No draft is a 404, as Decap's proxy protocol has it; our admin.js asks with `quiet` and gets
 * `{ noDraft: true }` with 200 instead, which it hands Decap as that 404 without a failed request
 * in the browser's console (Decap asks this for every entry it opens, new ones included).
 */
export async function unpublishedEntry({ gw, params, draftOf, refuseDecision }: ActionContext): Promise<Reply> {
  let { collection, slug } = params;
  const id = str(params.id);
  if (id) [collection, slug] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
  const draft = draftOf(collection, slug);
  if (!draft.ok) return refuseDecision([], draft);
  await gw.writer.refresh();
  if (!(await gw.view.exists(draft.branch)))
    return params.quiet === true
      ? { status: 200, body: { noDraft: true } }
      : { status: 404, body: { message: "Not Found" } };
  const diffs = (await gw.view.diff(gw.main, draft.branch)).map((d) => ({
    oldPath: d.status === "added" ? "" : d.path,
    newPath: d.status === "deleted" ? "" : d.path,
    status: d.status,
    newFile: d.status === "added",
    path: d.path,
    id: d.path,
    binary: mediaKindOf(d.path) !== undefined,
  }));
  return {
    status: 200,
    body: {
      collection,
      slug,
      status: (await gw.view.status(gw.main, draft.branch)) ?? "draft",
      diffs,
      updatedAt: await gw.view.updatedAt(draft.branch),
    },
  };
}

import { mediaKindOf } from "../../content/media-reference.ts";
import { str, type ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/** One draft: its status, when it changed, and the files it changes against the published branch. */
export async function unpublishedEntry({ gw, params, draftOf, refuseDecision }: ActionContext): Promise<Reply> {
  let { collection, slug } = params;
  const id = str(params.id);
  if (id) [collection, slug] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
  const draft = draftOf(collection, slug);
  if (!draft.ok) return refuseDecision([], draft);
  await gw.writer.refresh();
  if (!(await gw.view.exists(draft.branch))) return { status: 404, body: { message: "Not Found" } };
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

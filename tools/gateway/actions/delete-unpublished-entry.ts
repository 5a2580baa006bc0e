import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { failed } from "./replies.ts";

/** Throws a draft away: the penulis's own draft, or a submitted one by the verifikator. */
export async function deleteUnpublishedEntry(ctx: ActionContext): Promise<Reply> {
  const { gw, scope, action } = ctx;
  const draft = ctx.draftOf(ctx.params.collection, ctx.params.slug);
  if (!draft.ok) return ctx.refuseDecision([], draft);
  await gw.writer.refresh(0);
  const state = await gw.view.draft(gw.main, draft.branch);
  if (!state) return ctx.notFound("draft-not-found");
  // A draft sent for review, or approved, is the verifikator's to throw away.
  if ((state.status ?? "draft") !== "draft" && !ctx.mayPublish(draft.unit, draft.registry))
    return ctx.refuse("submitted-draft-is-verifikators", { status: state.status! }, [draft.branch]);
  const result = await gw.writer.deleteBranch({
    editor: scope.editor,
    unit: draft.unit,
    branch: draft.branch,
    action,
    at: state.head,
  });
  return result.ok ? { status: 200, body: { message: `deleted branch: ${draft.branch}` } } : failed(result, gw);
}

import { statusTrailer } from "../repo-view.ts";
import { statuses, str, type ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { failed } from "./replies.ts";

/** Moves a draft through the workflow; "ready to publish" is the verifikator's word on what they saw. */
export async function updateUnpublishedEntryStatus(ctx: ActionContext): Promise<Reply> {
  const { gw } = ctx;
  const draft = ctx.draftOf(ctx.params.collection, ctx.params.slug);
  if (!draft.ok) return ctx.refuseDecision([], draft);
  const status = str(ctx.params.newStatus);
  if (!statuses.includes(status as (typeof statuses)[number])) return ctx.refuse("unknown-status", { status });
  // A penulis drafts and sends for review; "ready to publish" is the verifikator's word.
  if (status === "pending_publish" && !ctx.mayPublish(draft.unit, draft.registry))
    return ctx.refuse("ready-is-verifikators", {}, [draft.branch]);
  // "Ready" approves the entry as the verifikator saw it: a save since then is not approved.
  const approved = status === "pending_publish" ? ctx.baseFor([draft.entry]) : undefined;
  if (approved && !approved.ok) return approved.reply;
  await gw.writer.refresh(0);
  if (!(await gw.view.exists(draft.branch))) return ctx.notFound("draft-not-found");
  const result = await ctx.write(draft.unit, draft.branch, `Status draf: ${status}`, [], {
    trailers: { [statusTrailer]: status! },
    allowEmpty: true,
    ...(approved ? { expect: approved.expect } : {}),
  });
  return result.ok ? { status: 200, body: { message: `status: ${status}` } } : failed(result, gw);
}

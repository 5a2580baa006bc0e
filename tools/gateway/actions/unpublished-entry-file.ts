import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { entryOf, mediaOf } from "./files.ts";

/** A draft's file, once the draft and the path are the editor's; or the refusal. */
async function draftFile(ctx: ActionContext) {
  const draft = ctx.draftOf(ctx.params.collection, ctx.params.slug);
  if (!draft.ok) return { ok: false as const, reply: await ctx.refuseDecision([], draft) };
  const d = ctx.path(ctx.params.path);
  if (!d.ok) return { ok: false as const, reply: await ctx.refusedPath(ctx.params.path, d) };
  await ctx.gw.writer.refresh();
  return { ok: true as const, branch: draft.branch, path: d.path };
}

/** A draft's entry, with the version it is, which admin.js sends back with the next save of it. */
export async function unpublishedEntryDataFile(ctx: ActionContext): Promise<Reply> {
  const file = await draftFile(ctx);
  if (!file.ok) return file.reply;
  const entry = await entryOf(ctx.gw, file.branch, file.path);
  return { status: 200, body: { data: entry.data, file: entry.file } };
}

/** A draft's media file. */
export async function unpublishedEntryMediaFile(ctx: ActionContext): Promise<Reply> {
  const file = await draftFile(ctx);
  if (!file.ok) return file.reply;
  const media = await mediaOf(ctx.gw, file.branch, file.path);
  return media ? { status: 200, body: media } : ctx.notFound("file-not-found");
}

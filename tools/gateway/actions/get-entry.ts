import { str, type ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { entryOf } from "./files.ts";

/** Published entries by path, each with its version: one (`getEntry`) or several (`entriesByFiles`). */
async function entries(ctx: ActionContext, files: { path?: unknown; label?: unknown }[]) {
  for (const file of files) {
    const d = ctx.path(file?.path);
    if (!d.ok) return { ok: false as const, reply: await ctx.refusedPath(file?.path, d) };
  }
  await ctx.gw.writer.refresh();
  return {
    ok: true as const,
    entries: await Promise.all(files.map((f) => entryOf(ctx.gw, ctx.gw.main, f.path as string, str(f.label)))),
  };
}

export async function getEntry(ctx: ActionContext): Promise<Reply> {
  const found = await entries(ctx, [{ path: ctx.params.path }]);
  return found.ok ? { status: 200, body: found.entries[0] } : found.reply;
}

export async function entriesByFiles(ctx: ActionContext): Promise<Reply> {
  const files = Array.isArray(ctx.params.files) ? (ctx.params.files as { path?: unknown; label?: unknown }[]) : [];
  const found = await entries(ctx, files);
  return found.ok ? { status: 200, body: found.entries } : found.reply;
}

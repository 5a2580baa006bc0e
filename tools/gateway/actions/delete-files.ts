import { str, type ActionContext } from "./action-context.ts";
import type { Params, Reply } from "./gateway.ts";
import { failed } from "./replies.ts";

/** Deletes published files of one unit: a publication, the verifikator's. */
async function deletePublished(ctx: ActionContext, raws: unknown[]): Promise<Reply> {
  const decided: string[] = [];
  const units = new Set<string>();
  for (const raw of raws) {
    const d = ctx.path(raw);
    if (!d.ok) return ctx.refusedPath(raw, d);
    decided.push(d.path);
    units.add(d.slug);
  }
  if (units.size !== 1) return ctx.refuse("delete-spans-units", {}, decided);
  const [unit] = units as unknown as [string];
  if (!ctx.mayPublish(unit)) return ctx.refuse("deleting-from-main-is-publishing", {}, decided);
  const message = str((ctx.params.options as Params | undefined)?.commitMessage) ?? "";
  const result = await ctx.write(
    unit,
    ctx.gw.main,
    message,
    decided.map((p) => ({ path: p, delete: true as const })),
  );
  return result.ok ? { status: 200, body: { message: `deleted ${decided.join(", ")}` } } : failed(result, ctx.gw);
}

export const deleteFile = (ctx: ActionContext) => deletePublished(ctx, [ctx.params.path]);

export const deleteFiles = (ctx: ActionContext) =>
  deletePublished(ctx, Array.isArray(ctx.params.paths) ? ctx.params.paths : []);

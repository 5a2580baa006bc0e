import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { mediaBody, mediaOf } from "./files.ts";

/** The published files of one of the unit's media folders, for the media library. */
export async function getMedia({ gw, params, path, refusedPath }: ActionContext): Promise<Reply> {
  const folder = path(params.mediaFolder);
  if (!folder.ok) return refusedPath(params.mediaFolder, folder);
  await gw.writer.refresh();
  const files = (await gw.view.list(gw.main, folder.path, 1)).filter((f) => path(f.path).ok);
  const blobs = await gw.view.blobs(files.map((f) => f.oid));
  return {
    status: 200,
    body: files.filter((f) => blobs.has(f.oid)).map((f) => mediaBody(f.path, blobs.get(f.oid)!, f.oid)),
  };
}

/** One published media file. */
export async function getMediaFile(ctx: ActionContext): Promise<Reply> {
  const d = ctx.path(ctx.params.path);
  if (!d.ok) return ctx.refusedPath(ctx.params.path, d);
  await ctx.gw.writer.refresh();
  const media = await mediaOf(ctx.gw, ctx.gw.main, d.path);
  return media ? { status: 200, body: media } : ctx.notFound("file-not-found");
}

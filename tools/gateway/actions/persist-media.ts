import { str, type ActionContext } from "./action-context.ts";
import type { Params, Reply } from "./gateway.ts";
import { mediaBody, uploadOf } from "./files.ts";
import { failed } from "./replies.ts";

/** An upload from the media library outside any entry: onto the published branch, the verifikator's. */
export async function persistMedia(ctx: ActionContext): Promise<Reply> {
  const asset = (ctx.params.asset ?? {}) as Params;
  const d = ctx.path(asset.path);
  if (!d.ok) return ctx.refusedPath(asset.path, d);
  // The media library outside an entry writes to main: published at once.
  if (!ctx.mayPublish(d.slug)) return ctx.refuse("uploading-to-main-is-publishing", {}, [d.path]);
  const upload = await uploadOf(ctx.gw, asset);
  if (!upload.ok) return ctx.refuse("upload-refused", { message: upload.message }, [d.path]);
  const message = str((ctx.params.options as Params | undefined)?.commitMessage) ?? "";
  const result = await ctx.write(d.slug, ctx.gw.main, message, [{ path: d.path, content: upload.bytes }]);
  if (!result.ok) return failed(result, ctx.gw);
  return { status: 200, body: mediaBody(d.path, upload.bytes) };
}

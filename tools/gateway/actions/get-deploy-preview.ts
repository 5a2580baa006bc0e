import { itemUrl } from "../../published/permalinks.ts";
import { schemas } from "../../schema/schemas.ts";
import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/** How long the CMS's request waits for a render under way before "not yet" (Decap asks again 5 s later). */
export const previewWaitMs = 20_000;

/**
 * Decap's deploy-preview contract: `{ url, status: "SUCCESS" }` once the draft's preview is
 * rendered at its current files, `null` while it is not (Decap asks again, every 5 s for two
 * minutes after opening an entry). The answer waits for a render under way, so "Lihat pratinjau"
 * appears as soon as the pages exist. The address is the entry's own page in the preview, on the
 * unit's origin; a preview that could not be built shows its problems there instead.
 */
export async function getDeployPreview(ctx: ActionContext): Promise<Reply> {
  const none: Reply = { status: 200, body: null };
  const { previews } = ctx.gw;
  if (!previews) return none;
  const draft = ctx.draftOf(ctx.params.collection, ctx.params.slug);
  if (!draft.ok) return ctx.refuseDecision([], draft);
  // A change to the registry is DKISP's record of a unit, not a page: it has no preview.
  if (draft.registry) return none;
  const [collection, entry] = [String(ctx.params.collection), String(ctx.params.slug)];
  const preview = await previews.ensure(collection, entry, draft.unit);
  if (!preview) return none;
  let timer: NodeJS.Timeout | undefined;
  const waited = await Promise.race([
    preview.done,
    new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), previewWaitMs))),
  ]).finally(() => clearTimeout(timer));
  if (!waited) return none;
  const type = collection.slice(draft.unit.length + 1);
  const page = waited.ok && schemas().types.some((t) => t.name === type) ? itemUrl(type, entry) : "/";
  return { status: 200, body: { url: `${preview.prefix}${page}`, status: "SUCCESS" } };
}

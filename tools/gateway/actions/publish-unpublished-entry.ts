import { portalDefaults } from "../../core/portal-defaults.ts";
import { itemUrl } from "../../published/permalinks.ts";
import { schemas } from "../../schema/schemas.ts";
import type { DraftRef } from "../draft-scope.ts";
import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";
import { failed } from "./replies.ts";

/**
 * Publishes a draft the verifikator marked ready, as they saw it: squashed onto the published
 * branch in one commit, then its branch deleted.
 */
export async function publishUnpublishedEntry(ctx: ActionContext): Promise<Reply> {
  const { gw, scope, params, action } = ctx;
  const draft = ctx.draftOf(params.collection, params.slug);
  if (!draft.ok) return ctx.refuseDecision([], draft);
  if (!ctx.mayPublish(draft.unit, draft.registry)) return ctx.refuse("publishing-is-verifikators", {}, [draft.branch]);
  const reviewed = ctx.baseFor([draft.entry]);
  if (!reviewed.ok) return reviewed.reply;
  await gw.writer.refresh(0);
  const state = await gw.view.draft(gw.main, draft.branch);
  if (!state) return ctx.notFound("draft-not-found");
  if (state.status !== "pending_publish")
    return ctx.refuse("not-ready", { status: state.status ?? "draft" }, [draft.branch]);
  const onDraft = (await gw.view.read(draft.branch, draft.entry))?.oid ?? null;
  if (onDraft !== reviewed.expect[draft.entry])
    return ctx.refuse("changed-since-loaded", { by: "verifikator" }, [draft.entry]);
  const published = await ctx.write(draft.unit, gw.main, `Terbitkan ${params.collection}/${params.slug}`, [], {
    squash: draft.branch,
    squashAt: state.head,
    draft,
  });
  if (!published.ok) return failed(published, gw);
  const deleted = await gw.writer.deleteBranch({
    editor: scope.editor,
    unit: draft.unit,
    branch: draft.branch,
    action,
    at: state.head,
  });
  // Published either way; a draft branch left behind only shows the entry as a draft again.
  return {
    status: 200,
    body: { message: `published${deleted.ok ? "" : ", draft branch kept"}`, live: liveOf(ctx, draft, onDraft) },
  };
}

/**
 * What the CMS tells the editor after "Terbitkan" (admin.js): where the page will be on this
 * origin, which version of its file it will show, and within how many minutes deploys put it
 * there. A registry record is no page.
 */
function liveOf(
  ctx: ActionContext,
  draft: DraftRef,
  version: string | null,
): { page: string; version: string | null; withinMinutes: number } | null {
  const type = String(ctx.params.collection).slice(draft.unit.length + 1);
  if (draft.registry || !schemas().typeByName.has(type)) return null;
  return {
    page: itemUrl(type, String(ctx.params.slug)),
    // The published file's blob id: the page shows it (`portal:versi`) once it is built from it.
    version,
    withinMinutes: ctx.gw.liveWithinMinutes ?? ctx.gw.portal.cms?.live_minutes ?? portalDefaults.cms.live_minutes,
  };
}

import { basename } from "node:path";
import { mediaKindOf } from "../../content/media-reference.ts";
import { draftMayAdd } from "../draft-scope.ts";
import type { Change } from "../git-writer.ts";
import { statusTrailer } from "../repo-view.ts";
import { statuses, str, type ActionContext } from "./action-context.ts";
import type { Params, Reply } from "./gateway.ts";
import { maxAssetsPerSave, uploadsOf } from "./files.ts";
import { failed, persisted } from "./replies.ts";

/** One save as the request names it, every path checked: the entry's changes and its new media. */
interface Save {
  unit: string;
  /** The entry's file as it was loaded, and where it goes when renamed. */
  entry: string;
  renamedTo?: string;
  /** The entry's slug, which names its draft. */
  slug: unknown;
  changes: Change[];
  assets: Params[];
  assetPaths: string[];
  /** The versions the write must still find (the entry's), and no file where it is renamed to. */
  expect: Record<string, string | null>;
}

/**
 * Saves one entry, with the new files it uses: into its draft (the editorial workflow), or, for a
 * verifikator, straight onto the published branch.
 */
export async function persistEntry(ctx: ActionContext): Promise<Reply> {
  const save = await saveOf(ctx);
  if (!save.ok) return save.reply;
  await ctx.gw.writer.refresh(0);
  const options = (ctx.params.options ?? {}) as Params;
  return options.useWorkflow === true ? intoDraft(ctx, save, options) : toMain(ctx, save, options);
}

async function saveOf(ctx: ActionContext): Promise<({ ok: true } & Save) | { ok: false; reply: Reply }> {
  const { params, path, refusedPath } = ctx;
  const refused = async (reply: Promise<Reply>) => ({ ok: false as const, reply: await reply });
  const dataFiles = (
    Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : []
  ) as Params[];
  const assets = (Array.isArray(params.assets) ? params.assets : []) as Params[];
  if (dataFiles.length === 0) return refused(ctx.refuse("no-data-file", {}));
  // Decap saves one entry at a time; a second file in the same save is not its doing.
  if (dataFiles.length > 1)
    return refused(
      ctx.refuse(
        "several-data-files",
        {},
        dataFiles.map((f) => String(f?.path).slice(0, 300)),
      ),
    );
  if (assets.length > maxAssetsPerSave)
    return refused(ctx.refuse("too-many-files", { count: assets.length, max: maxAssetsPerSave }));
  const file = dataFiles[0]!;
  const d = path(file.path);
  if (!d.ok) return refused(refusedPath(file.path, d));
  if (typeof file.raw !== "string") return refused(ctx.refuse("no-raw-content", {}, [d.path]));
  const units = new Set<string>([d.slug]);
  const changes: Change[] = [];
  let renamedTo: string | undefined;
  if (file.newPath !== undefined && file.newPath !== file.path) {
    // A rename stays in the unit's folder: the new path passes the same rule.
    const to = path(file.newPath);
    if (!to.ok) return refused(refusedPath(file.newPath, to));
    units.add(to.slug);
    renamedTo = to.path;
    changes.push({ path: d.path, delete: true }, { path: to.path, content: file.raw });
  } else changes.push({ path: d.path, content: file.raw });
  const assetPaths: string[] = [];
  for (const asset of assets) {
    const a = path(asset.path);
    if (!a.ok) return refused(refusedPath(asset.path, a));
    units.add(a.slug);
    assetPaths.push(a.path);
  }
  if (units.size !== 1)
    return refused(ctx.refuse("save-spans-units", {}, [...changes.map((c) => c.path), ...assetPaths]));
  // The version the editor started from; a rename must not land on a file that exists.
  const versions = ctx.baseFor([d.path]);
  if (!versions.ok) return refused(versions.reply);
  const expect = { ...versions.expect, ...(renamedTo ? { [renamedTo]: null } : {}) };
  return {
    ok: true,
    unit: d.slug,
    entry: d.path,
    ...(renamedTo ? { renamedTo } : {}),
    slug: file.slug,
    changes,
    assets,
    assetPaths,
    expect,
  };
}

const onMain = async (ctx: ActionContext, p: string) => (await ctx.gw.view.read(ctx.gw.main, p)) !== undefined;

/** Straight to the published branch: a publication, the verifikator's (DKISP's for the registry). */
async function toMain(ctx: ActionContext, save: Save, options: Params): Promise<Reply> {
  const { unit, changes, assets, assetPaths, expect } = save;
  if (!ctx.mayPublish(unit, save.entry === `sites/${unit}/site.json`))
    return ctx.refuse("saving-to-main-is-publishing", {}, [...changes.map((c) => c.path), ...assetPaths]);
  for (const p of assetPaths)
    if (await onMain(ctx, p)) return ctx.refuse("upload-over-published", { name: basename(p) }, [p]);
  const uploads = await uploadsOf(ctx.gw, assets, assetPaths);
  if (!uploads.ok) return ctx.refuse("upload-refused", { message: uploads.message }, [uploads.path]);
  const result = await ctx.write(
    unit,
    ctx.gw.main,
    str(options.commitMessage) ?? "",
    [...changes, ...uploads.changes],
    {
      expect,
    },
  );
  return result.ok ? persisted(result) : failed(result, ctx.gw);
}

/** Into the entry's draft: its own file and new media beside it, nothing else. */
async function intoDraft(ctx: ActionContext, save: Save, options: Params): Promise<Reply> {
  const { gw } = ctx;
  const { unit, changes, assets, assetPaths, expect } = save;
  const draft = ctx.draftOf(options.collectionName, save.slug);
  if (!draft.ok) return ctx.refuseDecision([], draft);
  if (draft.unit !== unit) return ctx.refuse("draft-of-another-unit", {}, [draft.branch]);
  // A draft is one entry: its own file, and new media beside it.
  const foreign = [
    ...[save.entry, ...(save.renamedTo ? [save.renamedTo] : [])].filter((p) => p !== draft.entry),
    ...(
      await Promise.all(assetPaths.map(async (p) => (draftMayAdd(draft, p, await onMain(ctx, p)) ? undefined : p)))
    ).filter((p): p is string => p !== undefined),
  ];
  if (foreign.length) return ctx.refuse("draft-changes-other-files", { entry: draft.entry, files: foreign }, foreign);
  const uploads = await uploadsOf(gw, assets, assetPaths);
  if (!uploads.ok) return ctx.refuse("upload-refused", { message: uploads.message }, [uploads.path]);
  const all = [...changes, ...uploads.changes];
  const existing = await gw.view.exists(draft.branch);
  if (existing) {
    // Media the draft had and the entry no longer uses go with this save, as in decap-server.
    const kept = new Set(all.map((c) => c.path));
    for (const change of await gw.view.diff(gw.main, draft.branch))
      if (change.status === "added" && mediaKindOf(change.path) && !kept.has(change.path))
        all.push({ path: change.path, delete: true });
  }
  const requested = str(options.status) ?? "draft";
  const status = statuses.includes(requested as (typeof statuses)[number]) ? requested : "draft";
  // A save to a draft that exists carries no status: one after "Siap terbit" puts it back in
  // review (RepoView.draft), whoever saves.
  const result = await ctx.write(unit, draft.branch, str(options.commitMessage) ?? "", all, {
    expect,
    draft,
    ...(existing
      ? {}
      : {
          trailers: {
            [statusTrailer]:
              status === "pending_publish" && !ctx.mayPublish(unit, draft.registry) ? "pending_review" : status,
          },
        }),
  });
  return result.ok ? persisted(result) : failed(result, gw);
}

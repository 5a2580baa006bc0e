import { isBlank, oneLine } from "../core/reader-text.ts";
import { basename } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import { workspaceAt } from "../core/workspace.ts";
import { localDate } from "../core/wita.ts";
import { mediaKindOf } from "../content/media-reference.ts";
import { formatProblem } from "../problems/problem.ts";
import { validateSite } from "../content/validate-site.ts";
import { readPortal } from "../content/validate-workspace.ts";
import type { Grants } from "./access.ts";
import { baseOf, draftMayAdd, entryPathOf, type DraftRef } from "./draft-scope.ts";
import type { Change, GitWriter, WriteCheck, WriteResult } from "./git-writer.ts";
import { git } from "./git.ts";
import { checkBranch, checkPath, type PathContext, type PathDecision, type PathUse } from "./path-policy.ts";
import { statusTrailer, type RepoView } from "./repo-view.ts";
import type { Editor } from "./session.ts";
import { acceptUpload } from "./uploads.ts";

/** What every request of one gateway shares. */
export interface Gateway {
  portal: PortalConfig;
  /** Every unit folder of the registry. */
  units: ReadonlySet<string>;
  writer: GitWriter;
  view: RepoView;
  /** The branch the sites are built from. */
  main: string;
  /** Local mode: a failed write tells the editor Git's own reason (they are the developer). */
  explain?: boolean;
}

/** Who asks, on which site's `/admin/`, with what their groups give them there. */
export interface Scope {
  editor: Editor;
  /** The unit whose origin the request came to. */
  site: string;
  grants: Grants;
}

export interface Reply {
  status: number;
  body: unknown;
}

/** Decap's editorial workflow statuses; the last one is "ready to publish". */
const statuses = ["draft", "pending_review", "pending_publish"] as const;

/** Every action of Decap's proxy backend (decap-cms-backend-proxy), and nothing else. */
export const proxyActions = [
  "info",
  "entriesByFolder",
  "entriesByFiles",
  "getEntry",
  "unpublishedEntries",
  "unpublishedEntry",
  "unpublishedEntryDataFile",
  "unpublishedEntryMediaFile",
  "deleteUnpublishedEntry",
  "updateUnpublishedEntryStatus",
  "publishUnpublishedEntry",
  "persistEntry",
  "persistMedia",
  "deleteFile",
  "deleteFiles",
  "getMedia",
  "getMediaFile",
  "getDeployPreview",
] as const;

type Params = Record<string, unknown>;

/**
 * The grants an editor has on one site's origin: only that unit's roles, and DKISP's only on the
 * hub. A dinkes editor who is also bappeda's works on bappeda at bappeda's `/admin/`; a page of
 * one site can never act on another's folder through it.
 */
export function grantsOnSite(grants: Grants, site: string, hub: string): Grants {
  const roles = grants.units.get(site);
  return { units: new Map(roles ? [[site, roles]] : []), dkisp: grants.dkisp && site === hub };
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Answers one action of Decap's proxy API for `scope`, every path and role checked first. */
export async function answer(gw: Gateway, scope: Scope, action: string, params: Params): Promise<Reply> {
  const hub = gw.portal.hub;
  const policy: PathContext = { grants: scope.grants, hub, units: gw.units };
  const refuse = async (paths: string[], reason: string, message: string, status = 403): Promise<Reply> => {
    await gw.writer.refused({ user: scope.editor.id, unit: scope.site, action, paths, reason, status });
    return { status, body: { error: message } };
  };
  const path = (raw: unknown, use: PathUse) => checkPath(raw, use, policy);
  const refusedPath = (raw: unknown, d: Extract<PathDecision, { ok: false }>) =>
    refuse([String(raw).slice(0, 300)], d.reason, d.message);

  // Decap names the branch it thinks it works on; the gateway has one, and says so.
  if (params.branch !== undefined && params.branch !== gw.main)
    return refuse([], `branch ${JSON.stringify(params.branch)} is not ${gw.main}`, "Cabang ini tidak dikenal.", 422);

  /** The roles that let `scope` publish in a unit: its verifikator, or DKISP on the hub and the registry. */
  const mayPublish = (unit: string, registry = false) =>
    scope.grants.units.get(unit)?.has("verifikator") === true || (scope.grants.dkisp && (unit === hub || registry));

  /** A draft of `collection`/`slug`: its branch, its unit and its entry's file, or why not. */
  const draftOf = (
    collection: unknown,
    slug: unknown,
  ): ({ ok: true } & DraftRef) | { ok: false; reason: string; message: string } => {
    const name = str(collection);
    const entry = str(slug);
    if (name === `${hub}_registry`) {
      if (!scope.grants.dkisp || entry === undefined || !gw.units.has(entry))
        return {
          ok: false as const,
          reason: "the registry is DKISP's",
          message: "Data unit hanya dapat diubah oleh DKISP.",
        };
      return {
        ok: true as const,
        branch: `cms/${name}/${entry}`,
        unit: entry,
        registry: true,
        entry: entryPathOf(entry, name, entry, true),
      };
    }
    const decision = checkBranch(`cms/${name}/${entry}`, policy);
    if (!decision.ok) return { ok: false as const, reason: decision.reason, message: decision.message };
    return {
      ok: true as const,
      branch: decision.path,
      unit: decision.slug,
      registry: false,
      entry: entryPathOf(decision.slug, name!, entry!, false),
    };
  };

  /** The versions the editor's page loaded, which a write must still find; or the refusal. */
  const baseFor = (paths: string[]) => {
    const base = baseOf(params.base);
    const missing = paths.filter((p) => base?.[p] === undefined);
    return missing.length || !base
      ? {
          ok: false as const,
          reply: refuse(
            missing,
            "no base version (an old admin page, or not Decap's)",
            "Halaman CMS ini belum memuat versi terbaru entri ini, jadi permintaan Anda belum dikirim. Salin dulu isian Anda, muat ulang halaman, lalu coba lagi.",
            428,
          ),
        }
      : { ok: true as const, expect: Object.fromEntries(paths.map((p) => [p, base[p]!])) };
  };

  const write = (
    unit: string,
    branch: string,
    message: string,
    changes: Change[],
    extra: {
      trailers?: Record<string, string>;
      allowEmpty?: boolean;
      squash?: string;
      squashAt?: string;
      expect?: Record<string, string | null>;
      draft?: DraftRef;
    } = {},
  ) =>
    gw.writer.write({
      editor: scope.editor,
      unit,
      branch,
      action,
      message: commitSubject(message, `${action} (${unit})`),
      changes,
      check: contentCheck(policy, unit, extra.draft && { ...extra.draft, main: gw.main }),
      ...extra,
    });

  switch (action) {
    case "info":
      return {
        status: 200,
        body: { repo: gw.portal.domain, publish_modes: ["editorial_workflow"], type: "portal_gateway" },
      };

    case "entriesByFolder": {
      const folder = path(params.folder, "read");
      if (!folder.ok) return refusedPath(params.folder, folder);
      await gw.writer.refresh();
      const extension = str(params.extension) ?? "";
      const depth = typeof params.depth === "number" ? Math.min(Math.max(params.depth, 1), 5) : 1;
      const files = (await gw.view.list(gw.main, folder.path, depth)).filter(
        (f) => f.path.endsWith(extension) && path(f.path, "read").ok,
      );
      const blobs = await gw.view.blobs(files.map((f) => f.oid));
      return {
        status: 200,
        body: files.map((f) => ({
          data: blobs.get(f.oid)?.toString("utf8") ?? null,
          file: { path: f.path, id: f.oid },
        })),
      };
    }

    case "entriesByFiles":
    case "getEntry": {
      const files =
        action === "getEntry"
          ? [{ path: params.path }]
          : Array.isArray(params.files)
            ? (params.files as { path?: unknown; label?: unknown }[])
            : [];
      for (const file of files) {
        const d = path(file?.path, "read");
        if (!d.ok) return refusedPath(file?.path, d);
      }
      await gw.writer.refresh();
      const entries = await Promise.all(
        files.map((f) => entryOf(gw, gw.main, f.path as string, str((f as { label?: unknown }).label))),
      );
      return { status: 200, body: action === "getEntry" ? entries[0] : entries };
    }

    case "unpublishedEntries": {
      await gw.writer.refresh();
      const keys: string[] = [];
      for (const branch of await gw.view.branches("cms")) {
        const [, collection, slug] = branch.split("/") as [string, string?, string?];
        const draft = draftOf(collection, slug);
        if (draft.ok && (draft.unit === scope.site || draft.registry)) keys.push(`${collection}/${slug}`);
      }
      return { status: 200, body: keys };
    }

    case "unpublishedEntry": {
      let { collection, slug } = params;
      const id = str(params.id);
      if (id) [collection, slug] = [id.slice(0, id.indexOf("/")), id.slice(id.indexOf("/") + 1)];
      const draft = draftOf(collection, slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      await gw.writer.refresh();
      if (!(await gw.view.exists(draft.branch))) return { status: 404, body: { message: "Not Found" } };
      const diffs = (await gw.view.diff(gw.main, draft.branch)).map((d) => ({
        oldPath: d.status === "added" ? "" : d.path,
        newPath: d.status === "deleted" ? "" : d.path,
        status: d.status,
        newFile: d.status === "added",
        path: d.path,
        id: d.path,
        binary: mediaKindOf(d.path) !== undefined,
      }));
      return {
        status: 200,
        body: {
          collection,
          slug,
          status: (await gw.view.status(gw.main, draft.branch)) ?? "draft",
          diffs,
          updatedAt: await gw.view.updatedAt(draft.branch),
        },
      };
    }

    case "unpublishedEntryDataFile":
    case "unpublishedEntryMediaFile": {
      const draft = draftOf(params.collection, params.slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      const d = path(params.path, "read");
      if (!d.ok) return refusedPath(params.path, d);
      await gw.writer.refresh();
      if (action === "unpublishedEntryDataFile") {
        // With the version it is, which admin.js sends back with the next save of this draft.
        const entry = await entryOf(gw, draft.branch, d.path);
        return { status: 200, body: { data: entry.data, file: entry.file } };
      }
      const media = await mediaOf(gw, draft.branch, d.path);
      return media ? { status: 200, body: media } : { status: 404, body: { error: "Berkas tidak ditemukan." } };
    }

    case "deleteUnpublishedEntry": {
      const draft = draftOf(params.collection, params.slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      await gw.writer.refresh(0);
      const state = await gw.view.draft(gw.main, draft.branch);
      if (!state) return { status: 404, body: { error: "Draf ini tidak ditemukan." } };
      // A draft sent for review, or approved, is the verifikator's to throw away.
      if ((state.status ?? "draft") !== "draft" && !mayPublish(draft.unit, draft.registry))
        return refuse(
          [draft.branch],
          `a penulis deletes only drafts, not one ${state.status}`,
          "Draf ini sudah diajukan untuk diperiksa; hanya verifikator unit ini yang dapat menghapusnya.",
        );
      const result = await gw.writer.deleteBranch({
        editor: scope.editor,
        unit: draft.unit,
        branch: draft.branch,
        action,
        at: state.head,
      });
      return result.ok ? { status: 200, body: { message: `deleted branch: ${draft.branch}` } } : failed(result, gw);
    }

    case "updateUnpublishedEntryStatus": {
      const draft = draftOf(params.collection, params.slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      const status = str(params.newStatus);
      if (!statuses.includes(status as (typeof statuses)[number]))
        return refuse([], `unknown status ${JSON.stringify(status)}`, "Status draf tidak dikenal.", 422);
      // A penulis drafts and sends for review; "ready to publish" is the verifikator's word.
      if (status === "pending_publish" && !mayPublish(draft.unit, draft.registry))
        return refuse(
          [draft.branch],
          "only a verifikator marks a draft ready",
          "Hanya verifikator unit ini yang dapat menandai draf siap terbit.",
        );
      // "Ready" approves the entry as the verifikator saw it: a save since then is not approved.
      const approved = status === "pending_publish" ? baseFor([draft.entry]) : undefined;
      if (approved && !approved.ok) return approved.reply;
      await gw.writer.refresh(0);
      if (!(await gw.view.exists(draft.branch))) return { status: 404, body: { error: "Draf ini tidak ditemukan." } };
      const result = await write(draft.unit, draft.branch, `Status draf: ${status}`, [], {
        trailers: { [statusTrailer]: status! },
        allowEmpty: true,
        ...(approved ? { expect: approved.expect } : {}),
      });
      return result.ok ? { status: 200, body: { message: `status: ${status}` } } : failed(result, gw);
    }

    case "publishUnpublishedEntry": {
      const draft = draftOf(params.collection, params.slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      if (!mayPublish(draft.unit, draft.registry))
        return refuse(
          [draft.branch],
          "only a verifikator publishes",
          "Hanya verifikator unit ini yang dapat menerbitkan.",
        );
      const reviewed = baseFor([draft.entry]);
      if (!reviewed.ok) return reviewed.reply;
      await gw.writer.refresh(0);
      const state = await gw.view.draft(gw.main, draft.branch);
      if (!state) return { status: 404, body: { error: "Draf ini tidak ditemukan." } };
      if (state.status !== "pending_publish")
        return refuse(
          [draft.branch],
          `not ready to publish: ${state.status ?? "draft"}`,
          "Draf ini belum berstatus “Siap terbit”, atau diubah setelah ditandai: periksa isinya, lalu tandai “Siap terbit” lagi.",
          409,
        );
      const onDraft = (await gw.view.read(draft.branch, draft.entry))?.oid ?? null;
      if (onDraft !== reviewed.expect[draft.entry])
        return refuse([draft.entry], "changed since the verifikator loaded it", changedMessage, 409);
      const published = await write(draft.unit, gw.main, `Terbitkan ${params.collection}/${params.slug}`, [], {
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
      return { status: 200, body: { message: `published${deleted.ok ? "" : ", draft branch kept"}` } };
    }

    case "persistEntry": {
      const options = (params.options ?? {}) as Params;
      const dataFiles = (
        Array.isArray(params.dataFiles) ? params.dataFiles : params.entry ? [params.entry] : []
      ) as Params[];
      const assets = (Array.isArray(params.assets) ? params.assets : []) as Params[];
      if (dataFiles.length === 0) return refuse([], "no data file", "Tidak ada isi yang disimpan.", 422);
      // Decap saves one entry at a time; a second file in the same save is not its doing.
      if (dataFiles.length > 1)
        return refuse(
          dataFiles.map((f) => String(f?.path).slice(0, 300)),
          "more than one data file in one save",
          "Satu penyimpanan hanya untuk satu entri.",
          422,
        );
      if (assets.length > maxAssetsPerSave)
        return refuse(
          [],
          `${assets.length} files in one save`,
          `Satu penyimpanan paling banyak memuat ${maxAssetsPerSave} berkas baru; simpan sebagian dulu.`,
          413,
        );
      const file = dataFiles[0]!;
      const d = path(file.path, "write");
      if (!d.ok) return refusedPath(file.path, d);
      if (typeof file.raw !== "string") return refuse([d.path], "no raw content", "Isi berkas kosong.", 422);
      const units = new Set<string>([d.slug]);
      const changes: Change[] = [];
      let renamedTo: string | undefined;
      if (file.newPath !== undefined && file.newPath !== file.path) {
        // A rename stays in the unit's folder: the new path passes the same rule.
        const to = path(file.newPath, "write");
        if (!to.ok) return refusedPath(file.newPath, to);
        units.add(to.slug);
        renamedTo = to.path;
        changes.push({ path: d.path, delete: true }, { path: to.path, content: file.raw });
      } else changes.push({ path: d.path, content: file.raw });
      const assetPaths: string[] = [];
      for (const asset of assets) {
        const a = path(asset.path, "write");
        if (!a.ok) return refusedPath(asset.path, a);
        units.add(a.slug);
        assetPaths.push(a.path);
      }
      if (units.size !== 1)
        return refuse(
          [...changes.map((c) => c.path), ...assetPaths],
          "one save spans units",
          "Satu penyimpanan hanya untuk satu unit.",
        );
      const unit = d.slug;
      const registry = d.path === `sites/${unit}/site.json`;
      // The version the editor started from; a rename must not land on a file that exists.
      const versions = baseFor([d.path]);
      if (!versions.ok) return versions.reply;
      const expect = { ...versions.expect, ...(renamedTo ? { [renamedTo]: null } : {}) };

      await gw.writer.refresh(0);
      const onMain = async (p: string) => (await gw.view.read(gw.main, p)) !== undefined;
      if (options.useWorkflow !== true) {
        // Straight to main is a publication.
        if (!mayPublish(unit, registry))
          return refuse(
            [...changes.map((c) => c.path), ...assetPaths],
            "saving to main is publishing",
            "Hanya verifikator yang dapat menerbitkan langsung; simpan sebagai draf.",
          );
        for (const p of assetPaths)
          if (await onMain(p)) return refuse([p], "an upload over a published file", replaceMessage(p), 409);
        const uploads = await uploadsOf(gw, assets, assetPaths);
        if (!uploads.ok) return refuse([uploads.path], `upload refused: ${uploads.message}`, uploads.message, 422);
        const result = await write(unit, gw.main, str(options.commitMessage) ?? "", [...changes, ...uploads.changes], {
          expect,
        });
        return result.ok ? persisted(result) : failed(result, gw);
      }
      const draft = draftOf(options.collectionName, file.slug);
      if (!draft.ok) return refuse([], draft.reason, draft.message);
      if (draft.unit !== unit)
        return refuse([draft.branch], "the draft's collection is another unit's", "Draf ini milik unit lain.");
      // A draft is one entry: its own file, and new media beside it.
      const foreign = [
        ...[d.path, ...(renamedTo ? [renamedTo] : [])].filter((p) => p !== draft.entry),
        ...(
          await Promise.all(assetPaths.map(async (p) => (draftMayAdd(draft, p, await onMain(p)) ? undefined : p)))
        ).filter((p): p is string => p !== undefined),
      ];
      if (foreign.length)
        return refuse(
          foreign,
          `a draft of ${draft.entry} may change only that file and add media`,
          `Draf ini hanya dapat mengubah entrinya sendiri dan menambah berkas media baru; ditolak: ${foreign.join(", ")}. Berkas yang sudah terbit diganti dengan nama berkas baru.`,
          422,
        );
      const uploads = await uploadsOf(gw, assets, assetPaths);
      if (!uploads.ok) return refuse([uploads.path], `upload refused: ${uploads.message}`, uploads.message, 422);
      changes.push(...uploads.changes);
      const existing = await gw.view.exists(draft.branch);
      if (existing) {
        // Media the draft had and the entry no longer uses go with this save, as in decap-server.
        const kept = new Set(changes.map((c) => c.path));
        for (const change of await gw.view.diff(gw.main, draft.branch))
          if (change.status === "added" && mediaKindOf(change.path) && !kept.has(change.path))
            changes.push({ path: change.path, delete: true });
      }
      const requested = str(options.status) ?? "draft";
      const status = statuses.includes(requested as (typeof statuses)[number]) ? requested : "draft";
      // A save to a draft that exists carries no status: one after "Siap terbit" puts it back in
      // review (RepoView.draft), whoever saves.
      const result = await write(unit, draft.branch, str(options.commitMessage) ?? "", changes, {
        expect,
        draft,
        ...(existing
          ? {}
          : {
              trailers: {
                [statusTrailer]:
                  status === "pending_publish" && !mayPublish(unit, draft.registry) ? "pending_review" : status,
              },
            }),
      });
      return result.ok ? persisted(result) : failed(result, gw);
    }

    case "persistMedia": {
      const asset = (params.asset ?? {}) as Params;
      const d = path(asset.path, "write");
      if (!d.ok) return refusedPath(asset.path, d);
      // The media library outside an entry writes to main: published at once.
      if (!mayPublish(d.slug))
        return refuse(
          [d.path],
          "uploading to main is publishing",
          "Unggah berkas lewat isian entri; berkas terbit bersama entri saat diterbitkan verifikator.",
        );
      const upload = await uploadOf(gw, asset);
      if (!upload.ok) return refuse([d.path], `upload refused: ${upload.message}`, upload.message, 422);
      const message = str((params.options as Params | undefined)?.commitMessage) ?? "";
      const result = await write(d.slug, gw.main, message, [{ path: d.path, content: upload.bytes }]);
      if (!result.ok) return failed(result, gw);
      return { status: 200, body: mediaBody(d.path, upload.bytes) };
    }

    case "deleteFile":
    case "deleteFiles": {
      const raws = action === "deleteFile" ? [params.path] : Array.isArray(params.paths) ? params.paths : [];
      const decided: string[] = [];
      const units = new Set<string>();
      for (const raw of raws) {
        const d = path(raw, "write");
        if (!d.ok) return refusedPath(raw, d);
        decided.push(d.path);
        units.add(d.slug);
      }
      if (units.size !== 1)
        return refuse(decided, "a delete spans units or none", "Satu penghapusan hanya untuk satu unit.", 422);
      const [unit] = units as unknown as [string];
      if (!mayPublish(unit))
        return refuse(
          decided,
          "deleting from main is publishing",
          "Hanya verifikator yang dapat menghapus isi yang sudah terbit.",
        );
      const message = str((params.options as Params | undefined)?.commitMessage) ?? "";
      const result = await write(
        unit,
        gw.main,
        message,
        decided.map((p) => ({ path: p, delete: true as const })),
      );
      return result.ok ? { status: 200, body: { message: `deleted ${decided.join(", ")}` } } : failed(result, gw);
    }

    case "getMedia": {
      const folder = path(params.mediaFolder, "read");
      if (!folder.ok) return refusedPath(params.mediaFolder, folder);
      await gw.writer.refresh();
      const files = (await gw.view.list(gw.main, folder.path, 1)).filter((f) => path(f.path, "read").ok);
      const blobs = await gw.view.blobs(files.map((f) => f.oid));
      return {
        status: 200,
        body: files.filter((f) => blobs.has(f.oid)).map((f) => mediaBody(f.path, blobs.get(f.oid)!, f.oid)),
      };
    }

    case "getMediaFile": {
      const d = path(params.path, "read");
      if (!d.ok) return refusedPath(params.path, d);
      await gw.writer.refresh();
      const media = await mediaOf(gw, gw.main, d.path);
      return media ? { status: 200, body: media } : { status: 404, body: { error: "Berkas tidak ditemukan." } };
    }

    case "getDeployPreview":
      return { status: 200, body: null };

    default:
      return refuse([], `unknown action ${JSON.stringify(action).slice(0, 80)}`, "Permintaan ini tidak dikenal.", 422);
  }
}

/**
 * The one line of a commit's message an editor's request may give: a second paragraph could
 * carry trailers of its own (a second `Portal-Unit`, which the guard refuses, holding up every
 * deploy), and a subject that reads like a trailer is made not to.
 */
export function commitSubject(message: string, fallback: string): string {
  const line = oneLine(message.split(/\r?\n/)[0] ?? "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 200);
  if (isBlank(line)) return fallback;
  return /^[\w-]+\s*:/.test(line) ? `CMS ${line}` : line;
}

/** A write that started from an older version than the host's: refused, the editor's text kept. */
const changedMessage =
  "Berkas ini baru saja diubah orang lain, jadi simpanan Anda belum dikirim. Isian Anda masih ada di layar: salin dulu, muat ulang halaman, lalu simpan lagi.";

/** What the editor is told when Git would not take a write. */
function failed(result: Extract<WriteResult, { ok: false }>, gw: Pick<Gateway, "explain">): Reply {
  if (result.refused) return { status: 422, body: { error: result.refused.join("\n") } };
  if (result.conflict) return { status: 409, body: { error: changedMessage } };
  return {
    status: 502,
    body: {
      error: `Penyimpanan ke repositori gagal; isian Anda masih ada di layar. Coba simpan lagi sebentar lagi.${gw.explain ? ` (${result.reason})` : ""}`,
    },
  };
}

/** Decap's answer to a save, with the versions the editor's next save starts from. */
const persisted = (result: Extract<WriteResult, { ok: true }>): Reply => ({
  status: 200,
  body: { message: "entry persisted", versions: result.versions ?? {} },
});

const replaceMessage = (path: string) =>
  `Sudah ada berkas terbit bernama ${basename(path)}; beri berkas baru Anda nama lain, lalu unggah lagi.`;

/** The most new files one save may carry (a news item's photos and documents). */
export const maxAssetsPerSave = 30;

/** Each upload as the gateway stores it, or the first one refused. */
async function uploadsOf(gw: Gateway, assets: Params[], paths: string[]) {
  const changes: Change[] = [];
  for (const [i, asset] of assets.entries()) {
    const upload = await uploadOf(gw, asset);
    if (!upload.ok) return { ok: false as const, path: paths[i]!, message: upload.message };
    changes.push({ path: paths[i]!, content: upload.bytes });
  }
  return { ok: true as const, changes };
}

async function entryOf(gw: Gateway, branch: string, path: string, label?: string) {
  const file = await gw.view.read(branch, path);
  return {
    data: file ? file.bytes.toString("utf8") : null,
    file: { path, ...(label ? { label } : {}), id: file?.oid ?? null },
  };
}

const mediaBody = (path: string, bytes: Buffer, oid?: string) => ({
  id: oid ?? path,
  content: bytes.toString("base64"),
  encoding: "base64",
  path,
  name: basename(path),
});

async function mediaOf(gw: Gateway, branch: string, path: string) {
  const file = await gw.view.read(branch, path);
  return file ? mediaBody(path, file.bytes, file.oid) : undefined;
}

async function uploadOf(gw: Gateway, asset: Params) {
  if (asset.encoding !== "base64" || typeof asset.content !== "string")
    return { ok: false as const, message: "Berkas unggahan tidak terbaca." };
  return acceptUpload(basename(String(asset.path)), Buffer.from(asset.content, "base64"), gw.portal.limits);
}

/**
 * What every write must pass once its files are staged in the clone: each path (a publication's
 * squashed files too) under the same rule as the request, and the unit's folder through
 * validation itself, the one implementation `npm run validate` runs, spam and link rules
 * included. Only problems in the files this write touches refuse it: an older problem elsewhere
 * is CI's to report, not a reason to lose this editor's work.
 */
function contentCheck(policy: PathContext, unit: string, draft?: DraftRef & { main: string }): WriteCheck {
  return async (clone, paths) => {
    const outside = paths
      .map((p) => checkPath(p, "write", policy))
      .filter((d): d is Extract<PathDecision, { ok: false }> => !d.ok);
    if (outside.length) return outside.map((d) => d.message);
    if (draft) {
      // The files a draft's commits (or a publication's squash) staged: its entry and new media
      // only, whatever an earlier save managed to put on its branch.
      const foreign: string[] = [];
      for (const p of paths) {
        if (p === draft.entry) continue;
        const published = await git(["cat-file", "-e", `refs/remotes/origin/${draft.main}:${p}`], clone).then(
          () => true,
          () => false,
        );
        if (!draftMayAdd(draft, p, published)) foreign.push(p);
      }
      if (foreign.length)
        return [
          `Draf ini mengubah berkas di luar entrinya (${foreign.join(", ")}), jadi tidak diterbitkan. Hapus draf ini dan buat lagi.`,
        ];
    }
    // Beside the clone, not in it: every write starts from a clean tree, and validation remembers
    // the photos it decoded once (a unit's whole media would be decoded again at every save).
    const ws = workspaceAt(clone, { cacheDir: `${clone}.cache` });
    const { portal, problems: portalProblems } = await readPortal(ws);
    if (!portal) return portalProblems.map(formatProblem);
    const site = await validateSite(ws, portal, unit, { today: localDate(new Date(), portal.time_zone) });
    const touched = new Set(paths);
    return site.problems.filter((p) => touched.has(p.file)).map(formatProblem);
  };
}

import { str, type ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/** The published entries of one of the unit's folders, each file readable to the editor. */
export async function entriesByFolder({ gw, params, path, refusedPath }: ActionContext): Promise<Reply> {
  const folder = path(params.folder);
  if (!folder.ok) return refusedPath(params.folder, folder);
  await gw.writer.refresh();
  const extension = str(params.extension) ?? "";
  const depth = typeof params.depth === "number" ? Math.min(Math.max(params.depth, 1), 5) : 1;
  const files = (await gw.view.list(gw.main, folder.path, depth)).filter(
    (f) => f.path.endsWith(extension) && path(f.path).ok,
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

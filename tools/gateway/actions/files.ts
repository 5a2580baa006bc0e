import { basename } from "node:path";
import { gatewayRefusal } from "../../problems/gateway-refusals.ts";
import type { Change } from "../git-writer.ts";
import { acceptUpload } from "../uploads.ts";
import type { Gateway, Params } from "./gateway.ts";

/** The most new files one save may carry (a news item's photos and documents). */
export const maxAssetsPerSave = 30;

/** An entry's file on a branch as Decap reads it, with its version (`id`), or `null` data. */
export async function entryOf(gw: Gateway, branch: string, path: string, label?: string) {
  const file = await gw.view.read(branch, path);
  return {
    data: file ? file.bytes.toString("utf8") : null,
    file: { path, ...(label ? { label } : {}), id: file?.oid ?? null },
  };
}

/** A media file as Decap's media library reads it. */
export const mediaBody = (path: string, bytes: Buffer, oid?: string) => ({
  id: oid ?? path,
  content: bytes.toString("base64"),
  encoding: "base64",
  path,
  name: basename(path),
});

export async function mediaOf(gw: Gateway, branch: string, path: string) {
  const file = await gw.view.read(branch, path);
  return file ? mediaBody(path, file.bytes, file.oid) : undefined;
}

/** One upload as the gateway stores it, or why not (its content checked by uploads.ts). */
export async function uploadOf(gw: Gateway, asset: Params) {
  if (asset.encoding !== "base64" || typeof asset.content !== "string")
    return { ok: false as const, message: gatewayRefusal("upload-unreadable", {}).message };
  return acceptUpload(basename(String(asset.path)), Buffer.from(asset.content, "base64"), gw.portal.limits);
}

/** Each upload as the gateway stores it, or the first one refused. */
export async function uploadsOf(gw: Gateway, assets: Params[], paths: string[]) {
  const changes: Change[] = [];
  for (const [i, asset] of assets.entries()) {
    const upload = await uploadOf(gw, asset);
    if (!upload.ok) return { ok: false as const, path: paths[i]!, message: upload.message };
    changes.push({ path: paths[i]!, content: upload.bytes });
  }
  return { ok: true as const, changes };
}

import { extname } from "node:path";
import sharp from "sharp";
import type { PortalConfig } from "../core/records.ts";
import { mediaKindOf } from "../content/media-reference.ts";
import { checkDocumentContent, checkImageContent } from "../content/media-content.ts";

/** The longest side an uploaded photo keeps: more than the largest size the sites publish (1200 px). */
export const maxImageSide = 2400;

export type UploadResult =
  | { ok: true; bytes: Buffer; kind: "image" | "document" }
  /** `message` is what the editor is told, in Indonesian. */
  | { ok: false; message: string };

const sharpFormat: Record<string, "jpeg" | "png" | "webp"> = {
  ".jpg": "jpeg",
  ".jpeg": "jpeg",
  ".png": "png",
  ".webp": "webp",
};

/**
 * What the gateway stores of an upload. A document is kept as it is once its bytes show it is
 * what its name says. A photo is decoded whole and written again by sharp in its own format,
 * which keeps no metadata: the EXIF of a phone's photo (its GPS position, the camera owner's
 * name) never reaches the repository or the sites. Its longest side is capped at
 * `maxImageSide`, and the orientation EXIF asked for is applied first. SVG (which can carry
 * script) and any other kind are refused, as are files over portal.json's limits.
 */
export async function acceptUpload(name: string, bytes: Buffer, limits: PortalConfig["limits"]): Promise<UploadResult> {
  const ext = extname(name).toLowerCase();
  const kind = mediaKindOf(name);
  if (ext === ".svg")
    return {
      ok: false,
      message: "Gambar SVG tidak dapat diunggah karena dapat memuat kode program; gunakan JPG, PNG atau WebP.",
    };
  if (!kind) return { ok: false, message: `Jenis berkas "${ext || name}" tidak dapat diunggah.` };
  const limitKb = kind === "image" ? limits.image_kb : limits.document_kb;
  if (bytes.length > limitKb * 1024)
    return {
      ok: false,
      message: `Berkas ${Math.ceil(bytes.length / 1024)} KB melebihi batas ${limitKb} KB untuk ${kind === "image" ? "gambar" : "dokumen"}.`,
    };
  if (kind === "document") {
    const check = checkDocumentContent(bytes, ext);
    return check.ok ? { ok: true, bytes, kind } : { ok: false, message: `Berkas ditolak: ${check.detail}.` };
  }
  const check = await checkImageContent(bytes, ext);
  if (!check.ok) return { ok: false, message: `Gambar ditolak: ${check.detail}.` };
  try {
    const image = sharp(bytes, { failOn: "warning" })
      .rotate()
      .resize(maxImageSide, maxImageSide, { fit: "inside", withoutEnlargement: true });
    const format = sharpFormat[ext]!;
    const encoded =
      format === "jpeg"
        ? await image.jpeg({ quality: 88, mozjpeg: true }).toBuffer()
        : format === "png"
          ? await image.png({ compressionLevel: 9 }).toBuffer()
          : await image.webp({ quality: 88 }).toBuffer();
    return { ok: true, bytes: encoded, kind };
  } catch (error) {
    return { ok: false, message: `Gambar ditolak: ${(error as Error).message}.` };
  }
}

import { extname } from "node:path";
import sharp from "sharp";
import type { PortalConfig } from "../core/records.ts";
import { mediaKindOf } from "../content/media-reference.ts";
import { checkDocumentContent } from "../content/document-content.ts";
import { checkImageContent } from "../content/media-content.ts";
import { svgRefusal } from "./path-policy.ts";

/** The longest side an uploaded photo keeps: more than the largest size the sites publish (1200 px). */
export const maxImageSide = 2400;

/** The largest canvas an upload may declare: a phone's 200 MP photo is refused before it is decoded. */
export const maxImagePixels = 40_000_000;

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
 * what its name says (document-content.ts). A photo is decoded to its pixels and written again
 * from them in its own format, so no metadata survives: the EXIF of a phone's photo (its GPS
 * position, the camera owner's name), XMP, a PNG's text chunks never reach the repository or the
 * sites. Its longest side is capped at
 * `maxImageSide`, and the orientation EXIF asked for is applied first. SVG (which can carry
 * script) and any other kind are refused, as are files over portal.json's limits.
 */
export async function acceptUpload(name: string, bytes: Buffer, limits: PortalConfig["limits"]): Promise<UploadResult> {
  const ext = extname(name).toLowerCase();
  const kind = mediaKindOf(name);
  if (ext === ".svg") return { ok: false, message: svgRefusal };
  if (!kind) return { ok: false, message: `Jenis berkas "${ext || name}" tidak dapat diunggah.` };
  const limitKb = kind === "image" ? limits.image_kb : limits.document_kb;
  if (bytes.length > limitKb * 1024)
    return {
      ok: false,
      message: `Berkas ${Math.ceil(bytes.length / 1024)} KB melebihi batas ${limitKb} KB untuk ${kind === "image" ? "gambar" : "dokumen"}.`,
    };
  if (kind === "document") {
    const check = await checkDocumentContent(bytes, ext);
    return check.ok ? { ok: true, bytes, kind } : { ok: false, message: `Berkas ditolak: ${check.detail}.` };
  }
  // The header's size, before any decoding: a small file can claim a huge canvas.
  let size: { width?: number; height?: number };
  try {
    size = await sharp(bytes).metadata();
  } catch (error) {
    return { ok: false, message: `Gambar ditolak: ${(error as Error).message.replace(/^Input (file|buffer) /, "")}.` };
  }
  if ((size.width ?? 0) * (size.height ?? 0) > maxImagePixels)
    return {
      ok: false,
      message: `Gambar ${size.width} × ${size.height} piksel terlalu besar (lebih dari ${maxImagePixels / 1e6} megapiksel); perkecil dulu, lalu unggah lagi.`,
    };
  const check = await checkImageContent(bytes, ext);
  if (!check.ok) return { ok: false, message: `Gambar ditolak: ${check.detail}.` };
  try {
    // Decoded to bare pixels (in sRGB, the orientation applied) and encoded again from them: no
    // EXIF, XMP, ICC profile or PNG text chunk can survive, whatever the encoder would keep.
    const { data, info } = await sharp(bytes, { failOn: "warning", limitInputPixels: maxImagePixels })
      .rotate()
      .resize(maxImageSide, maxImageSide, { fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image = sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
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

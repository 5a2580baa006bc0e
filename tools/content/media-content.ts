import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import exifReader from "exif-reader";
import type Sharp from "sharp";
import { checkDocumentContent } from "./document-content.ts";

/**
 * sharp, loaded at the first image that needs decoding: a build whose photos all passed before
 * (checkMediaContents) never needs it, and loading it is part of what a warm build spends on images.
 */
const loadSharp = (): Promise<typeof Sharp> => import("sharp").then((m) => m.default);

/**
 * Whether an uploaded file is what its name says, read the way the build will read it. An image
 * is decoded whole (a header can be intact while the rest is cut off: a half-grey photo once
 * published); a document by its structure (document-content.ts: a "PDF" that is an HTML page
 * would be published byte for byte under a government domain).
 */
export type ContentCheck = { ok: true } | { ok: false; detail: string };

/** sharp's format names for each image extension. */
const imageFormats: Record<string, string> = { ".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp" };

export async function checkImageContent(bytes: Buffer, ext: string): Promise<ContentCheck> {
  const expected = imageFormats[ext.toLowerCase()];
  try {
    const sharp = await loadSharp();
    // sharp's default pixel limit is eleventy-img's too: an image over it fails here, not in the build.
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) return { ok: false, detail: "ukuran gambar tidak terbaca" };
    if (meta.format !== expected)
      return {
        ok: false,
        detail: `isinya ${meta.format === "svg" ? "SVG" : (meta.format ?? "tidak dikenal").toUpperCase()}, bukan ${expected?.toUpperCase()}`,
      };
    // Decoding to a thumbnail reads every byte of the data (JPEG shrinks on load, so it is cheap).
    await sharp(bytes, { failOn: "warning" }).resize(64, 64, { fit: "inside" }).raw().toBuffer();
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error as Error).message.replace(/^Input (file|buffer) /, "") };
  }
}

/**
 * Whether a photo still tells where it was taken: a phone writes its GPS position into the EXIF
 * of every photo, and a published one would show the world where an officer lives. The CMS's
 * uploads never have it (the gateway writes every photo again without metadata); a photo added
 * by a pull request is refused until the position is removed.
 */
export async function checkNoLocation(bytes: Buffer): Promise<ContentCheck> {
  const sharp = await loadSharp();
  const { exif } = await sharp(bytes).metadata();
  if (!exif) return { ok: true };
  let gps: Record<string, unknown> | undefined;
  try {
    gps = exifReader(exif).GPSInfo as Record<string, unknown> | undefined;
  } catch {
    // EXIF that cannot be read cannot be shown either; the image itself decoded already.
    return { ok: true };
  }
  const located = gps && ["GPSLatitude", "GPSLongitude"].some((k) => gps[k] !== undefined);
  return located
    ? {
        ok: false,
        detail:
          "foto memuat lokasi GPS tempat foto diambil (EXIF); unggah lewat CMS, yang menghapusnya, atau hapus data lokasinya dulu",
      }
    : { ok: true };
}

/**
 * Checks every file given, remembering the ones that passed by their content's hash under
 * `cacheDir`, so a photo is decoded once in its life, not at every validation. The same bytes
 * always give the same answer.
 */
export async function checkMediaContents(
  files: { abs: string; ext: string }[],
  cacheDir: string,
): Promise<Map<string, ContentCheck>> {
  const passed = join(cacheDir, "media-checked", checkVersion);
  const results = new Map<string, ContentCheck>();
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < files.length; i = next++) {
      const { abs, ext } = files[i]!;
      const bytes = readFileSync(abs);
      const marker = join(passed, createHash("sha256").update(ext.toLowerCase()).update(bytes).digest("hex"));
      if (existsSync(marker)) {
        results.set(abs, { ok: true });
        continue;
      }
      const result = await checkOne(bytes, ext);
      if (result.ok) {
        try {
          mkdirSync(passed, { recursive: true });
          writeFileSync(marker, "");
        } catch {
          // A read-only checkout only loses the memory: the file is checked again next time.
        }
      }
      results.set(abs, result);
    }
  };
  // sharp decodes on libuv's threads: two at a time keep both cores busy.
  await Promise.all([worker(), worker()]);
  // libvips keeps one error buffer for all its threads: a decode that fails beside another can
  // carry the other's words ("Unknown error", or both messages). A refusal is rare; each is
  // checked again alone, so the editor reads its own file's reason.
  for (const { abs, ext } of files) {
    if (results.get(abs)?.ok !== false) continue;
    results.set(abs, await checkOne(readFileSync(abs), ext));
  }
  return results;
}

/** One file's check: an image decoded whole and without a GPS position, a document by its bytes. */
async function checkOne(bytes: Buffer, ext: string): Promise<ContentCheck> {
  if (!imageFormats[ext.toLowerCase()]) return checkDocumentContent(bytes, ext);
  const decoded = await checkImageContent(bytes, ext);
  return decoded.ok ? checkNoLocation(bytes) : decoded;
}

/** Bumped whenever a check becomes stricter, so files that passed an older check are checked again. */
const checkVersion = "v3";

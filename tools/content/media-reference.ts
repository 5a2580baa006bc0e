import { extname, posix } from "node:path";
import { readAddress } from "../core/address.ts";
import { schemas, type MediaKind } from "../schema/schemas.ts";

export type { MediaKind } from "../schema/schemas.ts";

/**
 * What a file of a unit's `media/` folder is, by its extension (the kinds and their extensions are
 * declared in defs.schema.json's `x-file-kinds`). Images are published only in their resized forms
 * (eleventy-img); documents are published as uploaded.
 */
export function mediaKindOf(path: string): MediaKind | undefined {
  const ext = extname(path).toLowerCase();
  const kinds = schemas().fileKinds;
  return kinds.image.extensions.has(ext) ? "image" : kinds.document.extensions.has(ext) ? "document" : undefined;
}

/** Why a reference cannot be used; each is a problem code of the catalogue. */
export type ReferenceRefusal =
  | "reference-remote"
  | "reference-outside-media"
  | "reference-wrong-kind"
  | "reference-invalid"
  | "missing-media";

export type ResolvedReference =
  /** A file of the unit's media folder: `path` is "/media/..." as on disk, `url` the same for an HTML attribute. */
  { ok: true; path: string; url: string; kind: MediaKind } | { ok: false; refusal: ReferenceRefusal; detail: string };

export interface ReferenceContext {
  /**
   * The folder of the file the reference is written in, relative to the unit's folder, "/"
   * separated ("content/berita"): a relative reference means a path from there, as a Markdown
   * preview on the editor's computer shows it.
   */
  fromDir: string;
  /** Whether "/media/..." is a regular file of the unit's media folder. */
  exists: (path: string) => boolean;
}

/**
 * The one reading of a reference to a unit's media, for validation and for the build alike
 * (Markdown images and links, front-matter fields, the theme's <img>): whatever validation accepts
 * resolves here to the same file when the site is built, and whatever it refuses never reaches
 * eleventy-img or the output. `usage` says what the reference is:
 * - "image": must be an image of the unit's own media folder; remote images are refused (a build
 *   must never fetch from an address an editor chose: it could be the build machine's own network).
 * - "document": must be a document of the unit's own media folder (a front-matter file field).
 * - "link": a link is a media reference only when it points into media or names a media file;
 *   any other link (a page, another site, an e-mail) is not, and gives `undefined`.
 * Query strings and fragments are dropped (a file has neither); percent-encoding is decoded once.
 */
export function resolveMediaReference(
  href: string,
  usage: "image" | "document" | "link",
  context: ReferenceContext,
): ResolvedReference | undefined {
  const raw = href.trim();
  const refuse = (refusal: ReferenceRefusal, detail: string): ResolvedReference => ({ ok: false, refusal, detail });
  // Whether it names a file of this site at all is the browser's reading (core/address.ts).
  if (readAddress(raw).kind !== "page") {
    if (usage === "link") return undefined;
    return /^data:/i.test(raw)
      ? refuse("reference-invalid", "gambar tertanam (data:)")
      : refuse("reference-remote", raw);
  }
  const bare = raw.replace(/[?#].*$/s, "");
  if (bare === "") return usage === "link" ? undefined : refuse("reference-invalid", "alamat kosong");
  let decoded: string;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    return refuse("reference-invalid", "kode %.. yang tidak terbaca");
  }
  // Backslashes are Windows paths, which a web address never holds; control characters hide tricks.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\\\u0000-\u001f\u007f]/.test(decoded))
    return refuse("reference-invalid", "karakter yang tidak boleh ada di alamat");

  // From the unit's folder: "/media/x" is its media folder, a relative path starts at `fromDir`.
  const inUnit = posix.normalize(decoded.startsWith("/") ? decoded.slice(1) : posix.join(context.fromDir, decoded));
  const kind = mediaKindOf(inUnit);
  const intoMedia = inUnit.startsWith("media/");
  // A link is a media reference when it points into a media folder (this unit's or, wrongly,
  // another's) or names a document; a link to a page, or to an image the site generated
  // (/img/...), is not.
  if (usage === "link" && !intoMedia && kind !== "document" && !`/${inUnit}`.includes("/media/")) return undefined;
  // Normalised, a path into media holds no "..": anything that climbs out of it lands elsewhere.
  if (!intoMedia) return refuse("reference-outside-media", decoded);
  const path = `/${inUnit}`;
  // A link to an uploaded photo would be broken: only its resized forms are published.
  if (kind !== (usage === "image" ? "image" : "document")) return refuse("reference-wrong-kind", path);
  if (!context.exists(path)) return refuse("missing-media", path);
  return { ok: true, path, url: encodeURI(path), kind };
}

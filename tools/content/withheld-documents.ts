import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown } from "./front-matter.ts";
import { resolveMediaReference } from "./media-reference.ts";
import { listEntries } from "./site-files.ts";

/**
 * Information excluded from the public (UU 14/2008 Pasal 17, `classification: dikecualikan`) is
 * listed by title in the Daftar Informasi Publik; its file is never published, linked, indexed
 * or named in a feed or the manifest.
 */
export const withheldClassification = "dikecualikan";

/** The media path a `dokumen` item's data withholds, if it is excluded. */
export function withheldFileOf(data: Record<string, unknown>): string | undefined {
  if (data.classification !== withheldClassification || typeof data.file !== "string") return undefined;
  const resolved = resolveMediaReference(data.file, "document", { fromDir: "content/dokumen", exists: () => true });
  return resolved?.ok ? resolved.path : undefined;
}

/** Every file a unit withholds, read from its `dokumen` items (for links from other units). */
export function withheldDocuments(siteDir: string): Set<string> {
  const dir = join(siteDir, "content", "dokumen");
  const found = new Set<string>();
  for (const entry of listEntries(dir).entries) {
    // (2 MiB is the largest Markdown file portal.json may allow; that unit's validation says why.)
    if (entry.kind !== "file" || !entry.name.endsWith(".md") || lstatSync(join(dir, entry.name)).size > 2 * 1024 * 1024)
      continue;
    const decoded = decodeUtf8(readFileSync(join(dir, entry.name)), entry.name);
    const parsed = decoded.text === undefined ? undefined : parseMarkdown(decoded.text, entry.name).parsed;
    const path = parsed && withheldFileOf(parsed.data);
    if (path) found.add(path);
  }
  return found;
}

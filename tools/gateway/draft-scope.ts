/**
 * What one draft may hold, and the versions an editor's write starts from.
 *
 * Decap's editorial workflow keeps one entry per draft branch (`cms/<collection>/<entry>`): the
 * gateway holds every draft to that, so a verifikator who publishes "ringan" publishes that news
 * item and the photos it brought, never a profile page or another unit's announcement carried in
 * the same save.
 */

/** A draft as the gateway knows it: its branch, its unit, and the one file that is its entry. */
export interface DraftRef {
  branch: string;
  unit: string;
  /** A unit's record in the hub's registry (`sites/<unit>/site.json`), DKISP's. */
  registry: boolean;
  /** The entry's file: `sites/<unit>/content/<type>/<entry>.md`, or the unit's `site.json`. */
  entry: string;
}

/** The entry file of draft `<collection>/<entry>`: collections are `<unit>_<type>` (cms-config.ts). */
export function entryPathOf(unit: string, collection: string, entry: string, registry: boolean): string {
  if (registry) return `sites/${entry}/site.json`;
  return `sites/${unit}/content/${collection.slice(unit.length + 1)}/${entry}.md`;
}

/**
 * A file a draft may add beside its entry: a new file in its unit's media folder (the registry's
 * drafts: a logo, at the top of that folder). `onMain` says whether the path is already
 * published: a draft never replaces a file that is live, since publishing it would change what
 * other pages show.
 */
export function draftMayAdd(draft: DraftRef, path: string, onMain: boolean): boolean {
  if (onMain) return false;
  const prefix = `sites/${draft.registry ? draft.entry.split("/")[1] : draft.unit}/media/`;
  if (!path.startsWith(prefix)) return false;
  return !draft.registry || !path.slice(prefix.length).includes("/");
}

/** A blob id as Git writes it (SHA-1; SHA-256 repositories have 64). */
const blobId = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The `base` of a request: for each path, the version the editor's page loaded (a blob id, or
 * null for a file that did not exist). admin.js records them from the gateway's answers and sends
 * them with every write. Undefined when it is missing or malformed: the write is then refused,
 * since without it a save could not tell an older copy from the latest.
 */
export function baseOf(raw: unknown): Record<string, string | null> | undefined {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) return undefined;
  const base: Record<string, string | null> = {};
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > 50) return undefined;
  for (const [path, version] of entries) {
    if (version !== null && (typeof version !== "string" || !blobId.test(version))) return undefined;
    base[path] = version;
  }
  return base;
}

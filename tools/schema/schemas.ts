import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { defaultSchemaDir } from "../core/workspace.ts";
import { contentTypeOf, type ContentType } from "./content-type.ts";
import type { JsonSchema } from "./json-schema.ts";

/** The kinds of file a unit may upload, from `x-file-kinds` in defs.schema.json. */
export type MediaKind = "image" | "document";

export interface FileKind {
  /** Lower-case extensions with their dot: ".jpg". */
  extensions: ReadonlySet<string>;
  /** For editors: "JPG, PNG, WebP". */
  names: string;
}

/**
 * Everything `content-schema/` says, read once: validation, the generator, the CMS configuration
 * and the docs all take it from here, so they cannot disagree, and `npm start` reloads it after a
 * schema edit (`reloadSchemas`).
 */
export interface Schemas {
  dir: string;
  /** Every schema file by its `$id`, as ajv registers them. */
  byId: ReadonlyMap<string, JsonSchema>;
  portal: JsonSchema;
  site: JsonSchema;
  /** The hub's `katalog.json`: topics, synonyms, the home's services and numbers. */
  catalogue: JsonSchema;
  defs: JsonSchema & { $defs: Record<string, JsonSchema> };
  /** The content types in name order (one per `content/<name>.schema.json`). */
  types: readonly ContentType[];
  typeByName: ReadonlyMap<string, ContentType>;
  fileKinds: Readonly<Record<MediaKind, FileKind>>;
}

export const schemaIds = {
  portal: "https://portal-terpadu.id/schema/portal.schema.json",
  site: "https://portal-terpadu.id/schema/site.schema.json",
  defs: "https://portal-terpadu.id/schema/defs.schema.json",
  catalogue: "https://portal-terpadu.id/schema/katalog.schema.json",
} as const;

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8")) as JsonSchema;

/** Reads `content-schema/` (or another folder laid out like it, for tests). */
export function loadSchemas(dir = defaultSchemaDir()): Schemas {
  const top = readdirSync(dir).filter((f) => f.endsWith(".schema.json"));
  const contentFiles = readdirSync(join(dir, "content"))
    .filter((f) => f.endsWith(".schema.json"))
    .sort();
  const byId = new Map<string, JsonSchema>();
  const read = (file: string) => {
    const schema = readJson(join(dir, file));
    if (typeof schema.$id !== "string") throw new Error(`${join(dir, file)}: a schema needs an $id`);
    byId.set(schema.$id, schema);
    return schema;
  };
  for (const file of top) read(file);
  const contentSchemas = contentFiles.map(
    (file) => [file.replace(/\.schema\.json$/, ""), read(`content/${file}`)] as const,
  );
  const need = (id: string) => {
    const schema = byId.get(id);
    if (!schema) throw new Error(`${dir}: no schema with $id ${id}`);
    return schema;
  };
  const defs = need(schemaIds.defs) as Schemas["defs"];
  const fileKinds = fileKindsOf(defs, dir);
  applyFileKinds(defs, fileKinds);
  const types = contentSchemas.map(([name, schema]) => contentTypeOf(name, schema));
  return {
    dir,
    byId,
    portal: need(schemaIds.portal),
    site: need(schemaIds.site),
    catalogue: need(schemaIds.catalogue),
    defs,
    types,
    typeByName: new Map(types.map((t) => [t.name, t])),
    fileKinds,
  };
}

function fileKindsOf(defs: JsonSchema, dir: string): Record<MediaKind, FileKind> {
  const declared = defs["x-file-kinds"] as Record<string, { extensions?: string[]; names?: string }> | undefined;
  const kind = (name: MediaKind): FileKind => {
    const d = declared?.[name];
    if (!d?.extensions?.length || !d.names)
      throw new Error(`${dir}/defs.schema.json: x-file-kinds.${name} needs extensions and names`);
    return { extensions: new Set(d.extensions.map((e) => `.${e.toLowerCase()}`)), names: d.names };
  };
  return { image: kind("image"), document: kind("document") };
}

/**
 * A definition marked `x-media: image|document` accepts a path in the unit's media folder with one
 * of that kind's extensions. The pattern is made here, so the extensions are written once.
 */
function applyFileKinds(defs: Schemas["defs"], kinds: Record<MediaKind, FileKind>): void {
  for (const def of Object.values(defs.$defs)) {
    const kind = def["x-media"] as MediaKind | undefined;
    if (!kind) continue;
    const extensions = [...kinds[kind].extensions].map((e) => e.slice(1)).join("|");
    def.pattern = `^/media/[a-z0-9][a-z0-9/_.-]*\\.(${extensions})$`;
  }
}

let current: Schemas | undefined;

/**
 * The schemas this process works with: loaded on first use. Long-running processes call
 * `reloadSchemas` when a file in `content-schema/` changes; everything else reads them here.
 */
export function schemas(): Schemas {
  current ??= loadSchemas();
  return current;
}

/**
 * Reads `content-schema/` again (`npm start` after a schema edit), or another folder laid out like
 * it (a test that adds a content type). Throws, keeping the old set, if it cannot.
 */
export function reloadSchemas(dir?: string, check: (set: Schemas) => void = () => {}): Schemas {
  const set = loadSchemas(dir);
  check(set);
  current = set;
  return current;
}

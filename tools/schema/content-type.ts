import type { JsonSchema } from "./json-schema.ts";

/**
 * A content type: one `content-schema/content/<name>.schema.json`. Everything the tools do
 * differently per type is declared in its schema by an `x-` annotation and read here, so adding a
 * type is a schema file plus its template (`themes/<theme>/_includes/types/<name>.njk`):
 *
 * | annotation | meaning | default |
 * | --- | --- | --- |
 * | `x-label`, `x-label-singular` | names shown to editors and readers | the type's name |
 * | `x-title-field` | the field that titles an item | `title` |
 * | `x-date-field` | the item's publication or start date (manifest, hub, feeds) | none |
 * | `x-end-field` | when the item stops being current (manifest, hub) | none |
 * | `x-sort` | the list order: fields (`-` first: newest or largest first), or `{field, missing}` | `["title"]` |
 * | `x-image-fields` | JSON pointers to the item's picture, first present wins (share card, manifest) | none |
 * | `x-feed` | in the site's feeds and the hub's feeds | false |
 * | `x-hub-lists` | in the hub's combined lists (`/kabar/`) | false |
 * | `x-hub-search` | `newest`: when a unit's share of the hub's search index is full, its newest items are kept (news); `all`: every item comes first | `all` |
 * | `x-activity` | a new item keeps its unit "active" on the hub | false |
 * | `x-manifest-fields` | fields the manifest carries for the hub (`extra`) | none |
 * | `x-hub-only` | only the hub may hold it (regional broadcasts) | false |
 * | `x-top-level` | items live at the site's root (`/profil/`) and have no list page | false |
 * | `x-order` | its place wherever types are listed (the CMS's collections, the hub's filters) | last |
 *
 * The files a field accepts are declared on the field (`x-media`, with the extensions of each
 * kind in defs.schema.json's `x-file-kinds`).
 */
export interface ContentType {
  /** Folder name under `sites/<slug>/content/` and the first segment of its URLs. */
  name: string;
  label: string;
  labelSingular: string;
  titleField: string;
  dateField?: string;
  endField?: string;
  sort: readonly SortKey[];
  imageFields: readonly string[];
  feed: boolean;
  hubLists: boolean;
  /** From `x-hub-search`: which of a unit's items the hub's search index keeps once its share is full (hub-search-records.ts). */
  hubSearch: "all" | "newest";
  activity: boolean;
  manifestFields: readonly string[];
  hubOnly: boolean;
  topLevel: boolean;
  /** From `x-order`: lists of types are sorted by it, then by name. */
  rank: number;
  schemaId: string;
  schema: JsonSchema;
}

/** Every `x-` annotation the schemas may use (ajv's strict mode refuses any other). */
export const annotationKeywords = [
  "x-example",
  "x-label",
  "x-label-singular",
  "x-title-field",
  "x-date-field",
  "x-end-field",
  "x-sort",
  "x-image-fields",
  "x-feed",
  "x-hub-lists",
  "x-hub-search",
  "x-activity",
  "x-manifest-fields",
  "x-hub-only",
  "x-top-level",
  "x-order",
  "x-media",
  "x-file-kinds",
  "x-enum-labels",
  "x-after",
  "x-max-days-ahead",
  "x-mean-of",
  "x-catalogue",
] as const;

export interface SortKey {
  field: string;
  descending: boolean;
  /** How an item without the field sorts (an `order` left out sits in the middle: 500). */
  missing?: number | string;
}

const strings = (value: unknown, where: string): string[] => {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
    throw new Error(`${where} must be a list of text`);
  return value as string[];
};

/** Types in their listed order (`x-order`, then name). */
export const byRank = (a: ContentType, b: ContentType) => a.rank - b.rank || a.name.localeCompare(b.name);

export function contentTypeOf(name: string, schema: JsonSchema): ContentType {
  const where = (key: string) => `content-schema/content/${name}.schema.json: ${key}`;
  const properties = schema.properties ?? {};
  const field = (key: string, fallback?: string) => {
    const value = schema[key] ?? fallback;
    if (value === undefined) return undefined;
    if (typeof value !== "string" || !(value in properties))
      throw new Error(`${where(key)} must name one of its fields`);
    return value;
  };
  const sort = sortKeys(schema["x-sort"], where("x-sort"), properties);
  return {
    name,
    label: String(schema["x-label"] ?? name),
    labelSingular: String(schema["x-label-singular"] ?? schema["x-label"] ?? name),
    titleField: field("x-title-field", "title")!,
    ...optional("dateField", field("x-date-field")),
    ...optional("endField", field("x-end-field")),
    sort,
    imageFields: strings(schema["x-image-fields"], where("x-image-fields")),
    feed: schema["x-feed"] === true,
    hubLists: schema["x-hub-lists"] === true,
    hubSearch: hubSearchOf(schema["x-hub-search"], where("x-hub-search")),
    activity: schema["x-activity"] === true,
    manifestFields: strings(schema["x-manifest-fields"], where("x-manifest-fields")).map((f) => {
      if (!(f in properties)) throw new Error(`${where("x-manifest-fields")}: "${f}" is not one of its fields`);
      return f;
    }),
    hubOnly: schema["x-hub-only"] === true,
    topLevel: schema["x-top-level"] === true,
    rank: typeof schema["x-order"] === "number" ? schema["x-order"] : Number.MAX_SAFE_INTEGER,
    schemaId: String(schema.$id),
    schema,
  };
}

function hubSearchOf(value: unknown, where: string): ContentType["hubSearch"] {
  if (value === undefined || value === "all" || value === "newest") return value ?? "all";
  throw new Error(`${where} must be "all" or "newest"`);
}

function sortKeys(value: unknown, where: string, properties: Record<string, JsonSchema>): SortKey[] {
  if (value === undefined) return [{ field: "title", descending: false }];
  if (!Array.isArray(value)) throw new Error(`${where} must be a list`);
  return value.map((key: unknown) => {
    const spec = typeof key === "string" ? { field: key } : (key as { field?: unknown; missing?: unknown });
    if (typeof spec.field !== "string") throw new Error(`${where}: each key is a field name or {"field", "missing"}`);
    const field = spec.field.replace(/^-/, "");
    // "title" is the item's title, whichever field holds it (x-title-field).
    if (field !== "title" && !(field in properties)) throw new Error(`${where}: "${field}" is not one of its fields`);
    const missing = spec.missing;
    return {
      field,
      descending: spec.field.startsWith("-"),
      ...(typeof missing === "number" || typeof missing === "string" ? { missing } : {}),
    };
  });
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: string };

/** The value at a JSON pointer into an item's data (`/photos/0/file`). */
export function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const part of pointer.split("/").slice(1)) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** The item's picture: the first of its type's image fields that it has. */
export function imageOf(type: ContentType, data: unknown): string | undefined {
  for (const pointer of type.imageFields) {
    const value = valueAt(data, pointer);
    if (typeof value === "string" && value) return value;
  }
  return undefined;
}

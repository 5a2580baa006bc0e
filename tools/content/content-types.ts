import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * The content types, read from `content-schema/content/*.schema.json` so that adding a schema file
 * adds a type everywhere (validation, generator, CMS). `x-*` keys are our annotations.
 */
export interface ContentType {
  /** Folder name under `sites/<slug>/content/` and the first segment of its URLs. */
  name: string;
  label: string;
  labelSingular: string;
  /** Front-matter key that holds the item's title (pejabat uses `name`). */
  titleField: string;
  /** Whether items have a publication date and appear in feeds and the manifest by date. */
  feed: boolean;
  /** Only the hub may hold this type (regional broadcasts). */
  hubOnly: boolean;
  schemaId: string;
  schema: JsonSchema;
}

export interface JsonSchema {
  $id?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  [key: string]: unknown;
}

const schemaDir = join(toolsRepoRoot, "content-schema", "content");

function load(): ContentType[] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((file) => {
      const schema = JSON.parse(readFileSync(join(schemaDir, file), "utf8")) as JsonSchema;
      const name = file.replace(/\.schema\.json$/, "");
      return {
        name,
        label: String(schema["x-label"] ?? name),
        labelSingular: String(schema["x-label-singular"] ?? schema["x-label"] ?? name),
        titleField: String(schema["x-title-field"] ?? "title"),
        feed: schema["x-feed"] === true,
        hubOnly: schema["x-hub-only"] === true,
        schemaId: String(schema.$id),
        schema,
      };
    });
}

export const contentTypes: readonly ContentType[] = load();

export const contentTypeByName: ReadonlyMap<string, ContentType> = new Map(contentTypes.map((t) => [t.name, t]));

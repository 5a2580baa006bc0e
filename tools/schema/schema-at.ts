import type { JsonSchema } from "./json-schema.ts";
import { schemas } from "./schemas.ts";
import { InternalError } from "../core/internal-error.ts";

/**
 * `{"$ref": ".../defs.schema.json#/$defs/x", "title": ...}` → the definition with local keys over it.
 * Resolved once per schema object (the schemas are read once a process) and frozen, since every
 * caller shares it: validation asks for the schema of every field of every file, the CMS's
 * configuration for every field of every unit.
 */
export function resolveRef(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  let resolved = resolvedRefs.get(schema);
  if (!resolved) {
    const name = /#\/\$defs\/([\w-]+)$/.exec(ref)?.[1];
    const target = name ? schemas().defs.$defs[name] : undefined;
    if (!target) throw new InternalError(`cannot resolve ${ref}`);
    const { $ref: _ref, ...local } = schema;
    resolved = Object.freeze(resolveRef({ ...target, ...local }));
    resolvedRefs.set(schema, resolved);
  }
  return resolved;
}

const resolvedRefs = new WeakMap<JsonSchema, JsonSchema>();

/** The schema of the value at a JSON pointer of data that the schema describes, or undefined. */
export function schemaAt(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let known = schemasAt.get(schema);
  if (!known) schemasAt.set(schema, (known = new Map()));
  if (known.has(pointer)) return known.get(pointer);
  const at = schemaAtUncached(schema, pointer);
  known.set(pointer, at);
  return at;
}

/** Per schema, what schemaAt found at each pointer asked for (a type's fields: a few dozen). */
const schemasAt = new WeakMap<JsonSchema, Map<string, JsonSchema | undefined>>();

function schemaAtUncached(schema: JsonSchema, pointer: string): JsonSchema | undefined {
  let at: JsonSchema | undefined = resolveRef(schema);
  for (const segment of pointer.split("/").slice(1)) {
    const key = segment.replace(/~1/g, "/").replace(/~0/g, "~");
    const items = at.items as JsonSchema | undefined;
    at = at.properties?.[key] ?? (items && /^\d+$/.test(key) ? items : undefined);
    if (!at) return undefined;
    at = resolveRef(at);
  }
  return at;
}

/**
 * Whether a text field holds one line: the CMS gives it a one-line input, and its value lands in
 * titles, meta tags, link text, issue bodies and logs, where a line break changes what follows.
 * Longer texts (over 200 characters) get a text area and may hold paragraphs.
 */
export function isOneLineText(schema: JsonSchema): boolean {
  return !(typeof schema.maxLength === "number" && schema.maxLength > 200);
}

import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { closest } from "../core/closest.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { isWitaDateTime } from "../core/wita.ts";
import { annotationKeywords } from "../schema/content-type.ts";
import { schemas, type Schemas } from "../schema/schemas.ts";
import { InternalError } from "../core/internal-error.ts";

export { schemaIds } from "../schema/schemas.ts";

// ajv-formats ships CommonJS with `exports.default`; under NodeNext the default import is the module.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

function createAjv(set: Schemas): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
  // `keywords` adds formatMinimum/formatMaximum: the schemas bound dates to years that make sense.
  addFormats(ajv, { formats: ["date", "email", "uri"], keywords: true });
  // Local date-times compare as text, as dates do.
  ajv.addFormat("wita-datetime", {
    type: "string",
    validate: isWitaDateTime,
    compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
  });
  // Our annotations are declared, so ajv's strict mode still catches real typos in the schemas.
  ajv.addVocabulary([...annotationKeywords]);
  for (const schema of set.byId.values()) ajv.addSchema(schema);
  return ajv;
}

/** One compiled validator per loaded set of schemas: a reload compiles afresh. */
const compiled = new WeakMap<Schemas, { ajv: Ajv2020; fns: Map<string, ValidateFunction> }>();

function validatorFor(schemaId: string, set: Schemas): ValidateFunction {
  let entry = compiled.get(set);
  if (!entry) compiled.set(set, (entry = { ajv: createAjv(set), fns: new Map() }));
  let fn = entry.fns.get(schemaId);
  if (!fn) {
    fn = entry.ajv.getSchema(schemaId);
    if (!fn) throw new InternalError(`schema ${schemaId} is not registered`);
    entry.fns.set(schemaId, fn);
  }
  return fn;
}

/** Compiles every schema of a set: a schema ajv refuses (strict mode) throws here, naming it. */
export function compileSchemas(set: Schemas): void {
  for (const id of set.byId.keys()) validatorFor(id, set);
}

/**
 * Validates `data` against a schema and turns every ajv error into a Problem with an Indonesian
 * message and a fix. `lineOf` maps a JSON pointer to its line in the source, where known.
 */
export function validateAgainst(
  schemaId: string,
  data: unknown,
  file: string,
  lineOf: (pointer: string) => number | undefined = () => undefined,
  set: Schemas = schemas(),
): Problem[] {
  const validate = validatorFor(schemaId, set);
  if (validate(data)) return [];
  return collapse(validate.errors ?? []).map((e) => toProblem(e, file, lineOf));
}

/**
 * An enum/const failure inside a `oneOf`/`anyOf` is noise once the branch error is reported; so
 * is an `if` failure, which only says that its `then` failed (the `then` error names the field).
 */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (e.keyword === "if") return false;
    const key = `${e.instancePath}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function example(e: ErrorObject): string | undefined {
  const s = e.parentSchema as Record<string, unknown> | undefined;
  const value = s?.["x-example"];
  return value === undefined ? undefined : String(value);
}

function toProblem(e: ErrorObject, file: string, lineOf: (pointer: string) => number | undefined): Problem {
  const at = (pointer: string) => problemAt(pointer);
  const problemAt = (pointer: string) => ({ pointer, line: lineOf(pointer) });
  const value = typeof e.data === "object" ? JSON.stringify(e.data) : String(e.data);
  const { pointer, line } = at(e.instancePath);
  const make = <C extends Parameters<typeof problem>[0]>(
    code: C,
    args: Parameters<typeof problem<C>>[3],
    ptr = pointer,
    ln = line,
  ) => problem(code, file, ptr, args, ln);

  switch (e.keyword) {
    case "required": {
      const field = String(e.params.missingProperty);
      const props = (e.parentSchema as { properties?: Record<string, { title?: string }> }).properties;
      const where = at(`${e.instancePath}/${field}`);
      return make("required", { field, label: props?.[field]?.title ?? "" }, where.pointer, line);
    }
    case "additionalProperties": {
      const field = String(e.params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {}).filter(
        (k) => k !== "$schema",
      );
      const where = at(`${e.instancePath}/${field}`);
      return make(
        "unknown-field",
        { field, suggestion: closest(field, allowed), allowed },
        where.pointer,
        where.line ?? line,
      );
    }
    case "dependentRequired":
      return make("depends-on", { field: String(e.params.property), missing: String(e.params.missingProperty) });
    case "type":
      return make("type", { expected: String(e.params.type), example: example(e) });
    case "format":
      if (e.params.format === "date") return make("invalid-date", { value, example: example(e) ?? "2025-08-17" });
      if (e.params.format === "wita-datetime")
        return make("invalid-datetime", { value, example: example(e) ?? "2025-08-17 09:00" });
      return make("format", { format: String(e.params.format), value, example: example(e) });
    case "formatMinimum":
    case "formatMaximum": {
      const s = e.parentSchema as { formatMinimum?: string; formatMaximum?: string };
      return make("date-out-of-range", {
        value,
        min: String(s.formatMinimum ?? ""),
        max: String(s.formatMaximum ?? ""),
      });
    }
    case "pattern": {
      const s = e.parentSchema as { description?: string };
      return make("pattern", { value, example: example(e), hint: s.description });
    }
    case "enum":
      return make("enum", { value, allowed: e.params.allowedValues as unknown[] });
    case "const":
      return make("const", { allowed: e.params.allowedValue });
    case "minLength":
      return make("too-short", { limit: Number(e.params.limit) });
    case "maxLength":
      return make("too-long", { limit: Number(e.params.limit), length: String(e.data).length });
    case "minimum":
      return make("too-small", { limit: Number(e.params.limit) });
    case "maximum":
      return make("too-large", { limit: Number(e.params.limit) });
    case "minItems":
      return make("too-few-items", { limit: Number(e.params.limit) });
    case "maxItems":
      return make("too-many-items", { limit: Number(e.params.limit) });
    case "uniqueItems":
      return make("duplicate-items", {});
    default:
      return make("schema", { detail: e.message ?? e.keyword });
  }
}

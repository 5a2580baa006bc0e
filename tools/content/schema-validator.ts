import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv2020, ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import type { FormatDefinition } from "ajv";
import { closest } from "../core/closest.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { isWitaDateTime } from "../core/wita.ts";
import { annotationKeywords } from "../schema/content-type.ts";
import { schemas, type Schemas } from "../schema/schemas.ts";
import { InternalError } from "../core/internal-error.ts";
import { toolsRepoRoot } from "../core/workspace.ts";

export { schemaIds } from "../schema/schemas.ts";

// ajv is CommonJS, loaded when needed: a process whose validators are in the cache never loads
// the compiler at all, only ajv's small runtime helpers that the validators' code requires.
const require = createRequire(import.meta.url);

/** Local date-times compare as text, as dates do. */
const witaDateTime: FormatDefinition<string> = {
  type: "string",
  validate: isWitaDateTime,
  compare: (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0),
};

const ajvOptions = { allErrors: true, strict: true, verbose: true } as const;

/**
 * Every schema of a set compiled by ajv, then written as JavaScript (ajv's standalone code) to
 * `.cache/compiled/validators-<hash>.js`, named by what decides the code: ajv's and ajv-formats'
 * versions, the options, the annotations and every schema. A process finding its file loads the
 * validators from it instead of compiling: in a one-unit build, ajv's compiling and its checking
 * of each schema against the meta-schema took about 0.2 s of validation's 0.33 s (issue 27: a
 * one-post edit as CI builds it). Compiling is where ajv's strict mode refuses a broken schema,
 * naming it; a schema that fails there is never written, so it fails every time.
 */
function loadValidators(set: Schemas): Map<string, ValidateFunction> {
  const ids = [...set.byId.keys()];
  const key = createHash("sha256")
    .update(
      JSON.stringify([
        require("ajv/package.json").version,
        require("ajv-formats/package.json").version,
        ajvOptions,
        annotationKeywords,
        [...set.byId],
      ]),
    )
    .digest("hex")
    .slice(0, 16);
  const dir = join(toolsRepoRoot, ".cache", "compiled");
  const file = join(dir, `validators-${key}.js`);
  let cached: string | undefined;
  try {
    cached = readFileSync(file, "utf8");
  } catch {
    // Not compiled yet.
  }
  if (cached !== undefined) {
    const validators = evaluate(cached, ids);
    if (validators) return validators;
  }
  const code = compileValidators(set, ids);
  writeAtomically(dir, file, code);
  const validators = evaluate(code, ids);
  if (!validators) throw new InternalError("ajv's standalone code of the schemas does not load");
  return validators;
}

/**
 * The validators of ajv's standalone code, which refers to the formats as `formats` and to ajv's
 * runtime helpers through `require`; undefined if the code does not run or lacks one (a cached
 * file someone cut short is compiled again).
 */
function evaluate(code: string, ids: readonly string[]): Map<string, ValidateFunction> | undefined {
  // The code is this checkout's own output, trusted as the compiled CLI beside it is: both are
  // written by the tools into `.cache/compiled/`, and a workflow restores only caches made on its
  // own branch or the default branch (never a pull request's into main's deploy).
  const module = { exports: {} as Record<string, ValidateFunction | undefined> };
  const formats = { ...require("ajv-formats/dist/formats").fullFormats, "wita-datetime": witaDateTime };
  try {
    new Function("require", "module", "exports", "formats", code)(require, module, module.exports, formats);
  } catch {
    return undefined;
  }
  const validators = ids.map((id, i) => [id, module.exports[`v${i}`]] as const);
  if (validators.some(([, fn]) => typeof fn !== "function")) return undefined;
  return new Map(validators as (readonly [string, ValidateFunction])[]);
}

/** ajv's standalone code of every schema of the set, exported as v0, v1, ... in `ids` order. */
function compileValidators(set: Schemas, ids: readonly string[]): string {
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const { _ } = require("ajv/dist/compile/codegen/index.js") as typeof import("ajv/dist/compile/codegen/index.js");
  const standaloneCode = (require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js"))
    .default;
  // ajv-formats ships CommonJS with `exports.default`.
  const addFormats = (require("ajv-formats") as typeof import("ajv-formats")).default;
  const ajv: Ajv2020 = new Ajv2020({ ...ajvOptions, code: { source: true, formats: _`formats` } });
  // `keywords` adds formatMinimum/formatMaximum: the schemas bound dates to years that make sense.
  addFormats(ajv, { formats: ["date", "email", "uri"], keywords: true });
  ajv.addFormat("wita-datetime", witaDateTime);
  // Our annotations are declared, so ajv's strict mode still catches real typos in the schemas.
  ajv.addVocabulary([...annotationKeywords]);
  for (const schema of set.byId.values()) ajv.addSchema(schema);
  for (const id of ids) if (!ajv.getSchema(id)) throw new InternalError(`schema ${id} is not registered`);
  return standaloneCode(ajv, Object.fromEntries(ids.map((id, i) => [`v${i}`, id])));
}

/**
 * Written aside, then renamed: another process reads the whole file or none. Files of earlier
 * schemas go after a day (a checkout's other branches may still use them meanwhile). A cache that
 * cannot be written costs this process nothing but the next one's compiling.
 */
function writeAtomically(dir: string, file: string, code: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    const aside = `${file}.${process.pid}-${Date.now()}`;
    writeFileSync(aside, code);
    renameSync(aside, file);
    const dayAgo = Date.now() - 86_400_000;
    for (const name of readdirSync(dir))
      if (name.startsWith("validators-") && join(dir, name) !== file && statSync(join(dir, name)).mtimeMs < dayAgo)
        rmSync(join(dir, name), { force: true });
  } catch {
    // Read-only checkout, full disk: compiled again next time.
  }
}

/** The validators of each loaded set of schemas: a reload loads (or compiles) afresh. */
const compiled = new WeakMap<Schemas, Map<string, ValidateFunction>>();

function validatorFor(schemaId: string, set: Schemas): ValidateFunction {
  let validators = compiled.get(set);
  if (!validators) compiled.set(set, (validators = loadValidators(set)));
  const fn = validators.get(schemaId);
  if (!fn) throw new InternalError(`schema ${schemaId} is not registered`);
  return fn;
}

/** Compiles every schema of a set: a schema ajv refuses (strict mode) throws here, naming it. */
export function compileSchemas(set: Schemas): void {
  if (!compiled.has(set)) compiled.set(set, loadValidators(set));
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

import type { JsonSchema } from "../schema/json-schema.ts";
import { isOneLineText, resolveRef } from "../schema/schema-at.ts";

/**
 * JSON Schema → Decap CMS fields: what the CMS lets an editor save is what validation accepts.
 * Required, patterns, lengths, enums, bounds and defaults all come from `content-schema/`; the
 * validation messages are Indonesian, from the schema's own description and example.
 */
export interface DecapField {
  label: string;
  name: string;
  widget: string;
  required?: boolean;
  hint?: string;
  pattern?: [string, string];
  default?: unknown;
  options?: { label: string; value: string }[];
  value_type?: "int" | "float";
  min?: number;
  max?: number;
  field?: DecapField;
  fields?: DecapField[];
  summary?: string;
  collapsed?: boolean;
  format?: string;
  date_format?: string;
  time_format?: string | boolean;
  picker_utc?: boolean;
  choose_url?: boolean;
  media_folder?: string;
  public_folder?: string;
  [key: string]: unknown;
}

export interface FieldContext {
  /** Largest upload per kind, shown in hints (Decap enforces the size through `media_library`). */
  limits: { image_kb: number; document_kb: number };
  /** The choices of a field marked `x-catalogue: <name>` (the hub's topics), by name. */
  choices?: Record<string, { label: string; value: string }[]>;
}

/** Every property of an object schema as a Decap field, in the schema's order. */
export function fieldsOf(schema: JsonSchema, ctx: FieldContext): DecapField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== "$schema")
    .map(([name, property]) => fieldOf(name, resolveRef(property), required.has(name), ctx));
}

function fieldOf(name: string, s: JsonSchema, required: boolean, ctx: FieldContext): DecapField {
  const base: DecapField = { label: String(s.title ?? name), name, widget: "string", required };
  const hint = hintOf(s, ctx);
  if (hint) base.hint = hint;
  if (s.default !== undefined) base.default = s.default;

  if (Array.isArray(s.enum)) {
    const labels = (s["x-enum-labels"] ?? {}) as Record<string, string>;
    return {
      ...base,
      widget: "select",
      options: (s.enum as string[]).map((value) => ({ label: labels[value] ?? value, value })),
    };
  }
  if (s.type === "integer" || s.type === "number") {
    return {
      ...base,
      widget: "number",
      value_type: s.type === "integer" ? "int" : "float",
      ...(typeof s.minimum === "number" ? { min: s.minimum } : {}),
      ...(typeof s.maximum === "number" ? { max: s.maximum } : {}),
    };
  }
  if (s.type === "boolean") return { ...base, widget: "boolean" };
  if (s.type === "array") {
    const items = resolveRef((s.items ?? {}) as JsonSchema);
    const bounds = {
      ...(typeof s.minItems === "number" ? { min: s.minItems } : {}),
      ...(typeof s.maxItems === "number" ? { max: s.maxItems } : {}),
    };
    // Values from a list the regency keeps (the hub's topics): picked, never typed.
    const choices = typeof s["x-catalogue"] === "string" ? ctx.choices?.[s["x-catalogue"]] : undefined;
    if (choices) {
      // A required one needs no `min: 1` too: Decap would flag the empty field twice.
      const { min, ...rest } = bounds;
      const kept = required && min === 1 ? rest : bounds;
      return { ...base, widget: "select", multiple: true, options: choices, ...kept };
    }

    if (items.type === "object") {
      const fields = fieldsOf(items, ctx);
      return { ...base, widget: "list", collapsed: false, summary: `{{fields.${fields[0]!.name}}}`, fields, ...bounds };
    }
    // A list of strings: each entry validated like the schema's items.
    const { required: _r, ...item } = fieldOf(name, items, true, ctx);
    return { ...base, widget: "list", field: { ...item, label: base.label }, ...bounds };
  }
  if (s.type === "object") {
    // Decap requires the required children of an optional object even when it is left empty
    // (decap-cms#2103, #2790, open), so a unit without coordinates could not be saved. In the CMS
    // they are optional; admin.js drops the object when it is empty and asks for the rest when
    // it is partly filled (rules.json `objects`), as validation does.
    const fields = fieldsOf(s, ctx);
    if (required || !fields.some((f) => f.required)) return { ...base, widget: "object", fields };
    const needed = fields.filter((f) => f.required).map((f) => `"${f.label}"`);
    const rule = `Boleh dikosongkan; bila diisi, ${needed.join(" dan ")} wajib diisi.`;
    return {
      ...base,
      widget: "object",
      hint: base.hint ? `${base.hint} ${rule}` : rule,
      fields: fields.map((f) => ({ ...f, required: false })),
    };
  }

  // Strings.
  // Dates and times are stored as the wall-clock text the editor picks (the format has no zone),
  // so a value means WITA whatever the browser's zone. Not `picker_utc`: it labels the field
  // "UTC" and its "now" button would write UTC time, eight hours behind WITA.
  // The browser's own picker shows the date in the browser's language and order (mm/dd/yyyy in
  // an English one): admin.js writes the chosen date out in Indonesian below it, and the hint
  // points there instead of at the stored format.
  const pickHint = (hint: string | undefined, what: string) =>
    hint?.replace(/^Tanggal (dan jam WITA )?dengan format [^.]+\./, what) ?? what;
  if (s.format === "date")
    return {
      ...base,
      hint: pickHint(base.hint, "Pilih tanggalnya; di bawah kolom tertulis tanggal terpilih dalam bahasa Indonesia."),
      widget: "datetime",
      format: "YYYY-MM-DD",
      date_format: "DD-MM-YYYY",
      time_format: false,
      picker_utc: false,
    };
  if (s.format === "wita-datetime")
    return {
      ...base,
      hint: pickHint(
        base.hint,
        "Pilih tanggal dan jam WITA; di bawah kolom tertulis tanggal dan jam terpilih dalam bahasa Indonesia.",
      ),
      widget: "datetime",
      format: "YYYY-MM-DD HH:mm",
      date_format: "DD-MM-YYYY",
      time_format: "HH:mm",
      picker_utc: false,
    };
  // Uploads: the media library refuses a file over the portal's limit before uploading it. The
  // schema's pattern (accepted types, file name) is checked before saving by admin.js (rules.json):
  // Decap's own pattern check does not see the stored path of a newly uploaded file and refuses
  // every upload (measured with decap-cms 3.16.3).
  if (s["x-media"] === "image")
    return {
      ...base,
      widget: "image",
      choose_url: false,
      media_library: { config: { max_file_size: ctx.limits.image_kb * 1024 } },
    };
  if (s["x-media"] === "document")
    return {
      ...base,
      widget: "file",
      choose_url: false,
      media_library: { config: { max_file_size: ctx.limits.document_kb * 1024 } },
    };
  const pattern = patternOf(s);
  return { ...base, widget: isOneLineText(s) ? "string" : "text", ...(pattern ? { pattern } : {}) };
}

/**
 * One Decap pattern for a string: the schema's pattern and its length bounds together (Decap takes
 * one regular expression per field), with the message an editor needs to fix it.
 */
export function patternOf(s: JsonSchema): [string, string] | undefined {
  const min = typeof s.minLength === "number" ? s.minLength : undefined;
  const max = typeof s.maxLength === "number" ? s.maxLength : undefined;
  const own =
    typeof s.pattern === "string" ? s.pattern : typeof s.format === "string" ? formatPatterns[s.format] : undefined;
  if (own === undefined && min === undefined && max === undefined) return undefined;
  // Both as lookaheads from the start, so one expression checks both as ajv does: the length in
  // characters ([\s\S] also counts line breaks), the pattern unanchored unless it anchors itself.
  const length = min !== undefined || max !== undefined ? `(?=[\\s\\S]{${min ?? 0},${max ?? ""}}$)` : "";
  // Text of spaces only is refused as validation refuses it (content-rules.ts): Decap counts
  // "   " as filled in.
  const notBlank = min !== undefined && min > 0 ? "(?=[\\s\\S]*\\S)" : "";
  const regex = `^${length}${notBlank}${own ? `(?=[\\s\\S]*?(?:${own}))` : ""}`;
  const parts: string[] = [];
  if (min !== undefined && max !== undefined) parts.push(`${min}–${max} karakter`);
  else if (min !== undefined) parts.push(`paling sedikit ${min} karakter`);
  else if (max !== undefined) parts.push(`paling banyak ${max} karakter`);
  if (typeof s.description === "string" && own) parts.push(s.description.replace(/\.$/, ""));
  if (s["x-example"] !== undefined && own) parts.push(`contoh: ${String(s["x-example"])}`);
  return [regex, `${parts.join("; ")}.`.replace(/^./, (c) => c.toUpperCase())];
}

/** Formats ajv checks that Decap cannot: the same rule as a pattern. */
const formatPatterns: Record<string, string> = {
  email: "^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$",
};

function hintOf(s: JsonSchema, ctx: FieldContext): string | undefined {
  const parts: string[] = [];
  if (typeof s.description === "string") parts.push(s.description);
  if (s["x-media"] === "image") parts.push(`Paling besar ${Math.round(ctx.limits.image_kb / 1024)} MB.`);
  if (s["x-media"] === "document") parts.push(`Paling besar ${Math.round(ctx.limits.document_kb / 1024)} MB.`);
  if (s.format === "wita-datetime") parts.push("Jam dalam WITA, di mana pun Anda membuka CMS.");
  return parts.length ? parts.join(" ") : undefined;
}

import type { JsonSchema } from "../schema/json-schema.ts";
import { schemas } from "../schema/schemas.ts";
import { resolveRef } from "../schema/schema-at.ts";
import type { DecapField } from "./schema-fields.ts";

/**
 * Values a careful editor would enter, for the CMS's tests: the schema's own example where it has
 * one, otherwise text of an allowed length. Dates and times are given as stored (WITA wall-clock).
 */
const sentence =
  "Pelayanan kesehatan gratis bagi warga lanjut usia di seluruh puskesmas Kabupaten Paser setiap hari kerja.";

export function sampleText(s: JsonSchema): string {
  if (s["x-example"] !== undefined) return String(s["x-example"]);
  const min = typeof s.minLength === "number" ? s.minLength : 1;
  const max = typeof s.maxLength === "number" ? s.maxLength : sentence.length;
  return sentence
    .padEnd(min, " dan sekitarnya")
    .slice(0, Math.max(min, Math.min(max, sentence.length)))
    .trim();
}

export function sampleNumber(field: DecapField): number {
  const min = field.min ?? 0;
  const max = field.max ?? Number.MAX_SAFE_INTEGER;
  // A year where a year is asked (dokumen's "Tahun"), else the smallest allowed.
  return min <= 2025 && 2025 <= max && min > 1000 ? 2025 : min;
}

export const sampleDate = "2026-11-27";
export const sampleDateTime = "2026-11-27 09:00";
export const sampleImage = "/media/berita/foto.jpg";
export const sampleDocument = "/media/dokumen/lampiran.pdf";

/** The schema of a field of a content type, `$ref`s resolved; nested fields by their path. */
export function schemaOf(type: string, path: string[]): JsonSchema {
  let s = resolveRef(schemas().typeByName.get(type)!.schema as JsonSchema);
  for (const name of path) {
    if (s.type === "array") s = resolveRef((s.items ?? {}) as JsonSchema);
    s = resolveRef(s.properties![name]!);
  }
  return s;
}

/** A stored value for a field that validation accepts, as the CMS would write it. */
export function sampleValue(type: string, field: DecapField, path: string[] = [field.name]): unknown {
  const s = schemaOf(type, path);
  if (field.widget === "datetime") return field.time_format === false ? sampleDate : sampleDateTime;
  if (field.widget === "select") return field.multiple ? [field.options![0]!.value] : field.options![0]!.value;
  if (field.widget === "number") return sampleNumber(field);
  if (field.widget === "list" && field.fields)
    return [
      Object.fromEntries(
        field.fields.filter((f) => f.required).map((f) => [f.name, sampleValue(type, f, [...path, f.name])]),
      ),
    ];
  if (field.widget === "list") return [sampleText(resolveRef((s.items ?? {}) as JsonSchema))];
  if (field.widget === "object" && field.fields)
    return Object.fromEntries(
      field.fields.filter((f) => f.required).map((f) => [f.name, sampleValue(type, f, [...path, f.name])]),
    );
  if (field.widget === "file") return sampleDocument;
  if (field.widget === "image") return sampleImage;
  return sampleText(s);
}

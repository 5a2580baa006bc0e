import { readFileSync } from "node:fs";
import { join } from "node:path";
import { contentTypes, type JsonSchema } from "../content/content-types.ts";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * docs/content-types.md, written from content-schema/: one table per content type and for
 * site.json. The schema is the single source; `npm test` fails when this file is out of date.
 *   node --import tsx tools/docs/schema-docs.ts > docs/content-types.md
 */
const defs = JSON.parse(readFileSync(join(toolsRepoRoot, "content-schema/defs.schema.json"), "utf8")) as {
  $defs: Record<string, JsonSchema>;
};

function resolveRef(schema: JsonSchema): JsonSchema {
  const ref = typeof schema.$ref === "string" ? /#\/\$defs\/(\w+)$/.exec(schema.$ref)?.[1] : undefined;
  return ref ? { ...resolveRef(defs.$defs[ref]!), ...schema } : schema;
}

function describeType(s: JsonSchema): string {
  if (Array.isArray(s.enum)) {
    // The value stored in the file, and what the CMS shows editors for it.
    const labels = s["x-enum-labels"] as Record<string, string> | undefined;
    if (!labels) return s.enum.map((v) => `\`${String(v)}\``).join(", ");
    return s.enum.map((v) => `\`${String(v)}\`${labels[String(v)] ? `: ${labels[String(v)]}` : ""}`).join("; ");
  }
  if (s.format === "date") return "tanggal `TTTT-BB-HH`";
  if (s.format === "wita-datetime") return "tanggal dan jam WITA `TTTT-BB-HH JJ:MM`";
  if (s["x-media"] === "image") return "gambar di `/media/...` (JPG, PNG, WebP)";
  if (s["x-media"] === "document") return "dokumen di `/media/...` (PDF, DOCX, XLSX, ODT, ODS)";
  if (s.type === "array") {
    const items = resolveRef((s.items ?? {}) as JsonSchema);
    return items.type === "object" ? `daftar (${Object.keys(items.properties ?? {}).join(", ")})` : "daftar teks";
  }
  return String(s.type ?? "teks");
}

function table(schema: JsonSchema): string {
  const required = new Set(schema.required ?? []);
  const rows = Object.entries(schema.properties ?? {})
    .filter(([name]) => name !== "$schema")
    .map(([name, raw]) => {
      const s = resolveRef(raw);
      const notes = [
        s.description,
        typeof s.formatMinimum === "string" && typeof s.formatMaximum === "string"
          ? `Tahun ${s.formatMinimum.slice(0, 4)}–${s.formatMaximum.slice(0, 4)}.`
          : "",
        typeof s["x-max-days-ahead"] === "number"
          ? `Paling lambat ${s["x-max-days-ahead"]} hari setelah hari ini.`
          : "",
        typeof s["x-after"] === "string" ? `Tidak boleh lebih awal daripada \`${s["x-after"]}\`.` : "",
        s["x-example"] !== undefined ? `Contoh: \`${String(s["x-example"])}\`` : "",
      ]
        .filter(Boolean)
        .join(" ");
      return `| \`${name}\` | ${s.title ?? ""} | ${describeType(s)} | ${required.has(name) ? "wajib" : ""} | ${notes.replace(/\|/g, "\\|")} |`;
    });
  return ["| field | label (CMS) | value | | notes |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

export function schemaDocs(): string {
  const site = JSON.parse(readFileSync(join(toolsRepoRoot, "content-schema/site.schema.json"), "utf8")) as JsonSchema;
  const parts = [
    "# Content types",
    "",
    "Written by `node --import tsx tools/docs/schema-docs.ts > docs/content-types.md` from `content-schema/`; do not edit by hand.",
    "Every content file is Markdown with YAML front matter in `sites/<slug>/content/<type>/<name>.md`; the file name (lowercase, digits, hyphens) is the page's address.",
    "For every field: text of spaces only is refused, and YAML anchors and aliases (`&`, `*`) are not allowed.",
    "Images and documents, in fields and in the body, are files of the unit's own `media/` folder (`/media/...`, or a path relative to the Markdown file that leads there); images from other sites are refused.",
    "",
    "## site.json",
    "",
    table(site),
  ];
  for (const type of contentTypes) {
    parts.push(
      "",
      `## ${type.label} (\`content/${type.name}/\`)`,
      "",
      String(type.schema.description ?? type.schema.title ?? ""),
      "",
      table(type.schema),
    );
  }
  return `${parts.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(schemaDocs());

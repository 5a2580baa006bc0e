import type { JsonSchema } from "../schema/json-schema.ts";
import { schemas } from "../schema/schemas.ts";
import type { ContentType } from "../schema/content-type.ts";

/**
 * docs/content-types.md, written from content-schema/: one table per content type and for
 * site.json. The schema is the single source; `npm test` fails when this file is out of date.
 *   node --import tsx tools/docs/schema-docs.ts > docs/content-types.md
 */

function resolveRef(schema: JsonSchema): JsonSchema {
  const ref = typeof schema.$ref === "string" ? /#\/\$defs\/(\w+)$/.exec(schema.$ref)?.[1] : undefined;
  return ref ? { ...resolveRef(schemas().defs.$defs[ref]!), ...schema } : schema;
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
  const kinds = schemas().fileKinds;
  if (s["x-media"] === "image") return `gambar di \`/media/...\` (${kinds.image.names})`;
  if (s["x-media"] === "document") return `dokumen di \`/media/...\` (${kinds.document.names})`;
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

/** What the type's `x-` annotations make the tools do with it (tools/schema/content-type.ts). */
function behaviourOf(type: ContentType): string {
  const order = type.sort
    .map((k) => `\`${k.field}\`${k.descending ? " (newest or largest first)" : ""}`)
    .join(", then ");
  const facts = [
    `Titled by \`${type.titleField}\``,
    type.dateField ? `dated by \`${type.dateField}\`${type.endField ? ` until \`${type.endField}\`` : ""}` : "undated",
    type.topLevel ? "each item at the site's root, with no list page" : `listed by ${order}`,
    ...(type.imageFields.length ? [`pictured by ${type.imageFields.map((p) => `\`${p}\``).join(" or ")}`] : []),
    ...(type.feed ? ["in the feeds"] : []),
    ...(type.hubLists ? ["in the hub's lists"] : []),
    ...(type.activity ? ["a new item keeps its unit active"] : []),
    ...(type.hubOnly ? ["hub only"] : []),
  ];
  return `${facts.join("; ")}.`;
}

export function schemaDocs(): string {
  const site = schemas().site;
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
  parts.push(
    "",
    "## katalog.json (the hub's service catalogue)",
    "",
    String(schemas().catalogue.description ?? ""),
    "",
    table(schemas().catalogue),
  );
  for (const type of schemas().types) {
    parts.push(
      "",
      `## ${type.label} (\`content/${type.name}/\`)`,
      "",
      String(type.schema.description ?? type.schema.title ?? ""),
      "",
      behaviourOf(type),
      "",
      table(type.schema),
    );
  }
  return `${parts.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(schemaDocs());

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { schemas } from "../schema/schemas.ts";
import { validateAgainst } from "../content/schema-validator.ts";
import { cmsConfig, cmsRules } from "./cms-config.ts";
import { resolveRef } from "../schema/schema-at.ts";
import type { DecapField } from "./schema-fields.ts";
import { sampleValue } from "./sample-values.ts";

const portal = JSON.parse(readFileSync(join(toolsRepoRoot, "portal.json"), "utf8")) as PortalConfig;
const site = (slug: string): SiteRecord =>
  JSON.parse(readFileSync(join(toolsRepoRoot, "sites", slug, "site.json"), "utf8")) as SiteRecord;
const dinkes = cmsConfig({ portal, site: site("dinkes"), origin: "https://dinkes.paserkab.go.id" });
const hub = cmsConfig({
  portal,
  site: site(portal.hub),
  origin: "https://paserkab.go.id",
  registry: [site("dinkes"), site("dlh")],
});
const rules = cmsRules({ portal, site: site("dinkes") });
const collection = (name: string) =>
  dinkes.collections.find((c) => c.name === `dinkes_${name}`) as {
    fields: DecapField[];
    folder: string;
    media_folder: string;
  };

/** Decap tests a field's pattern with `new RegExp(pattern)` on the value (decap-cms-core validation). */
const accepts = (field: DecapField, value: string) => !field.pattern || new RegExp(field.pattern[0]).test(value);

describe("the CMS configuration generated from the schemas", () => {
  it("gives a unit one collection per content type, named <slug>_<type>, in its own folders only", () => {
    assert.deepEqual(
      dinkes.collections.map((c) => c.name).sort(),
      schemas()
        .types.filter((t) => !t.hubOnly)
        .map((t) => `dinkes_${t.name}`)
        .sort(),
    );
    for (const c of dinkes.collections) {
      assert.match(String(c.folder), /^sites\/dinkes\/content\/[a-z]+$/);
      assert.match(String(c.media_folder), /^\/sites\/dinkes\/media\/[a-z]+$/);
    }
    assert.equal(dinkes.media_folder, "sites/dinkes/media");
    assert.doesNotMatch(JSON.stringify(dinkes), /sites\/(?!dinkes\/)/, "nothing of another unit");
  });

  it("gives the hub DKISP's broadcasts and the registry of every unit", () => {
    assert.equal(hub.collections[0]!.name, `${portal.hub}_siaran`);
    const registry = hub.collections.find((c) => c.name === `${portal.hub}_registry`) as {
      files: { file: string; fields: DecapField[] }[];
    };
    assert.deepEqual(
      registry.files.map((f) => f.file),
      ["sites/dinkes/site.json", "sites/dlh/site.json"],
    );
    assert.equal(
      registry.files[0]!.fields.find((f) => f.name === "slug")!.widget,
      "hidden",
      "the subdomain is not editable",
    );
    // An optional object's required fields: optional in Decap (which would otherwise refuse to
    // save a unit without coordinates), required by admin.js once the object is filled.
    const map = registry.files[0]!.fields.find((f) => f.name === "map")!;
    assert.deepEqual(
      map.fields!.map((f) => f.required),
      [false, false],
    );
    assert.match(map.hint!, /bila diisi, "Lintang \(latitude\)" dan "Bujur \(longitude\)" wajib diisi/);
    const hubRules = cmsRules({ portal, site: site(portal.hub) });
    assert.deepEqual(
      hubRules[`${portal.hub}_registry`]!.objects.map((o) => [o.name, o.required.map((r) => r.name)]),
      [
        ["map", ["lat", "lng"]],
        ["head", ["name", "position"]],
        ["ppid", ["name", "email"]],
      ],
    );
  });

  it("checks every uploaded file's path before save, also inside lists (gallery photos, attachments)", () => {
    assert.deepEqual(
      rules.dinkes_galeri!.media.map((m) => m.path.join(".")),
      ["photos.*.file"],
    );
    assert.deepEqual(
      rules.dinkes_pengumuman!.media.map((m) => m.path.join(".")),
      ["attachments.*.file"],
    );
    assert.deepEqual(rules.dinkes_berita!.dependentRequired, { image: ["image_alt"] });
  });

  it("refuses before save what validation refuses of dates and text: spaces only, odd years, too far ahead, an end before its start", () => {
    const title = collection("berita").fields.find((f) => f.name === "title")!;
    assert.equal(accepts(title, "     "), false, "a title of spaces");
    assert.equal(accepts(title, "Posyandu Serentak"), true);
    assert.deepEqual(
      rules.dinkes_agenda!.dates.map((d) => [d.name, d.min, d.after?.name]),
      [
        ["start", "1900-01-01 00:00", undefined],
        ["end", "1900-01-01 00:00", "start"],
        // Scheduled publishing: unpublish_at may not be earlier than publish_at.
        ["publish_at", "1900-01-01 00:00", undefined],
        ["unpublish_at", "1900-01-01 00:00", "publish_at"],
      ],
    );
    assert.deepEqual(
      rules.dinkes_berita!.dates.map((d) => [d.name, d.min, d.max, d.maxDaysAhead, d.zoneHours]),
      [
        ["date", "1900-01-01", "2100-12-31", 366, 8],
        ["publish_at", "1900-01-01 00:00", "2100-12-31 23:59", 366, 8],
        ["unpublish_at", "1900-01-01 00:00", "2100-12-31 23:59", undefined, 8],
      ],
    );
    assert.equal(rules.dinkes_pengumuman!.dates.find((d) => d.name === "valid_until")!.after?.name, "date");
  });

  it("turns on the editorial workflow, the Indonesian locale and a label prefix per unit", () => {
    assert.equal(dinkes.publish_mode, "editorial_workflow");
    assert.equal(dinkes.locale, "id");
    assert.equal((dinkes.backend as { cms_label_prefix: string }).cms_label_prefix, "dinkes/");
    assert.equal(dinkes.load_config_file, false);
  });

  for (const type of schemas().types.filter((t) => !t.hubOnly)) {
    it(`asks for exactly what the schema requires, with its patterns and bounds: ${type.name}`, () => {
      const fields = collection(type.name).fields.filter((f) => f.name !== "body");
      assert.deepEqual(
        fields
          .filter((f) => f.required)
          .map((f) => f.name)
          .sort(),
        [...(type.schema.required ?? [])].sort(),
      );
      assert.deepEqual(
        fields.map((f) => f.name),
        Object.keys(type.schema.properties ?? {}),
      );
      for (const field of fields) {
        const s = resolveRef(type.schema.properties![field.name]!);
        if (s.type === "string" && typeof s.minLength === "number" && !s.enum) {
          assert.equal(
            accepts(field, "x".repeat(s.minLength - 1)),
            false,
            `${field.name} refuses ${s.minLength - 1} characters`,
          );
          if (!s.pattern)
            assert.equal(
              accepts(field, "x".repeat(s.minLength)),
              true,
              `${field.name} takes ${s.minLength} characters`,
            );
        }
        if (s.type === "string" && typeof s.maxLength === "number" && !s.pattern) {
          assert.equal(
            accepts(field, "x".repeat(s.maxLength + 1)),
            false,
            `${field.name} refuses ${s.maxLength + 1} characters`,
          );
        }
        if (typeof s.pattern === "string" && s["x-example"] !== undefined)
          assert.equal(accepts(field, String(s["x-example"])), true, `${field.name} takes its example`);
        if (s["x-media"]) {
          // Checked before save by admin.js, from rules.json, with the schema's pattern.
          const media = rules[`dinkes_${type.name}`]!.media.find((m) => m.path.join(".") === field.name)!;
          const ok = (value: string) => new RegExp(media.pattern[0]).test(value);
          const image = s["x-media"] === "image";
          assert.equal(field.widget, image ? "image" : "file");
          assert.equal(ok(image ? "/media/berita/foto.jpg" : "/media/dokumen/renstra.pdf"), true);
          assert.equal(
            ok(image ? "/media/berita/laporan.pdf" : "/media/dokumen/foto.exe"),
            false,
            "the wrong kind of file is refused",
          );
          assert.equal(ok("/media/berita/IMG 2034.JPG"), false, "a name validation would refuse is refused");
        }
        if (s.format === "date")
          assert.deepEqual([field.widget, field.format, field.time_format], ["datetime", "YYYY-MM-DD", false]);
        if (s.format === "wita-datetime")
          assert.deepEqual([field.widget, field.format, field.time_format], ["datetime", "YYYY-MM-DD HH:mm", "HH:mm"]);
        if (Array.isArray(s.enum)) {
          assert.deepEqual(
            field.options!.map((o) => o.value),
            s.enum,
          );
          // Editors choose by name, never by the stored code ("serta_merta").
          const labels = (s["x-enum-labels"] ?? {}) as Record<string, string>;
          assert.deepEqual(
            field.options!.map((o) => o.label),
            s.enum.map((v) => labels[String(v)] ?? `no x-enum-labels entry for ${String(v)}`),
          );
        }
      }
    });
  }

  it("writes what validation accepts: the schema's examples, entered in the CMS's fields, validate", () => {
    // Each field filled as an editor would, with the schema's own example or the shortest valid value.
    for (const type of schemas().types.filter((t) => !t.hubOnly)) {
      const entry: Record<string, unknown> = {};
      for (const field of collection(type.name).fields.filter((f) => f.required))
        entry[field.name] = sampleValue(type.name, field);
      assert.deepEqual(
        validateAgainst(schemas().typeByName.get(type.name)!.schemaId, entry, `${type.name}.md`).map(
          (p) => `${p.pointer}: ${p.code}`,
        ),
        [],
        type.name,
      );
    }
  });
});

import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { toolsRepoRoot, workspaceAt, type Workspace } from "../core/workspace.ts";
import { schemaDocs } from "../docs/schema-docs.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { fixtures } from "../test/temp-workspace.ts";
import { reloadSchemas } from "./schemas.ts";

/**
 * Adding a content type is one schema file and one template: nothing else in tools/ names it.
 * A copy of content-schema/ gains `kegiatan` (community activities) and a copy of the theme its
 * template; the type is then validated, built with its list page, in the feed and the manifest,
 * offered by the CMS and documented.
 */
describe("a new content type from one schema file and one template", () => {
  let dir: string;
  let ws: Workspace;
  const schema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://portal-terpadu.id/schema/content/kegiatan.schema.json",
    title: "Kegiatan",
    description: "Kegiatan bersama warga.",
    "x-label": "Kegiatan",
    "x-label-singular": "Kegiatan",
    "x-date-field": "date",
    "x-sort": ["-date"],
    "x-feed": true,
    "x-activity": true,
    "x-order": 3,
    type: "object",
    additionalProperties: false,
    required: ["title", "date", "summary", "place"],
    properties: {
      title: { $ref: "../defs.schema.json#/$defs/title", title: "Judul" },
      date: { $ref: "../defs.schema.json#/$defs/date", title: "Tanggal", "x-max-days-ahead": 366 },
      summary: { $ref: "../defs.schema.json#/$defs/summary", title: "Ringkasan" },
      place: { type: "string", minLength: 3, maxLength: 120, title: "Tempat" },
    },
  };
  const item = (extra = "") =>
    `---\ntitle: Bersih Sungai Kandilo\ndate: 2026-11-20\nsummary: Warga dan petugas membersihkan bantaran sungai bersama.\nplace: Bantaran Sungai Kandilo${extra}\n---\nSebanyak 120 warga ikut serta.\n`;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-new-type-"));
    await cp(join(toolsRepoRoot, fixtures.mini), join(dir, "root"), { recursive: true });
    await cp(join(toolsRepoRoot, "content-schema"), join(dir, "schema"), { recursive: true });
    await cp(join(toolsRepoRoot, "themes/default"), join(dir, "theme"), {
      recursive: true,
      filter: (src) => !src.endsWith(".test.ts"),
    });
    // The two files a developer adds:
    await writeFile(join(dir, "schema/content/kegiatan.schema.json"), JSON.stringify(schema, null, 2));
    await writeFile(
      join(dir, "theme/_includes/types/kegiatan.njk"),
      '<p class="kegiatan-tempat">{{ place }}, {{ date | tanggal }}</p>\n{{ content | safe }}\n',
    );
    ws = { ...workspaceAt(join(dir, "root")), schemaDir: join(dir, "schema"), themeDir: join(dir, "theme") };
    reloadSchemas(ws.schemaDir);
    await mkdir(join(ws.sitesDir, "dinkes/content/kegiatan"), { recursive: true });
    await writeFile(join(ws.sitesDir, "dinkes/content/kegiatan/bersih-sungai.md"), item());
  });
  after(async () => {
    reloadSchemas();
    await rm(dir, { recursive: true, force: true });
  });

  it("validates the new type by its schema: accepts an item, names an unknown field", async () => {
    const ok = await validateWorkspace(ws, ["dinkes"], { now: new Date("2026-12-01T00:00:00Z") });
    assert.deepEqual(ok.sites[0]!.problems, []);
    const bad = join(ws.sitesDir, "dinkes/content/kegiatan/salah.md");
    await writeFile(bad, item("\ntempat_lain: Pasar"));
    try {
      const v = await validateWorkspace(ws, ["dinkes"], { now: new Date("2026-12-01T00:00:00Z") });
      assert.deepEqual(
        v.sites[0]!.problems.map((p) => [p.file, p.code, p.pointer]),
        [["sites/dinkes/content/kegiatan/salah.md", "unknown-field", "/tempat_lain"]],
      );
    } finally {
      await rm(bad);
    }
  });

  it("builds its pages, its list page, and puts it in the feed, the manifest and the CMS", async () => {
    const report = await buildSites(ws, undefined, { now: new Date("2026-12-01T00:00:00Z") });
    assert.deepEqual(report.fatal, []);
    assert.deepEqual(
      report.results.filter((r) => !r.ok).map((r) => [r.slug, r.problems]),
      [],
    );
    const site = join(ws.distDir, "dinkes");
    const page = await readFile(join(site, "kegiatan/bersih-sungai/index.html"), "utf8");
    assert.match(page, /<h1>Bersih Sungai Kandilo<\/h1>/);
    assert.match(page, /class="kegiatan-tempat">Bantaran Sungai Kandilo, 20 November 2026/);
    assert.match(page, /Sebanyak 120 warga ikut serta/);
    assert.match(await readFile(join(site, "kegiatan/index.html"), "utf8"), /href="\/kegiatan\/bersih-sungai\/"/);
    assert.match(await readFile(join(site, "index.html"), "utf8"), /href="\/kegiatan\/"/, "in the site's menu");
    const feed = JSON.parse(await readFile(join(site, "feed.json"), "utf8")) as { items: { url: string }[] };
    assert.ok(
      feed.items.some((i) => i.url.endsWith("/kegiatan/bersih-sungai/")),
      "x-feed: in the feed",
    );
    const manifest = JSON.parse(await readFile(join(site, "manifest.json"), "utf8")) as {
      items: { type: string; date?: string }[];
    };
    assert.deepEqual(
      manifest.items.filter((i) => i.type === "kegiatan").map((i) => i.date),
      ["2026-11-19T16:00:00.000Z"],
      "x-date-field: dated in WITA",
    );
    const cms = JSON.parse(await readFile(join(site, "admin/config.json"), "utf8")) as {
      collections: { name: string; folder?: string; fields: { name: string }[] }[];
    };
    const collection = cms.collections.find((c) => c.name === "dinkes_kegiatan");
    assert.ok(collection, "a CMS collection for the type");
    assert.equal(collection.folder, "sites/dinkes/content/kegiatan");
    assert.deepEqual(
      collection.fields.map((f) => f.name).filter((n) => n !== "body"),
      ["title", "date", "summary", "place"],
    );
    // x-order: 3 puts it after berita (2) and before pengumuman (3, then by name).
    const order = cms.collections.map((c) => c.name.replace(/^dinkes_/, ""));
    assert.ok(order.indexOf("berita") < order.indexOf("kegiatan"), order.join(" "));
    assert.ok(order.indexOf("kegiatan") < order.indexOf("pengumuman"), order.join(" "));
  });

  it("documents it", () =>
    assert.match(schemaDocs(), /## Kegiatan \(`content\/kegiatan\/`\)\n\nKegiatan bersama warga\./));
});

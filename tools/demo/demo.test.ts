import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildSites, type BuildReport } from "../pipeline/build-sites.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import type { Manifest } from "../published/manifest-format.ts";
import { checkLinks } from "../links/check-links.ts";

/** The built-in demo as `npm start` and `npm run build` use it: the whole regency builds. */
describe("the built-in demo", () => {
  let dist: string;
  let report: BuildReport;
  const manifest = async (slug: string) =>
    JSON.parse(await readFile(join(dist, slug, "manifest.json"), "utf8")) as Manifest;

  before(async () => {
    dist = await mkdtemp(join(tmpdir(), "portal-demo-"));
    report = await buildSites(workspaceAt(toolsRepoRoot, { distDir: dist }), undefined, {
      now: new Date("2026-11-27T10:00:00+08:00"),
    });
  });
  after(() => rm(dist, { recursive: true, force: true }));

  it("builds all 43 units of Kabupaten Paser and the hub", () => {
    assert.deepEqual(report.fatal, []);
    assert.deepEqual(
      report.results.filter((r) => !r.ok),
      [],
    );
    assert.equal(report.results.length, 44);
    for (const r of report.results) assert.ok(existsSync(join(dist, r.slug, "index.html")), r.slug);
  });

  it("has no broken link within or between its 44 sites, and a search index on each", () => {
    const links = checkLinks(dist);
    assert.equal(links.sites, 44);
    assert.deepEqual(
      links.broken.map((b) => `${b.page}: ${b.href} (${b.reason})`),
      [],
    );
    assert.ok(links.targets > 2000, `${links.targets} addresses checked`);
    for (const r of report.results) assert.ok(existsSync(join(dist, r.slug, "pagefind/pagefind-entry.json")), r.slug);
  });

  it("gives every unit the required profile pages", async () => {
    for (const r of report.results) {
      for (const page of ["profil", "visi-misi", "tugas-fungsi", "struktur-organisasi", "sejarah", "kontak"]) {
        assert.ok(existsSync(join(dist, r.slug, page, "index.html")), `${r.slug}/${page}`);
      }
    }
  });

  for (const slug of ["dkisp", "dinkes", "disdukcapil", "kectanahgrogot", "rsudpanglimasebaya"]) {
    it(`publishes realistic content for ${slug}: 10+ news with photos, announcements, agenda, officials, services, PDFs`, async () => {
      const items = (await manifest(slug)).items;
      const count = (type: string) => items.filter((i) => i.type === type).length;
      const news = items.filter((i) => i.type === "berita");
      assert.ok(news.length >= 10, `${news.length} news`);
      assert.ok(
        news.every((n) => n.image?.endsWith(".jpeg")),
        "every news item has a photo",
      );
      for (const type of ["pengumuman", "agenda", "pejabat", "layanan", "dokumen", "galeri"])
        assert.ok(count(type) >= 1, type);
      for (const doc of items.filter((i) => i.type === "dokumen")) {
        const file = String(doc.extra?.file).replace(/^https:\/\/[^/]+/, "");
        const pdf = await readFile(join(dist, slug, file));
        assert.equal(pdf.subarray(0, 5).toString(), "%PDF-", file);
      }
    });
  }
});

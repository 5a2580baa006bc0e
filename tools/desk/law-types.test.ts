import assert from "node:assert/strict";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { formatProblem } from "../problems/problem.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { cmsConfig } from "../cms/cms-config.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";

/**
 * The service pledge (maklumat, PermenPANRB 15/2014) and the satisfaction survey (SKM with its
 * IKM and nine elements, PermenPANRB 14/2017): content types from their schemas alone, validated,
 * built, offered by the CMS.
 */
describe("maklumat and skm, the content the law requires", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  const dir = (type: string) => join(ws.sitesDir, "dinkes/content", type);
  const maklumat = (extra = "") =>
    `---\ntitle: Maklumat Pelayanan Dinas Kesehatan\ndate: 2026-01-05\ntext: Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan.\nsigned_by:\n  name: dr. Aisyah Rahman, M.Kes.\n  position: Kepala Dinas Kesehatan\nscan: /media/dokumen/jadwal.pdf${extra}\n---\n`;
  const skm = (
    elements = "u1: 3.2\n  u2: 3.1\n  u3: 2.9\n  u4: 3.8\n  u5: 3.3\n  u6: 3.4\n  u7: 3.5\n  u8: 3.0\n  u9: 3.1",
  ) =>
    `---\ntitle: Hasil SKM Semester I 2026\ndate: 2026-07-10\nperiod: Januari–Juni 2026\nrespondents: 1250\nikm: 81.39\nelements:\n  ${elements}\nfollow_up:\n  - Menambah loket pendaftaran pada hari Senin.\n---\nSurvei dilakukan di seluruh puskesmas.\n`;

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    await mkdir(dir("maklumat"), { recursive: true });
    await mkdir(dir("skm"), { recursive: true });
    await writeFile(join(dir("maklumat"), "maklumat-2026.md"), maklumat());
    await writeFile(join(dir("skm"), "skm-2026-1.md"), skm());
  });
  after(() => ws.dispose());

  it("validates both, and builds their pages with the signatory, the scan, the IKM, its grade and the nine elements", async () => {
    const { sites } = await validateWorkspace(ws);
    assert.deepEqual(
      sites.flatMap((s) => s.problems.map(formatProblem)),
      [],
    );
    const built = await buildSites(ws, ["dinkes"], { base: { protocol: "https:", apex: "paserkab.go.id" } });
    assert.deepEqual(
      built.results.filter((r) => !r.ok),
      [],
    );
    const page = await readFile(join(ws.distDir, "dinkes/maklumat/maklumat-2026/index.html"), "utf8");
    assert.match(page, /sanggup menyelenggarakan pelayanan/);
    assert.match(page, /Kepala Dinas Kesehatan<br><strong>dr\. Aisyah Rahman, M\.Kes\.<\/strong>/);
    assert.match(page, /href="\/media\/dokumen\/jadwal\.pdf"/);
    const survey = await readFile(join(ws.distDir, "dinkes/skm/skm-2026-1/index.html"), "utf8");
    assert.match(survey, /<strong>81,39<\/strong>, mutu B \(baik\)/);
    assert.match(survey, /1\.250/);
    assert.equal((survey.match(/<th scope="row">/g) ?? []).length, 9);
    assert.match(survey, /Penanganan pengaduan, saran dan masukan<\/th><td>3<\/td>/);
    // Listed on their own pages, and offered by the CMS.
    await readFile(join(ws.distDir, "dinkes/skm/index.html"), "utf8");
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    const site = JSON.parse(await readFile(join(ws.sitesDir, "dinkes/site.json"), "utf8")) as SiteRecord;
    const names = cmsConfig({ portal, site, origin: "https://dinkes.paserkab.go.id" }).collections.map((c) => c.name);
    assert.ok(names.includes("dinkes_maklumat") && names.includes("dinkes_skm"), names.join(", "));
  });

  it("refuses a maklumat without its signed scan and a survey missing an element or scored outside 1–4, by file and field", async () => {
    await writeFile(join(dir("maklumat"), "maklumat-2026.md"), maklumat().replace(/scan: .*\n/, ""));
    await writeFile(
      join(dir("skm"), "skm-2026-1.md"),
      skm("u1: 3.2\n  u2: 5\n  u3: 2.9\n  u4: 3.8\n  u5: 3.3\n  u6: 3.4\n  u7: 3.5\n  u8: 3.0"),
    );
    const { sites } = await validateWorkspace(ws);
    const problems = sites.flatMap((s) => s.problems.map(formatProblem)).join("\n");
    assert.match(problems, /sites\/dinkes\/content\/maklumat\/maklumat-2026\.md.*scan/);
    assert.match(problems, /sites\/dinkes\/content\/skm\/skm-2026-1\.md.*\/elements\/u2/);
    assert.match(problems, /sites\/dinkes\/content\/skm\/skm-2026-1\.md.*u9/);
  });
});

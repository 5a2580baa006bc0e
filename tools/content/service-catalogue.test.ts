import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { cmsConfig } from "../cms/cms-config.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { readServiceCatalogue } from "./service-catalogue.ts";
import { validateWorkspace } from "./validate-workspace.ts";

/**
 * The service catalogue (issue 24) on the mini fixture, built for real: the hub's katalog.json
 * names the topics, a unit's services name theirs, and the hub gathers them at /layanan/.
 */
describe("the service catalogue", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  const service = join("sites", "dinkes", "content", "layanan");
  const write = (path: string, text: string) => writeFile(join(ws.root, path), text);
  const katalog = {
    topics: [
      { slug: "kesehatan", title: "Kesehatan", kind: "topik" },
      { slug: "kerja", title: "Pekerjaan", kind: "topik" },
      { slug: "darurat", title: "Darurat", kind: "topik" },
    ],
    synonyms: [["surat sehat", "keterangan sehat", "surat dokter"]],
    filler_words: ["buat"],
    top_services: ["dinkes/surat-keterangan-sehat"],
    numbers: [{ name: "Panggilan darurat", phone: "112", emergency: true }],
  };
  const problems = async () => {
    const result = await validateWorkspace(ws);
    return [...result.portalProblems, ...result.sites.flatMap((s) => s.problems)];
  };

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    await write("sites/portal/katalog.json", `${JSON.stringify(katalog, null, 2)}\n`);
    // A unit with no services at all.
    await mkdir(join(ws.root, "sites/dlh"), { recursive: true });
    const dinkes = JSON.parse(await readFile(join(ws.root, "sites/dinkes/site.json"), "utf8")) as SiteRecord;
    await write(
      "sites/dlh/site.json",
      JSON.stringify({
        ...dinkes,
        slug: "dlh",
        name: "Dinas Lingkungan Hidup",
        short_name: "DLH",
        email: "dlh@paserkab.go.id",
      }),
    );
  });
  after(() => ws.dispose());

  it("builds /layanan/ and a page per topic; a service in two topics is on both; a unit without services builds", async () => {
    assert.deepEqual((await problems()).map(formatProblem), []);
    const report = await buildSites(ws, undefined, { now: new Date("2026-11-27T10:00:00+08:00") });
    assert.deepEqual(
      report.results.filter((r) => !r.ok).map((r) => `${r.slug}: ${r.problems.map(formatProblem).join("; ")}`),
      [],
    );
    const page = (path: string) => readFile(join(ws.distDir, "portal", path, "index.html"), "utf8");
    for (const topic of ["kesehatan", "kerja"]) {
      const html = await page(`layanan/${topic}`);
      assert.match(
        html,
        /href="https:\/\/dinkes\.paserkab\.go\.id\/layanan\/surat-keterangan-sehat\/">Surat Keterangan Sehat</,
      );
      assert.match(html, /1 hari kerja/, "the time at a glance");
    }
    // A topic no service names has no page (nothing would link to it), and the index skips it.
    assert.equal(existsSync(join(ws.distDir, "portal/layanan/darurat/index.html")), false);
    const index = await page("layanan");
    assert.doesNotMatch(index, /layanan\/darurat\//);
    assert.match(index, /href="\/layanan\/kesehatan\/"/);
    // The home: the top service as a large button, the emergency number as a link to call.
    const home = await readFile(join(ws.distDir, "portal/index.html"), "utf8");
    assert.match(home, /class="tile" href="https:\/\/dinkes\.paserkab\.go\.id\/layanan\/surat-keterangan-sehat\/"/);
    assert.match(home, /href="tel:112"/);
    // The service page carries its aliases and the regency's synonyms for the search index.
    const own = await readFile(join(ws.distDir, "dinkes/layanan/surat-keterangan-sehat/index.html"), "utf8");
    assert.match(
      own,
      /data-pagefind-weight="10" data-pagefind-meta="aliases">surat sehat, keterangan dokter, keterangan sehat, surat dokter</,
    );
    assert.match(own, /"@type":"GovernmentService"/);
    // The unit without services: built, and no list of nothing.
    assert.ok(existsSync(join(ws.distDir, "dlh/index.html")));
    assert.equal(existsSync(join(ws.distDir, "dlh/layanan/index.html")), false);
    assert.match(await readFile(join(ws.distDir, "portal/sitemap.xml"), "utf8"), /\/layanan\/kerja\//);
  });

  it("refuses a topic the catalogue does not have, naming the file, the line and the nearest topic", async () => {
    const file = `${service}/uji-bebas-narkoba.md`;
    await write(
      file,
      "---\ntitle: Surat Keterangan Bebas Narkoba\ntopics:\n  - kesehatan\n  - kesehatann\nrequirements: [KTP]\nprocedure: [Daftar, Tes urine]\ntime: 1 hari kerja\ncost: Gratis\nproduct: Surat keterangan\ncomplaints: Kotak pengaduan di loket\n---\n",
    );
    try {
      const found = (await problems()).map(formatProblem);
      assert.equal(found.length, 1, found.join("\n"));
      assert.match(
        found[0]!,
        /^sites\/dinkes\/content\/layanan\/uji-bebas-narkoba\.md:5: \/topics\/1: topik "kesehatann"/,
      );
      assert.match(found[0]!, /mungkin maksudnya "kesehatan"/);
    } finally {
      await rm(join(ws.root, file));
    }
  });

  it("refuses a katalog.json with a duplicate topic or a top service that does not exist, on the hub, with lines", async () => {
    const broken = {
      ...katalog,
      topics: [...katalog.topics, { slug: "kerja", title: "Kerja lagi", kind: "topik" }],
      top_services: ["dinkes/tidak-ada"],
    };
    await write("sites/portal/katalog.json", `${JSON.stringify(broken, null, 2)}\n`);
    try {
      const found = (await problems()).map(formatProblem);
      assert.equal(found.length, 2, found.join("\n"));
      assert.match(found.join("\n"), /^sites\/portal\/katalog\.json:\d+: \/topics\/3\/slug: topik "kerja" sudah ada/m);
      assert.match(
        found.join("\n"),
        /^sites\/portal\/katalog\.json:\d+: \/top_services\/0: layanan utama "dinkes\/tidak-ada" tidak ditemukan/m,
      );
      // The units are not blamed for DKISP's broken file: their topics are not judged by it.
      assert.ok(found.every((f) => f.startsWith("sites/portal/")));
    } finally {
      await write("sites/portal/katalog.json", `${JSON.stringify(katalog, null, 2)}\n`);
    }
  });

  it("refuses a service folder on the hub, whose /layanan/ is the catalogue", async () => {
    await mkdir(join(ws.root, "sites/portal/content/layanan"), { recursive: true });
    await write(
      "sites/portal/content/layanan/x.md",
      "---\ntitle: Layanan Portal\ntopics: [kerja]\nrequirements: [KTP]\nprocedure: [Daftar]\ntime: 1 hari\ncost: Gratis\nproduct: Surat\ncomplaints: Kotak pengaduan\n---\n",
    );
    try {
      const found = (await problems()).map(formatProblem);
      assert.deepEqual(
        found.map((f) => f.split(":")[0]),
        ["sites/portal/content/layanan"],
      );
      assert.match(found[0]!, /katalog layanan semua perangkat daerah/);
    } finally {
      await rm(join(ws.root, "sites/portal/content/layanan"), { recursive: true });
    }
  });

  it("gives editors the catalogue's topics to pick from in the CMS, never to type", async () => {
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    const { catalogue } = await readServiceCatalogue(ws, portal);
    const site = JSON.parse(await readFile(join(ws.root, "sites/dinkes/site.json"), "utf8")) as SiteRecord;
    const config = cmsConfig({ portal, site, origin: "https://dinkes.paserkab.go.id", topics: catalogue.topics });
    const layanan = config.collections.find((c) => c.name === "dinkes_layanan") as {
      fields: Record<string, unknown>[];
    };
    const topics = layanan.fields.find((f) => f.name === "topics");
    assert.deepEqual(topics, {
      label: "Topik",
      name: "topics",
      widget: "select",
      required: true,
      hint: topics?.hint,
      multiple: true,
      options: [
        { label: "Kesehatan", value: "kesehatan" },
        { label: "Pekerjaan", value: "kerja" },
        { label: "Darurat", value: "darurat" },
      ],
      max: 4,
    });
  });
});

import assert from "node:assert/strict";
import { formatProblem } from "../problems/problem.ts";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { aliasBomb, hostileNow, hostileWorkspace, newsItem, type HostileWorkspace } from "../test/hostile-workspace.ts";
import { buildSites, type BuildReport } from "./build-sites.ts";

/**
 * What a build does with hostile input: it never lies (exit 0 with nothing built), leaks (an
 * excluded document), reaches outside the unit (the build machine's network or files, another
 * unit's media), runs a unit's file as code, or lets one unit stop another. One test per case of
 * the hostile-input issue, named after its table's row.
 */
describe("hostile input: what a build does with it", () => {
  let ws: HostileWorkspace;
  beforeEach(async () => {
    ws = await hostileWorkspace();
  });
  afterEach(() => ws.dispose());

  const build = (only?: string[], target = ws) => buildSites(target, only, { now: hostileNow });
  const outcome = (report: BuildReport) => Object.fromEntries(report.results.map((r) => [r.slug, r.ok]));
  const problemsOf = (report: BuildReport, slug: string) =>
    report.results
      .find((r) => r.slug === slug)
      ?.problems.map(formatProblem)
      .join("\n") ?? "";

  it("silence: the issue's reproduction fails dlh alone, builds dinkes, exits 1 with its summary and leaves no staging folder", async () => {
    await ws.write(
      "sites/dlh/content/berita/uji-gambar.md",
      '---\ntitle: "Uji gambar relatif"\ndate: 2026-11-30\nsummary: "Uji gambar yang alamatnya relatif"\n---\n\nTeks.\n\n![foto kegiatan](foto.jpg)\n',
    );
    const run = ws.cli(["build", "dlh", "dinkes"]);
    assert.equal(run.status, 1, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /✔ dinkes: \d+ halaman/);
    assert.match(run.stdout, /1 situs dibangun ke /);
    assert.match(
      run.stderr,
      /✘ dlh: gagal\n {2}sites\/dlh\/content\/berita\/uji-gambar\.md:9: "foto\.jpg" menunjuk ke luar folder media unit ini/,
    );
    assert.match(run.stderr, /1 situs gagal: dlh/);
    assert.ok(existsSync(join(ws.distDir, "dinkes/index.html")));
    assert.deepEqual(existsSync(join(ws.distDir, ".staging")) ? await readdir(join(ws.distDir, ".staging")) : [], []);
  });

  it("leak: a dikecualikan document's file is never in dist/, the manifest, the search index, a feed or the hub", async () => {
    await ws.write(
      "sites/dinkes/content/dokumen/rahasia.md",
      "---\ntitle: Hasil Pemeriksaan Internal Pengadaan\nyear: 2026\nkind: laporan\nfile: /media/dokumen/hasil-pemeriksaan-rahasia.pdf\nclassification: dikecualikan\ndate: 2026-11-01\nsummary: Hasil pemeriksaan internal atas pengadaan alat kesehatan.\n---\nDikecualikan berdasarkan uji konsekuensi PPID.\n",
    );
    await ws.write(
      "sites/dinkes/media/dokumen/hasil-pemeriksaan-rahasia.pdf",
      await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")),
    );
    const report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: true, portal: true });
    const files = await listTree(ws.distDir);
    assert.ok(
      files.some((f) => f.endsWith("dinkes/media/dokumen/jadwal.pdf")),
      "other documents are published",
    );
    assert.deepEqual(
      files.filter((f) => f.includes("hasil-pemeriksaan-rahasia")),
      [],
    );
    // Every text file, and Pagefind's compressed index, never names the file.
    for (const f of files) {
      const bytes = await readFile(f);
      const text =
        f.endsWith(".pf_fragment") || f.endsWith(".pf_index") || f.endsWith(".pf_meta") || f.endsWith(".pf_filter")
          ? gunzipSync(bytes).toString("latin1")
          : bytes.toString("latin1");
      assert.doesNotMatch(text, /hasil-pemeriksaan-rahasia/, f);
    }
    // It is still listed by title, as the law requires.
    assert.match(
      await readFile(join(ws.distDir, "dinkes/informasi-publik/index.html"), "utf8"),
      /Hasil Pemeriksaan Internal Pengadaan/,
    );
    const manifest = JSON.parse(await readFile(join(ws.distDir, "dinkes/manifest.json"), "utf8")) as {
      items: { title: string; extra?: Record<string, unknown> }[];
    };
    const listed = manifest.items.find((i) => i.title === "Hasil Pemeriksaan Internal Pengadaan");
    assert.deepEqual(listed?.extra, { year: 2026, kind: "laporan", classification: "dikecualikan" });
  });

  it("reach: an image at a loopback address is refused before anything fetches it (no SSRF)", async () => {
    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(200, { "Content-Type": "image/png" }).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    try {
      await ws.write("sites/dlh/content/berita/ssrf.md", newsItem(`![peta](http://127.0.0.1:${port}/a.jpg)`));
      const report = await build();
      assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: false, portal: true });
      assert.match(
        problemsOf(report, "dlh"),
        new RegExp(`ssrf\\.md:7: gambar "http://127\\.0\\.0\\.1:${port}/a\\.jpg" diambil dari situs lain`),
      );
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });

  it("reach: a host file, another unit's image and /<unit>/media/ never get encoded into a unit's site", async () => {
    await ws.write(
      "sites/dlh/content/berita/jangkau.md",
      newsItem(
        [
          "![a](../../../../../../../../etc/hostname)",
          "![b](../../../dinkes/media/berita/posyandu.jpg)",
          "![c](/dinkes/media/berita/posyandu.jpg)",
        ].join("\n\n"),
      ),
    );
    const report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: false, portal: true });
    assert.equal(
      problemsOf(report, "dlh").match(/menunjuk ke luar folder media unit ini/g)?.length,
      3,
      problemsOf(report, "dlh"),
    );
    assert.ok(!existsSync(join(ws.distDir, "dlh")));
  });

  it("reach: media/dokumen/passwd.pdf as a symlink to /etc/passwd fails its unit and nothing in dist/ is a link", async () => {
    await symlink("/etc/passwd", join(ws.sitesDir, "dinkes/media/dokumen/passwd.pdf"));
    const report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: false, dlh: true, portal: true });
    assert.match(problemsOf(report, "dinkes"), /passwd\.pdf: "passwd\.pdf" adalah tautan simbolik/);
    for (const f of await listTree(ws.distDir, true)) assert.ok(!(await lstat(f)).isSymbolicLink(), `${f} is a link`);
  });

  it("code: nothing under sites/ runs during a build (sites/_data, *.11tydata.js beside sites and content)", async () => {
    const marker = join(ws.root, "ran.txt");
    const payload = `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, import.meta.url + "\\n", { flag: "a" });\nexport default {};\n`;
    for (const f of [
      "sites/_data/x.js",
      "sites/sites.11tydata.js",
      "sites/dlh/dlh.11tydata.js",
      "sites/dinkes/content/content.11tydata.js",
      "sites/bapenda/content/berita/berita.11tydata.js",
      "sites/bapenda/content/berita/kabar.11tydata.js",
    ])
      await ws.write(f, payload);
    const report = await build();
    assert.equal(existsSync(marker), false, existsSync(marker) ? await readFile(marker, "utf8") : "");
    assert.equal(outcome(report).portal, true);
    assert.equal(outcome(report)._data, false, "sites/_data is refused as a site");
  });

  it("crash all: a YAML alias bomb in a unit and in the hub's siaran/ fails those two, quickly; the other units build", async () => {
    await ws.write("sites/dlh/content/berita/bom.md", aliasBomb);
    await ws.write("sites/portal/content/siaran/bom.md", aliasBomb);
    const started = performance.now();
    const report = await build();
    assert.ok(performance.now() - started < 60_000, "the build ends");
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: false, portal: false });
    assert.match(problemsOf(report, "dlh"), /bom\.md:3: jangkar dan rujukan YAML/);
    assert.match(problemsOf(report, "portal"), /siaran\/bom\.md:3: jangkar dan rujukan YAML/);
  });

  it("crash all: a dangling symlink in media, media as a file, site.json as a folder and a folder siaran/x.md/ fail their own unit only", async () => {
    await symlink("/tidak/ada.jpg", join(ws.sitesDir, "dinkes/media/berita/hilang.jpg"));
    await mkdir(join(ws.sitesDir, "portal/content/siaran/x.md"), { recursive: true });
    let report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: false, dlh: true, portal: false });
    await rm(join(ws.sitesDir, "dinkes/media/berita/hilang.jpg"));
    await rm(join(ws.sitesDir, "portal/content/siaran"), { recursive: true });
    await ws.write("sites/bapenda/media", "bukan folder");
    await rm(join(ws.sitesDir, "dlh/site.json"));
    await mkdir(join(ws.sitesDir, "dlh/site.json"));
    report = await build();
    assert.deepEqual(outcome(report), { bapenda: false, dinkes: true, dlh: false, portal: true });
    assert.doesNotMatch(
      report.results
        .flatMap((r) => r.problems)
        .map(formatProblem)
        .join("\n"),
      /Internal error|ENOENT|ENOTDIR|EISDIR/,
    );
  });

  it("crash: body text and a link naming /img/foto-lama-360.jpg build (only eleventy-img's own tags count as used images)", async () => {
    await ws.write(
      "sites/dinkes/content/berita/lama.md",
      newsItem("Foto lama ada di /img/foto-lama-360.jpg dan [di sini](/img/foto-lama-360.jpg)."),
    );
    const report = await build(["dinkes"]);
    assert.deepEqual(outcome(report), { dinkes: true });
  });

  it("blame: build -- <newcomer> fails the newcomer that copied dinkes's name; dinkes builds", async () => {
    ws.git("init", "-q");
    ws.git("add", "-A");
    ws.git("commit", "-qm", "units");
    await ws.write(
      "sites/dlhk/site.json",
      JSON.stringify({
        slug: "dlhk",
        name: "Dinas Kesehatan",
        short_name: "DLHK",
        type: "dinas",
        address: "Jl. Modang No. 2, Tanah Grogot",
        phone: "(0543) 21002",
        email: "dlhk@paserkab.go.id",
        status: "active",
      }),
    );
    assert.deepEqual(outcome(await build(["dlhk"])), { dlhk: false });
    assert.deepEqual(outcome(await build(["dinkes"])), { dinkes: true });
  });

  it("blast: with a cold cache, a unit with a broken image fails alone; a theme error on one unit's pages fails that unit alone, also in the one-by-one retry", async () => {
    const photo = await readFile(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg"));
    await ws.write("sites/dlh/media/berita/terpotong.jpg", photo.subarray(0, Math.floor(photo.length / 2)));
    await ws.write(
      "sites/dlh/content/berita/foto.md",
      newsItem("Isi.", "image: /media/berita/terpotong.jpg\nimage_alt: Foto kegiatan yang terpotong\n"),
    );
    let report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: false, portal: true });
    assert.match(problemsOf(report, "dlh"), /terpotong\.jpg: berkas gambar rusak/);
    await rm(join(ws.sitesDir, "dlh/media"), { recursive: true });
    await rm(join(ws.sitesDir, "dlh/content/berita/foto.md"));

    // A developer's slip in the theme that only one unit's pages reach: the run fails, the retry
    // builds each unit alone, and the failed run's leftovers must not break the others' retries.
    const theme = await mkdtemp(join(tmpdir(), "portal-theme-"));
    try {
      await cp(ws.themeDir, theme, { recursive: true });
      const base = join(theme, "_includes/layouts/base.njk");
      await writeFile(
        base,
        (await readFile(base, "utf8")).replace(
          "<body>",
          '<body>{% if site.slug == "dlh" %}{{ "/media/tidak-ada.jpg" | shareImage }}{% endif %}',
        ),
      );
      report = await build(undefined, { ...ws, themeDir: theme });
      assert.deepEqual(
        outcome(report),
        { bapenda: true, dinkes: true, dlh: false, portal: true },
        JSON.stringify(report.results.map((r) => [r.slug, r.problems.map(formatProblem)])),
      );
      assert.match(problemsOf(report, "dlh"), /not an image of dlh's media/);
      assert.deepEqual(existsSync(join(ws.distDir, ".staging")) ? await readdir(join(ws.distDir, ".staging")) : [], []);
    } finally {
      await rm(theme, { recursive: true, force: true });
    }
  });

  it("quality: a document dated 1900-01-01 shows that date, not the day before", async () => {
    await ws.write(
      "sites/dlh/content/dokumen/arsip.md",
      "---\ntitle: Arsip Peraturan Lama\nyear: 1950\nkind: lainnya\nfile: /media/dokumen/arsip.pdf\nclassification: berkala\ndate: 1900-01-01\n---\n",
    );
    await ws.write(
      "sites/dlh/media/dokumen/arsip.pdf",
      await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")),
    );
    assert.deepEqual(outcome(await build(["dlh"])), { dlh: true });
    assert.match(
      await readFile(join(ws.distDir, "dlh/dokumen/arsip/index.html"), "utf8"),
      /<time datetime="1900-01-01">1 Januari 1900<\/time>/,
    );
  });

  it("debris: a killed build's staging folder and a half-swapped site are cleared by the next build", async () => {
    assert.deepEqual(outcome(await build(["dinkes"])), { dinkes: true });
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "build", "--root", ws.root],
      { stdio: "ignore" },
    );
    const staging = join(ws.distDir, ".staging");
    const deadline = Date.now() + 60_000;
    while (!(existsSync(staging) && (await readdir(staging)).length > 0) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    assert.ok((await readdir(staging)).length > 0, "the killed build left its staging folder");
    // A site caught between the two renames of its swap, by a process that is gone.
    await cp(join(ws.distDir, "dinkes"), join(ws.distDir, `dinkes.old-${child.pid}`), { recursive: true });
    assert.deepEqual(outcome(await build(["bapenda"])), { bapenda: true });
    assert.deepEqual(await readdir(staging), []);
    assert.deepEqual(
      (await readdir(ws.distDir)).filter((n) => n.includes(".old-")),
      [],
    );
  });

  it("row 4 of issue 23: a file only withheld items use is published with the first of them, not before or after its window", async () => {
    const pdf = await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf"));
    const dokumen = (name: string, window: string) =>
      `---\ntitle: Dokumen ${name}\nyear: 2026\nkind: laporan\nfile: /media/dokumen/${name}.pdf\nclassification: serta_merta\ndate: 2026-11-01\n${window}---\nIsi.\n`;
    for (const name of ["nanti", "lewat", "lampiran", "bersama"])
      await ws.write(`sites/dinkes/media/dokumen/${name}.pdf`, pdf);
    await ws.write("sites/dinkes/content/dokumen/nanti.md", dokumen("nanti", "publish_at: 2026-12-20 09:00\n"));
    await ws.write("sites/dinkes/content/dokumen/lewat.md", dokumen("lewat", "unpublish_at: 2026-11-01 08:00\n"));
    await ws.write(
      "sites/dinkes/content/berita/embargo.md",
      newsItem(
        "[Lampiran](/media/dokumen/lampiran.pdf) dan [bersama](/media/dokumen/bersama.pdf)",
        "publish_at: 2026-12-20 09:00\n",
      ),
    );
    // A file a published item uses too is published now.
    await ws.write("sites/dinkes/content/berita/terbit.md", newsItem("[Bersama](/media/dokumen/bersama.pdf)"));
    const published = async (now: Date) => {
      assert.deepEqual(outcome(await buildSites(ws, ["dinkes"], { now })), { dinkes: true });
      return (await readdir(join(ws.distDir, "dinkes/media/dokumen"))).sort();
    };
    assert.deepEqual(await published(hostileNow), ["bersama.pdf", "jadwal.pdf"]);
    // Nothing else of theirs names them either: no page, the manifest, the search index.
    for (const f of await listTree(join(ws.distDir, "dinkes")))
      if (/\.(html|json|xml)$/.test(f))
        assert.doesNotMatch(await readFile(f, "latin1"), /nanti\.pdf|lampiran\.pdf|lewat\.pdf/, f);
    assert.deepEqual(await published(new Date("2026-12-20T09:00:00+08:00")), [
      "bersama.pdf",
      "jadwal.pdf",
      "lampiran.pdf",
      "nanti.pdf",
    ]);
  });

  it("row 17 of issue 23: a unit over portal.json's file limit is refused before its files are read; the others build", async () => {
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8"));
    await writeFile(ws.portalFile, JSON.stringify({ ...portal, limits: { ...portal.limits, files_per_site: 100 } }));
    for (let i = 0; i < 101; i++) await ws.write(`sites/dlh/media/berita/catatan-${i}.pdf`, "bukan pdf");
    const report = await build();
    assert.deepEqual(outcome(report), { bapenda: true, dinkes: true, dlh: false, portal: true });
    const problems = problemsOf(report, "dlh");
    // Refused as a whole: not 101 "not a PDF" problems, one that names the count and the limit.
    assert.match(problems, /^sites\/dlh: folder unit berisi 103 berkas, batasnya 100; isinya tidak diperiksa/);
    assert.doesNotMatch(problems, /catatan-/);
    // Still in the hub's directory while its folder is fixed.
    assert.match(await readFile(join(ws.distDir, "portal/direktori/index.html"), "utf8"), /Dinas Lingkungan Hidup/);
  });
});

/** Every file under a folder (and, with `all`, every folder and link too), as absolute paths. */
async function listTree(dir: string, all = false): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(all ? [path] : []), ...(await listTree(path, all)));
    else if (entry.isFile() || all) found.push(path);
  }
  return found;
}

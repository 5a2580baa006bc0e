import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { readRegistry, readRetired } from "../content/registry.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { archived } from "../generator/archive-transform.ts";
import { accentCssHash } from "../generator/inline-style.ts";
import { checkLinks } from "../links/check-links.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { axeViolations } from "../test/axe.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { get, type RunningNginx, startNginx } from "../test/nginx.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { createSite } from "./new-site.ts";

/**
 * `retire-site --archive`: the unit leaves the network, but its pages stay readable inside the
 * hub's site at /arsip/<slug>/, each under an "arsip" banner, and every old address leads there.
 */
describe("retire-site --archive", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let portal: PortalConfig;
  let port: number;
  let nginx: RunningNginx | undefined;
  let browser: Browser | undefined;
  const now = new Date("2026-12-01T10:00:00+08:00");
  const base = () => ({ protocol: "http:", apex: `localhost:${port}` }) as const;
  const disdik = () => join(ws.sitesDir, "disdik");
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "retire-site", "--root", ws.root, ...args],
      { encoding: "utf8" },
    );
  const archivePage = (path: string) => readFile(join(ws.distDir, "portal/arsip/disdik", path), "utf8");

  before(async () => {
    port = await freePort();
    ws = await tempWorkspace(fixtures.mini);
    portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    for (const [slug, name] of [
      ["disdik", "Dinas Pendidikan"],
      ["dishub", "Dinas Perhubungan"],
    ] as const)
      assert.ok((await createSite(ws, portal, { slug, name, type: "dinas" })).ok);
    // A unit with its own colour, a news item with a photo, a document, links within the unit,
    // to another unit, and to the theme's assets.
    const record = JSON.parse(await readFile(join(disdik(), "site.json"), "utf8")) as SiteRecord;
    await writeFile(join(disdik(), "site.json"), JSON.stringify({ ...record, accent_color: "#6b3a00" }, null, 2));
    for (const dir of ["media/berita", "media/dokumen", "content/berita", "content/dokumen"])
      await mkdir(join(disdik(), dir), { recursive: true });
    await cp(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg"), join(disdik(), "media/berita/sekolah.jpg"));
    await cp(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf"), join(disdik(), "media/dokumen/renstra.pdf"));
    await writeFile(
      join(disdik(), "content/berita/sekolah-baru.md"),
      [
        "---",
        "title: Sekolah Baru Dibuka",
        "date: 2025-07-01",
        "image: /media/berita/sekolah.jpg",
        "image_alt: Gedung sekolah baru",
        "summary: Sekolah baru dibuka di Tanah Grogot.",
        "---",
        "Baca [profil kami](/profil/), [renstra](/media/dokumen/renstra.pdf) dan [Dinkes](site:dinkes).",
        "",
        "![Ruang kelas](/media/berita/sekolah.jpg)",
        "",
      ].join("\n"),
    );
    // Another unit links to its news: the link must keep working once it is archived.
    await writeFile(
      join(ws.sitesDir, "dinkes/content/halaman/mitra.md"),
      "---\ntitle: Mitra\n---\nLihat [sekolah baru](site:disdik/berita/sekolah-baru) dan [Disdik](site:disdik).\n",
    );
    await writeFile(
      join(disdik(), "content/dokumen/renstra.md"),
      "---\ntitle: Renstra Dinas Pendidikan\nyear: 2021\nkind: renstra\nfile: /media/dokumen/renstra.pdf\nclassification: berkala\ndate: 2021-06-01\n---\n",
    );
  });
  after(async () => {
    await browser?.close();
    await nginx?.stop();
    await ws.dispose();
  });

  it("keeps only a unit whose content validates, and says what to fix", async () => {
    const broken = join(ws.sitesDir, "dishub/content/halaman/kontak.md");
    await writeFile(broken, "---\ntitle: K\n---\nLihat [x](/media/tidak-ada.pdf).\n");
    const run = cli("dishub", "--archive");
    assert.equal(run.status, 1);
    assert.match(run.stderr, /--archive: the unit's content must validate to be archived/);
    assert.match(run.stderr, /sites\/dishub\/content\/halaman\/kontak\.md/);
    const record = JSON.parse(await readFile(join(ws.sitesDir, "dishub/site.json"), "utf8")) as SiteRecord;
    assert.equal(record.status, "active", "nothing was changed");
    // The schema ties the flag to a retired unit, with the field named.
    const { sites } = await validateWorkspace(ws, ["dinkes"], { now });
    assert.deepEqual(
      sites.flatMap((s) => s.problems),
      [],
    );
    await writeFile(join(ws.sitesDir, "dishub/site.json"), JSON.stringify({ ...record, archived: true }));
    const flagged = (await validateWorkspace(ws, ["dishub"], { now })).sites[0]!.problems.map(formatProblem).join("\n");
    assert.match(flagged, /sites\/dishub\/site\.json.*\/status/);
    assert.match(flagged, /retired_on/);
    await writeFile(join(ws.sitesDir, "dishub/site.json"), JSON.stringify(record, null, 2));
    await writeFile(broken, "---\ntitle: Kontak\n---\nKontak.\n");
  });

  it("marks the unit retired and archived, and keeps its content and media", async () => {
    const run = cli("disdik", "--archive", "--successor", "dinkes");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /"archived": true/);
    assert.match(
      run.stdout,
      /Its content and media stay: the hub builds its pages as an archive at https:\/\/paserkab\.go\.id\/arsip\/disdik\//,
    );
    assert.match(
      run.stdout,
      /Every address of disdik\.paserkab\.go\.id will redirect \(301\) to its page in the archive/,
    );
    // dinkes's links into it stay valid: nothing to edit.
    assert.doesNotMatch(run.stdout, /link to it/);
    const record = JSON.parse(await readFile(join(disdik(), "site.json"), "utf8")) as SiteRecord;
    assert.deepEqual([record.status, record.archived, record.successor], ["retired", true, "dinkes"]);
    assert.ok(existsSync(join(disdik(), "content/berita/sekolah-baru.md")));
    assert.ok(existsSync(join(disdik(), "media/berita/sekolah.jpg")));
    // Out of the registry (network, CMS, editors' roles), still valid.
    assert.equal(
      (await readRegistry(ws)).some((s) => s.slug === "disdik"),
      false,
    );
    const { sites, portalProblems } = await validateWorkspace(ws, undefined, { now });
    assert.deepEqual([...portalProblems, ...sites.flatMap((s) => s.problems)].map(formatProblem), []);
    // An archive has no search of its own, so a link to it is refused, with the reason.
    const search = join(ws.sitesDir, "dinkes/content/halaman/cari-disdik.md");
    await writeFile(search, "---\ntitle: Cari\n---\n[Cari](site:disdik/cari).\n");
    const refused = (await validateWorkspace(ws, ["dinkes"], { now })).sites[0]!.problems.map(formatProblem);
    assert.match(refused.join("\n"), /cari-disdik\.md[\s\S]*arsip situs "disdik" tidak punya pencarian/);
    await rm(search);
  });

  it("builds its pages inside the hub's site, under a banner, with every address moved there", async () => {
    const built = await buildSites(ws, undefined, { base: base(), now });
    assert.deepEqual(
      built.results.map((r) => `${r.slug}:${r.ok}`),
      ["dinkes:true", "disdik:true", "dishub:true", "portal:true"],
      JSON.stringify(built.results.flatMap((r) => r.problems)),
    );
    assert.ok(built.results.find((r) => r.slug === "disdik")!.pages > 10);
    // No site of its own: nothing that deploy would refuse or a server could serve.
    assert.equal(existsSync(join(ws.distDir, "disdik")), false);
    const home = await archivePage("index.html");
    assert.match(home, /<h1>Dinas Pendidikan<\/h1>/);
    assert.match(home, /<meta name="robots" content="noindex">/);
    assert.match(
      home,
      /<strong>Arsip:<\/strong> ini arsip situs Dinas Pendidikan, yang tidak aktif lagi sejak \d{1,2} [A-Z][a-z]+ \d{4}\. Isinya disimpan untuk dibaca/,
    );
    assert.match(
      home,
      new RegExp(
        `Tugas dan layanannya kini dijalankan oleh <a href="http://dinkes\\.localhost:${port}/">Dinas Kesehatan</a>`,
      ),
    );
    // No search, feed or contact that no longer answers; "arsip" wherever the page is shown.
    assert.doesNotMatch(home, /class="site-search"|feed\.xml|kontak-unit|\(0543\)|tel:|Situs resmi/);
    assert.match(home, /<title>[^<]*\(Arsip\)<\/title>/);
    assert.match(home, /<meta name="description" content="Arsip situs Dinas Pendidikan/);
    // Its Kontak page says the old contacts no longer answer, and shows none of them.
    const contact = await archivePage("kontak/index.html");
    assert.match(contact, /Alamat, telepon dan surel unit ini tidak berlaku lagi/);
    assert.doesNotMatch(contact, /tel:|\(0543\)|disdik@/);
    const news = await archivePage("berita/sekolah-baru/index.html");
    assert.match(
      news,
      new RegExp(`<link rel="canonical" href="http://localhost:${port}/arsip/disdik/berita/sekolah-baru/">`),
    );
    assert.match(news, /<a href="\/arsip\/disdik\/profil\/">profil kami<\/a>/);
    assert.match(news, /<a href="\/arsip\/disdik\/media\/dokumen\/renstra\.pdf">renstra<\/a>/);
    assert.match(news, new RegExp(`<a href="http://dinkes\\.localhost:${port}/">Dinkes</a>`));
    assert.match(news, /src="\/arsip\/disdik\/img\/[^"]+\.jpeg"/);
    assert.match(news, /srcset="\/arsip\/disdik\/img\/[^" ]+\.avif 360w/);
    assert.match(news, /href="\/assets\/style\.css\?v=/);
    // Root-relative addresses left unmoved would be the hub's pages: none is left.
    assert.deepEqual(news.match(/(?:href|src|srcset|action)="\/(?!arsip\/disdik\/|assets\/)[^"]*"/g), null);
    assert.deepEqual(checkLinks(ws.distDir).broken, []);
    // Out of the hub's search, its directory and its network menu; listed with the retired units.
    assert.doesNotMatch(await readFile(join(ws.distDir, "portal/pagefind/pagefind-entry.json"), "utf8"), /disdik/);
    const hub = await readFile(join(ws.distDir, "portal/index.html"), "utf8");
    assert.doesNotMatch(hub, /disdik\.localhost/);
    const directory = await readFile(join(ws.distDir, "portal/direktori/index.html"), "utf8");
    assert.doesNotMatch(directory, /disdik\.localhost/);
    assert.match(directory, /<li><a href="\/arsip\/disdik\/">Dinas Pendidikan<\/a><\/li>/);
    // Links from other units lead into the archive (the network menu itself no longer names it).
    assert.doesNotMatch(await readFile(join(ws.distDir, "dinkes/index.html"), "utf8"), /disdik\.localhost/);
    const mitra = await readFile(join(ws.distDir, "dinkes/mitra/index.html"), "utf8");
    assert.match(mitra, new RegExp(`href="http://localhost:${port}/arsip/disdik/berita/sekolah-baru/">sekolah baru`));
    assert.match(mitra, new RegExp(`href="http://localhost:${port}/arsip/disdik/">Disdik`));
  });

  it("is rebuilt with the hub, so a build of the hub alone never drops it", async () => {
    const again = await buildSites(ws, [portal.hub], { base: base(), now });
    assert.deepEqual(
      again.results.map((r) => `${r.slug}:${r.ok}`),
      ["disdik:true", "portal:true"],
    );
    assert.match(await archivePage("berita/sekolah-baru/index.html"), /Sekolah Baru Dibuka/);
    const alone = await buildSites(ws, ["disdik"], { base: base(), now });
    assert.deepEqual(
      alone.results.map((r) => `${r.slug}:${r.ok}`),
      ["disdik:true", "portal:true"],
    );
  });

  it("answers every old address with a 301 to its place in the archive, served by a real nginx and read in Chromium", async () => {
    const serveRoot = join(ws.root, "srv");
    for (const s of await readRegistry(ws))
      await cp(join(ws.distDir, s.slug), join(serveRoot, s.slug, "current"), { recursive: true });
    const [sites, retired] = [await readRegistry(ws), await readRetired(ws)];
    nginx = await startNginx(
      (p) =>
        nginxConfig({ portal, sites, retired, root: serveRoot, base: base(), listen: `127.0.0.1:${p}`, brotli: false }),
      port,
    );
    const moved = await get(port, `disdik.localhost`, "/berita/sekolah-baru/?utm=x");
    assert.equal(moved.status, 301);
    assert.equal(moved.headers.location, `http://localhost:${port}/arsip/disdik/berita/sekolah-baru/?utm=x`);
    assert.equal((await get(port, "disdik.localhost", "/")).headers.location, `http://localhost:${port}/arsip/disdik/`);
    const page = await get(port, "localhost", "/arsip/disdik/media/dokumen/renstra.pdf");
    assert.equal(page.status, 200);
    // The hub's pages may carry the archive's accent stylesheet, by its hash.
    const csp = String((await get(port, "localhost", "/arsip/disdik/")).headers["content-security-policy"]);
    assert.ok(csp.includes(accentCssHash({ accent_color: "#6b3a00" })), csp);

    browser = await launchChromium();
    const tab = await browser.newPage();
    const refused: string[] = [];
    tab.on("console", (m) => (m.text().includes("Content Security Policy") ? refused.push(m.text()) : undefined));
    await tab.goto(`http://disdik.localhost:${port}/berita/sekolah-baru/`);
    assert.equal(tab.url(), `http://localhost:${port}/arsip/disdik/berita/sekolah-baru/`);
    assert.match(await tab.locator(".archive-banner").innerText(), /^Arsip: ini arsip situs Dinas Pendidikan/);
    assert.equal(
      await tab.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--accent")),
      "#6b3a00",
    );
    const cover = tab.locator("figure.cover img");
    await cover.scrollIntoViewIfNeeded();
    assert.ok((await cover.evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))) > 0);
    await tab.getByRole("link", { name: "Berita" }).first().click();
    assert.equal(tab.url(), `http://localhost:${port}/arsip/disdik/berita/`);
    assert.deepEqual(refused, []);
    // axe is injected as an inline script, which the portal's CSP rightly refuses.
    const audit = await (await browser.newContext({ bypassCSP: true })).newPage();
    for (const path of ["", "berita/sekolah-baru/"]) {
      await audit.goto(`http://localhost:${port}/arsip/disdik/${path}`);
      assert.deepEqual(await axeViolations(audit), [], path);
    }
  });

  it("redirects the same way in npm start's server", async () => {
    const devPort = await freePort();
    const server = await startDevServer({
      distDir: ws.distDir,
      domain: portal.domain,
      hub: portal.hub,
      slugs: () => new Set(["portal", "dinkes", "disdik", "dishub"]),
      retired: () => new Map([["disdik", { archived: true }]]),
      port: devPort,
      // Only which requests reach the editors' API is asserted here (the gateway has its own tests).
      cmsApi: (_req, res) => res.writeHead(200).end("api"),
    });
    try {
      const moved = await get(devPort, `disdik.localhost:${devPort}`, "/berita/sekolah-baru/");
      assert.equal(moved.status, 301);
      assert.equal(moved.headers.location, `http://localhost:${devPort}/arsip/disdik/berita/sekolah-baru/`);
      // Nor does its old CMS's API answer, while a live unit's does.
      assert.equal((await get(devPort, `disdik.localhost:${devPort}`, "/admin/api/v1")).status, 301);
      assert.equal((await get(devPort, `dinkes.localhost:${devPort}`, "/admin/api/v1")).body, "api");
    } finally {
      await server.close();
    }
  });

  it("fails alone once its content no longer validates, and the hub's page about the unit takes its place", async () => {
    await writeFile(join(disdik(), "content/berita/rusak.md"), "---\ntitle: Rusak\n---\nTanpa tanggal.\n");
    const built = await buildSites(ws, undefined, { base: base(), now });
    assert.deepEqual(
      built.results.map((r) => `${r.slug}:${r.ok}`),
      ["dinkes:true", "disdik:false", "dishub:true", "portal:true"],
    );
    assert.match(
      built.results
        .find((r) => r.slug === "disdik")!
        .problems.map(formatProblem)
        .join("\n"),
      /sites\/disdik\/content\/berita\/rusak\.md/,
    );
    const page = await archivePage("index.html");
    assert.match(page, /Situs Dinas Pendidikan tidak aktif lagi sejak/);
    assert.doesNotMatch(page, /archive-banner/);
    assert.equal(existsSync(join(ws.distDir, "portal/arsip/disdik/berita")), false);
    // Only the other units' links into its pages are broken until it is mended (check-links says
    // which); a link to its address still leads to the page about it.
    assert.deepEqual(
      checkLinks(ws.distDir).broken.map((b) => `${b.page} → ${b.href}`),
      [`dinkes/mitra/index.html → http://localhost:${port}/arsip/disdik/berita/sekolah-baru/`],
    );
  });

  it("moves root-relative addresses only", () => {
    const prefix = "/arsip/disdik";
    assert.equal(archived("/berita/", prefix), "/arsip/disdik/berita/");
    for (const kept of [
      "//cdn.example/x.js",
      "/assets/style.css?v=1",
      "https://dinkes.paserkab.go.id/",
      "#isi",
      "mailto:a@b.id",
      "profil/",
    ])
      assert.equal(archived(kept, prefix), kept);
  });
});

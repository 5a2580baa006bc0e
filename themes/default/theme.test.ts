import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { existsSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { buildSites } from "../../tools/pipeline/build-sites.ts";
import { toolsRepoRoot, workspaceAt } from "../../tools/core/workspace.ts";
import { startDevServer } from "../../tools/serve/dev-server.ts";
import { axeViolations } from "../../tools/test/axe.ts";
import { freePort, launchChromium } from "../../tools/test/browser.ts";

/**
 * The theme as a citizen meets it: two demo sites (dinkes, rich; the hub) built and served on
 * their own host names, read by Chromium. Every page type must pass axe, every rule.
 */
describe("the default theme in Chromium", () => {
  let browser: Browser;
  let page: Page;
  let stop: () => Promise<void>;
  let dist: string;
  let port: number;
  const dinkes = (path = "/") => `http://dinkes.localhost:${port}${path}`;

  before(async () => {
    port = await freePort();
    dist = await mkdtemp(join(tmpdir(), "portal-theme-"));
    const ws = workspaceAt(toolsRepoRoot, { distDir: dist });
    const report = await buildSites(ws, ["dinkes", "portal"], {
      base: { protocol: "http:", apex: `localhost:${port}` },
      now: new Date("2026-11-27T10:00:00+08:00"),
    });
    assert.deepEqual(
      report.results.map((r) => r.ok),
      [true, true],
      JSON.stringify(report),
    );
    const server = await startDevServer({
      distDir: dist,
      domain: "paserkab.go.id",
      hub: "portal",
      slugs: () => new Set(["dinkes", "portal"]),
      port,
    });
    stop = server.close;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 740 }, timezoneId: "UTC" });
  });
  after(async () => {
    await browser?.close();
    await stop?.();
    await rm(dist, { recursive: true, force: true });
  });

  it("shows the unit's home page with its identity, news and Indonesian dates", async () => {
    const response = await page.goto(dinkes("/"));
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator("h1").innerText(), "Dinas Kesehatan Kabupaten Paser");
    assert.match(
      await page.locator("main").innerText(),
      /\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) 20\d\d/,
    );
    assert.equal(await page.locator(".network-hub").getAttribute("href"), `http://localhost:${port}/`);
    assert.match(await page.locator("footer").innerText(), /dinkes@paserkab\.go\.id/);
  });

  it("uses the unit's logo as its browser-tab icon, served by the unit itself", async () => {
    await page.goto(dinkes("/"));
    const href = await page.locator('link[rel="icon"]').getAttribute("href");
    assert.match(String(href), /^\/img\/[\w-]+-96\.png$/);
    // Through Chromium: Node's resolver does not know *.localhost.
    const response = await page.goto(dinkes(String(href)));
    assert.equal(response?.status(), 200);
    assert.equal(response?.headers()["content-type"], "image/png");
  });

  it("paginates the news list ten at a time", async () => {
    await page.goto(dinkes("/berita/"));
    assert.equal(await page.locator("main .card").count(), 10);
    await page.locator('.pager a[rel="next"]').click();
    assert.equal(new URL(page.url()).pathname, "/berita/halaman-2/");
    assert.equal(await page.locator("main .card").count(), 1);
    assert.equal(await page.locator('.pager a[aria-current="page"]').innerText(), "2");
  });

  it("shows an article with its date in Indonesian and a responsive AVIF cover", async () => {
    await page.goto(dinkes("/berita/posyandu-serentak-digelar-di-10-kecamatan/"));
    assert.equal(await page.locator("h1").innerText(), "Posyandu Serentak Digelar di 10 Kecamatan");
    assert.match(await page.locator(".meta").first().innerText(), /Minggu, 22 November 2026/);
    const cover = page.locator(".cover img");
    await cover.evaluate((img: HTMLImageElement) => img.decode());
    const chosen = await cover.evaluate((img: HTMLImageElement) => ({
      src: img.currentSrc,
      w: img.getAttribute("width"),
      h: img.getAttribute("height"),
      natural: img.naturalWidth,
    }));
    assert.match(chosen.src, /\/img\/.+-(360|720)\.avif$/, "a phone gets a small AVIF");
    assert.deepEqual([chosen.w, chosen.h], ["1200", "800"]);
    assert.ok(chosen.natural <= 720, `natural width ${chosen.natural}`);
    assert.equal(await page.locator(".prose img").first().getAttribute("loading"), "lazy");
  });

  it("keeps an article page without images under 50 KB compressed", async () => {
    // A fresh context has an empty cache, like a citizen's first visit.
    const context = await browser.newContext();
    const fresh = await context.newPage();
    const bodies: Buffer[] = [];
    fresh.on("response", async (r) => {
      if (["document", "stylesheet", "script"].includes(r.request().resourceType())) bodies.push(await r.body());
    });
    await fresh.goto(dinkes("/layanan/surat-keterangan-sehat/"), { waitUntil: "networkidle" });
    await context.close();
    const compressed = bodies.reduce((sum, b) => sum + gzipSync(b).length, 0);
    assert.ok(bodies.length >= 2, "HTML and CSS");
    assert.ok(compressed < 50 * 1024, `${compressed} bytes`);
  });

  it("fits a 360 px phone screen without sideways scrolling", async () => {
    for (const path of ["/", "/berita/", "/informasi-publik/", "/layanan/surat-keterangan-sehat/"]) {
      await page.goto(dinkes(path));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} overflows by ${overflow}px`);
    }
  });

  it("is readable without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(dinkes("/berita/posyandu-serentak-digelar-di-10-kecamatan/"));
    assert.ok(await noJs.locator("h1").isVisible());
    assert.ok(await noJs.locator("nav.menu a").first().isVisible());
    await context.close();
  });

  it("links the hub, its catalogue and its directory on every page, naming no unit, and the directory lists them all without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(dinkes("/"));
    const network = noJs.locator("nav.network");
    // What every page carries of the network does not grow with the number of units (issue 24).
    assert.deepEqual(
      await network.locator("a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href)),
      [`http://localhost:${port}/`, `http://localhost:${port}/layanan/`, `http://localhost:${port}/direktori/#dinas`],
    );
    await network.getByRole("link", { name: "Direktori" }).click();
    await noJs.waitForURL(`http://localhost:${port}/direktori/#dinas`);
    assert.deepEqual(await noJs.locator("main h2").allInnerTexts(), [
      "Sekretariat",
      "Inspektorat",
      "Badan",
      "Dinas",
      "Kecamatan",
      "Rumah Sakit Umum Daerah",
    ]);
    assert.equal(await noJs.locator(".unit-card").count(), 43);
    assert.equal(
      await noJs.getByRole("link", { name: "Kecamatan Tanah Grogot" }).getAttribute("href"),
      `http://kectanahgrogot.localhost:${port}/`,
    );
    await context.close();
  });

  it("folds the menu behind one line on a phone, and opens it without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    const phone = await context.newPage();
    await phone.goto(dinkes("/"));
    assert.equal(await phone.locator("nav.menu").isVisible(), false);
    await phone.locator(".menu-disclosure > summary").click();
    assert.ok(await phone.locator("nav.menu").getByRole("link", { name: "Layanan", exact: true }).isVisible());
    // On a wide screen the menu is simply there.
    await phone.setViewportSize({ width: 1024, height: 740 });
    await phone.reload();
    assert.ok(await phone.locator("nav.menu").isVisible());
    assert.equal(await phone.locator(".menu-disclosure > summary").isVisible(), false);
    await context.close();
  });

  it("answers an unknown path with the unit's 404 page", async () => {
    const response = await page.goto(dinkes("/tidak-ada/"));
    assert.equal(response?.status(), 404);
    assert.equal(await page.locator("h1").innerText(), "Halaman tidak ditemukan");
  });

  it("answers an unknown subdomain with 404, never another unit's site", async () => {
    const response = await page.goto(`http://tidakada.localhost:${port}/`);
    assert.equal(response?.status(), 404);
    assert.doesNotMatch(await page.content(), /Dinas Kesehatan/);
  });

  const pageTypes: Record<string, string> = {
    home: "/",
    "news list": "/berita/",
    article: "/berita/posyandu-serentak-digelar-di-10-kecamatan/",
    announcement: "/pengumuman/jadwal-imunisasi-tambahan-campak-rubela/",
    agenda: "/agenda/",
    event: "/agenda/rapat-koordinasi-percepatan-penurunan-stunting/",
    document: "/dokumen/",
    "public information list": "/informasi-publik/",
    service: "/layanan/surat-keterangan-sehat/",
    official: "/pejabat/",
    "official profile": "/pejabat/amalia-rahmawati-m-kes/",
    gallery: "/galeri/pelayanan-kesehatan-bergerak-di-pedalaman/",
    "profile page": "/visi-misi/",
    "not found": "/tidak-ada/",
  };
  for (const [name, path] of Object.entries(pageTypes)) {
    it(`has no axe violation (every rule) on the ${name} page`, async () => {
      const response = await page.goto(dinkes(path));
      assert.ok(response && [200, 404].includes(response.status()), `${path}: ${response?.status()}`);
      const violations = await axeViolations(page);
      assert.deepEqual(
        violations.map((v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        [],
      );
    });
  }

  it("filters the hub's combined Daftar Informasi Publik, which lists every row without JavaScript", async () => {
    await page.goto(`http://localhost:${port}/informasi-publik/`);
    const rows = page.locator("#dip-table tbody tr");
    const total = await rows.count();
    assert.ok(total >= 6, `${total} documents`);
    assert.match(await rows.first().innerText(), /Dinkes/);
    await page.selectOption('select[name="year"]', "2025");
    const visible = await page.locator("#dip-table tbody tr:not([hidden])").count();
    assert.ok(visible > 0 && visible < total, `${visible} of ${total}`);
    assert.equal(await page.locator('output[name="count"]').innerText(), String(visible));
    assert.deepEqual(
      (await axeViolations(page)).map((v) => v.id),
      [],
    );

    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`http://localhost:${port}/informasi-publik/`);
    assert.equal(await noJs.locator("#dip-filters").isVisible(), false);
    assert.equal(await noJs.locator("#dip-table tbody tr:visible").count(), total);
    await context.close();
  });

  it("lists every unit's newest items on the hub, with filters by type and by unit that work without JavaScript", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noJs = await context.newPage();
    await noJs.goto(`http://localhost:${port}/`);
    await noJs.locator("nav.menu").getByRole("link", { name: "Kabar perangkat daerah" }).click();
    assert.equal(new URL(noJs.url()).pathname, "/kabar/semua/");
    await noJs.locator(".filter-links").getByRole("link", { name: "Berita", exact: true }).click();
    assert.equal(new URL(noJs.url()).pathname, "/kabar/berita/");
    // A unit's news are its own site's list, where its older ones are too.
    await noJs.locator(".filter-links summary").click();
    await noJs.locator(".filter-links details").getByRole("link", { name: "Dinkes", exact: true }).click();
    assert.equal(noJs.url(), `http://dinkes.localhost:${port}/berita/`);
    const links = await noJs
      .locator("main .card-title a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(links.length > 0, "the unit's news list lists news");
    assert.ok(
      links.every((href) => href.startsWith(`http://dinkes.localhost:${port}/berita/`)),
      links.join("\n"),
    );
    await context.close();
    await page.goto(`http://localhost:${port}/kabar/berita/`);
    assert.deepEqual(
      (await axeViolations(page)).map((v) => v.id),
      [],
    );
  });

  it("passes axe on the hub's home page too", async () => {
    await page.goto(`http://localhost:${port}/`);
    assert.deepEqual(
      (await axeViolations(page)).map((v) => v.id),
      [],
    );
  });

  it("shows each unit's logo in the hub's directory, loaded from the unit's own site", async () => {
    await page.goto(`http://localhost:${port}/direktori/`);
    const logo = page.locator(".unit-title", { hasText: "Dinas Kesehatan" }).locator("img");
    await logo.scrollIntoViewIfNeeded();
    assert.match(
      String(await logo.getAttribute("src")),
      new RegExp(`^http://dinkes\\.localhost:${port}/img/[\\w-]+-96\\.png$`),
    );
    await page.waitForFunction(
      (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 96,
      await logo.elementHandle(),
    );
    // The hub links the unit's file; it does not publish a copy of it.
    assert.ok(!existsSync(join(dist, "portal/img", basename(String(await logo.getAttribute("src"))))));
  });

  for (const [name, url] of [
    ["the hub's search", () => `http://localhost:${port}/cari/?q=imunisasi`],
    ["a unit's search", () => dinkes("/cari/?q=imunisasi")],
  ] as const) {
    it(`passes axe on ${name}, with results shown`, async () => {
      await page.goto(url());
      await page.locator("#search-results li").first().waitFor({ timeout: 15_000 });
      assert.deepEqual(
        (await axeViolations(page)).map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        [],
      );
    });
  }
});

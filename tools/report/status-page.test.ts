import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import type { PortalConfig } from "../core/records.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { axeViolations } from "../test/axe.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { readBuiltFigures } from "./built-figures.ts";
import { activityHistoryWorkspace, type FixtureWorkspace, fixtureNow } from "./fixtures/activity-history.ts";
import { regencyReport } from "./unit-report.ts";

/**
 * The hub's dashboard (`/status/`) and the dormant unit's "terakhir diperbarui", built from the
 * fixture regency with a known history and read in Chromium, with JavaScript and without.
 */
describe("the status dashboard on the hub", () => {
  let ws: FixtureWorkspace;
  let browser: Browser;
  let page: Page;
  let stop: () => Promise<void>;
  let port: number;
  const hub = (path = "/") => `http://localhost:${port}${path}`;
  const rowOf = (slug: string) => page.locator("#status-table tbody tr", { has: page.locator(`th >> text=${slug}`) });

  before(async () => {
    ws = await activityHistoryWorkspace();
    port = await freePort();
    const built = await buildSites(ws, undefined, {
      base: { protocol: "http:", apex: `localhost:${port}` },
      now: fixtureNow,
    });
    assert.deepEqual(
      built.results.filter((r) => !r.ok),
      [],
    );
    const server = await startDevServer({
      distDir: ws.distDir,
      domain: "paserkab.go.id",
      hub: "portal",
      slugs: () => new Set(built.results.map((r) => r.slug)),
      port,
    });
    stop = server.close;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 360, height: 740 } });
  });
  after(async () => {
    await browser?.close();
    await stop?.();
    await ws?.dispose();
  });

  it("shows every unit's state, chart and score with zero axe violations, kept out of search engines", async () => {
    const response = await page.goto(hub("/status/"));
    assert.equal(response?.status(), 200);
    assert.equal(await page.locator('meta[name="robots"]').getAttribute("content"), "noindex");
    assert.equal(await page.locator("#status-table tbody tr").count(), 5);
    assert.match(await rowOf("Kecamatan Sepi").innerText(), /Jarang diperbarui[\s\S]*139 hari lalu[\s\S]*5%/);
    assert.match(await rowOf("Badan Tidur").innerText(), /Lama tidak diperbarui/);
    assert.match(await rowOf("Dinas Rencana").innerText(), /Belum punya situs/);
    assert.match(await rowOf("Dinas Lengkap").innerText(), /100%\s+Lengkap/);
    // The missing items, with their legal basis, open from the row.
    await rowOf("Dinas Baru").locator("summary").click();
    assert.match(
      await rowOf("Dinas Baru").locator("details").innerText(),
      /Halaman Profil: masih berisi.*\(UU 14\/2008 Pasal 9;/,
    );
    assert.match(
      await page.locator(".stats").innerText(),
      /5\s+perangkat daerah[\s\S]*2\s+aktif[\s\S]*1\s+jarang diperbarui/,
    );
    assert.deepEqual(await axeViolations(page), []);
  });

  it("sorts by a column when its heading is pressed, and says how", async () => {
    await page.goto(hub("/status/"));
    const heading = page.locator("#status-table thead th", { hasText: "Kelengkapan" });
    await heading.locator("button").click();
    assert.equal(await heading.getAttribute("aria-sort"), "ascending");
    const names = () => page.locator("#status-table tbody th").allInnerTexts();
    // No site (no score) first, then 0, 5 ... 100.
    assert.equal((await names())[0], "Dinas Rencana");
    assert.equal((await names()).at(-1), "Dinas Lengkap");
    await heading.locator("button").click();
    assert.equal(await heading.getAttribute("aria-sort"), "descending");
    assert.equal((await names())[0], "Dinas Lengkap");
    assert.deepEqual(await axeViolations(page), []);
  });

  it("reads whole without JavaScript: the charts are SVG from the build, the table in the regency's order", async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 360, height: 740 } });
    try {
      const plain = await context.newPage();
      await plain.goto(hub("/status/"));
      assert.equal(await plain.locator("#status-table tbody tr").count(), 5);
      assert.equal(await plain.locator("button.sort").count(), 0);
      assert.equal(await plain.locator(".sort-hint").isVisible(), false);
      const chart = plain.locator("#status-table tbody tr").filter({ hasText: "Dinas Lengkap" }).locator("svg");
      assert.match(
        String(await chart.getAttribute("aria-label")),
        /^Isi per bulan, Januari 2026 sampai Desember 2026: 0, 5, 0, 0, 0, 0, 1, 0, 0, 2, 1, 0$/,
      );
      assert.equal(await chart.locator("rect").count(), 12);
      assert.equal(await plain.locator(".regency-chart svg text").count(), 12);
    } finally {
      await context.close();
    }
    // axe itself needs JavaScript: the same page with the theme's script refused stands for it.
    const withoutScript = await browser.newContext({ viewport: { width: 360, height: 740 } });
    try {
      await withoutScript.route("**/assets/table-sort.js*", (route) => route.abort());
      const bare = await withoutScript.newPage();
      await bare.goto(hub("/status/"));
      assert.equal(await bare.locator("button.sort").count(), 0);
      assert.deepEqual(await axeViolations(bare), []);
    } finally {
      await withoutScript.close();
    }
  });

  it("is light on a phone: a few KB over the wire, one small script", async () => {
    const html = await readFile(join(ws.distDir, "portal/status/index.html"));
    assert.ok(gzipSync(html).length < 8 * 1024, `${gzipSync(html).length} bytes gzipped`);
    const scripts = [...html.toString().matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(
      scripts.map((s) => s!.replace(/\?v=\w+$/, "")),
      ["/assets/table-sort.js"],
    );
  });

  it("links the dashboard from the hub's directory; the home shows citizens no activity statistics", async () => {
    await page.goto(hub("/"));
    assert.doesNotMatch(await page.locator("main").innerText(), /jarang diperbarui|lama tidak diperbarui/);
    await page.goto(hub("/direktori/"));
    await page.locator('a[href="/status/"]').first().click();
    assert.equal(new URL(page.url()).pathname, "/status/");
  });

  it("dates a dormant unit's pages discreetly, and only a dormant unit's", async () => {
    await page.goto(`http://tidur.localhost:${port}/`);
    assert.equal(await page.locator("footer .last-updated").innerText(), "Terakhir diperbarui 2 Oktober 2025");
    await page.goto(`http://sepi.localhost:${port}/`);
    assert.equal(await page.locator("footer .last-updated").count(), 0);
  });

  it("gives the report the build's broken links and heaviest pages", async () => {
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    const report = await regencyReport(ws, portal, { now: fixtureNow, built: readBuiltFigures(ws, portal) });
    assert.equal(report.built, true);
    const lengkap = report.units.find((u) => u.slug === "lengkap")!;
    assert.equal(lengkap.broken_links, 0);
    assert.match(lengkap.heaviest_page!.url, new RegExp(`^http://lengkap\\.localhost:${port}/`));
    assert.ok(lengkap.heaviest_page!.bytes > 5_000, String(lengkap.heaviest_page!.bytes));
    assert.equal(report.units.find((u) => u.slug === "rencana")!.heaviest_page, null);
    assert.equal(report.hub.broken_links, 0);
  });

  it("judges the same when one unit and the hub are rebuilt alone (npm start's save, CI's affected build)", async () => {
    // A build of some sites judges its units before rendering them and every unit before the hub.
    const rebuilt = await buildSites(ws, ["tidur", "portal"], {
      base: { protocol: "http:", apex: `localhost:${port}` },
      now: fixtureNow,
    });
    assert.deepEqual(
      rebuilt.results.map((r) => [r.slug, r.ok]),
      [
        ["portal", true],
        ["tidur", true],
      ],
    );
    await page.goto(`http://tidur.localhost:${port}/`);
    assert.equal(await page.locator("footer .last-updated").innerText(), "Terakhir diperbarui 2 Oktober 2025");
    await page.goto(hub("/status/"));
    assert.equal(await page.locator("#status-table tbody tr").count(), 5);
    assert.match(await rowOf("Kecamatan Sepi").innerText(), /Jarang diperbarui[\s\S]*139 hari lalu[\s\S]*5%/);
    assert.match(
      await page.locator(".stats").innerText(),
      /5\s+perangkat daerah[\s\S]*2\s+aktif[\s\S]*1\s+jarang diperbarui/,
    );
  });
});

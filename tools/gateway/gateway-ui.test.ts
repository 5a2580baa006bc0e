import assert from "node:assert/strict";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { workspaceAt } from "../core/workspace.ts";
import { readRegistry } from "../content/registry.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { gatewayClient } from "../test/gateway-client.ts";
import { call, gatewayHost, type GatewayHost, gatewayWithSso, withPreviews } from "../test/gateway-host.ts";
import { startNginx, type RunningNginx } from "../test/nginx.ts";
import type { DraftPreviews } from "./draft-previews.ts";

/**
 * Production's path, whole: the real Decap UI in Chromium, dinkes's built site served by a real
 * nginx with the generated configuration, `/admin/api/` proxied to the gateway, the login through
 * a real OIDC provider, and a bare repository as the Git host.
 */
describe("the CMS through nginx, the gateway and the SSO", () => {
  let h: GatewayHost;
  let gw: Awaited<ReturnType<typeof gatewayWithSso>>;
  let nginx: RunningNginx;
  let browser: Browser;
  let context: BrowserContext;
  let serveRoot: string;
  let port: number;
  const secret = "rahasia-sesi-uji-ui-0123456789abcdef0123456789";
  let clockOffset = 0;
  let previews: DraftPreviews;
  const admin = () => `http://dinkes.localhost:${port}/admin/`;

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    const gwPort = await freePort();
    const ws = workspaceAt(h.dev, { distDir: join(h.dir, "dist"), cacheDir: join(h.dir, "cache") });
    const base = { protocol: "http:" as const, apex: `localhost:${port}` };
    // Served by nginx as built (no deploy in between): with the CMS's files in it.
    const built = await buildSites(ws, ["dinkes"], { base, cmsFiles: true });
    assert.deepEqual(built.fatal, []);
    assert.ok(
      built.results.every((r) => r.ok),
      JSON.stringify(built.results.map((r) => r.problems)),
    );
    serveRoot = await mkdtemp(join(tmpdir(), "portal-serve-"));
    await mkdir(join(serveRoot, "dinkes"), { recursive: true });
    await rename(join(h.dir, "dist", "dinkes"), join(serveRoot, "dinkes", "current"));
    const sites = await readRegistry(ws);
    nginx = await startNginx(
      (p) =>
        nginxConfig({
          portal: h.gateway.portal,
          sites,
          root: serveRoot,
          base,
          listen: `127.0.0.1:${p}`,
          brotli: false,
          gateway: `127.0.0.1:${gwPort}`,
        }),
      port,
    );
    gw = await gatewayWithSso(h, {
      sitePort: port,
      listen: gwPort,
      slugs: ["dinkes"],
      secret,
      now: () => Date.now() / 1000 + clockOffset,
    });
    previews = await withPreviews(h, base);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  });
  after(async () => {
    await previews?.close();
    await browser?.close();
    await gw?.close();
    await nginx?.stop();
    await rm(serveRoot, { recursive: true, force: true });
    await h?.close();
  });

  /** Waits for Decap's notice; a failure notice fails the test with its text and nginx's log. */
  const outcome = async (page: Page, success: string) => {
    const failure = page.getByText(/gagal|Error|galat/);
    await page.getByText(success).or(failure).first().waitFor({ timeout: 30_000 });
    if (await failure.count()) assert.fail(`${await failure.first().innerText()}\n${await nginx.errorLog()}`);
  };

  const newsItem = async (page: Page, title: string) => {
    await page.goto(`${admin()}#/collections/dinkes_berita/new`);
    await page.getByLabel("Judul", { exact: true }).fill(title);
    await page.getByLabel("Tanggal terbit").fill("2026-11-27");
    await page.getByLabel("Ringkasan").fill("Ringkasan berita yang dikirim lewat gateway.");
    const field = page.locator('[aria-label="kolom markdown"]');
    await field.locator('[role="switch"]').click();
    await field.locator("[contenteditable]").click();
    await page.keyboard.type("Isi berita dari verifikator Dinkes.\n");
  };

  it("sends an editor without a session to the SSO and back, then publishes a dinkes item", async () => {
    const page = await context.newPage();
    await page.goto(admin());
    // The SSO's own sign-in form, then its consent page.
    await page.locator('input[name="login"]').fill("budi");
    await page.locator('input[name="password"]').fill("sandi");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL(`${admin()}**`);
    const cookie = (await context.cookies(admin())).find((c) => c.name === "__Host-portal-sesi");
    assert.ok(cookie, "the session cookie is set");
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.secure, true);
    assert.equal(cookie.sameSite, "Strict");
    assert.equal(await page.evaluate(() => document.cookie.includes("portal-sesi")), false, "no script reads it");

    const loginButton = page.getByRole("button", { name: "Masuk" });
    const collections = page.getByText("Jenis isi");
    await loginButton.or(collections).first().waitFor({ timeout: 30_000 });
    if (await loginButton.isVisible()) await loginButton.click();
    await collections.waitFor({ timeout: 30_000 });

    page.on("dialog", (dialog) => void dialog.accept());
    await newsItem(page, "Pemeriksaan Gratis di Puskesmas");
    await page.getByRole("button", { name: "Simpan" }).click();
    await outcome(page, "Tulisan tersimpan");
    for (const status of ["Diperiksa", "Siap terbit"]) {
      await page.getByRole("button", { name: /^Status: / }).click();
      await page.getByRole("menuitem", { name: status }).click();
      await page.getByRole("button", { name: `Status: ${status}` }).waitFor({ timeout: 30_000 });
    }
    await page.getByRole("button", { name: "Terbitkan", exact: true }).click();
    await page.getByRole("menuitem", { name: "Terbitkan sekarang" }).click();
    await outcome(page, "Tulisan terbit");

    const file = h.git(h.host, "show", "main:sites/dinkes/content/berita/pemeriksaan-gratis-di-puskesmas.md");
    assert.match(file, /title: Pemeriksaan Gratis di Puskesmas/);
    assert.equal(
      h.git(h.host, "log", "-1", "--format=%an <%ae>|%cn|%(trailers:key=Portal-Unit,valueonly)", "main").trim(),
      "Budi Verifikator <budi@paserkab.go.id>|Portal Gateway|dinkes",
    );
    await page.close();
  });

  it("opens a draft's preview through nginx, as the site's pages are served, to the unit's editors only", async () => {
    const page = await context.newPage();
    await page.goto(admin());
    await page.getByText("Jenis isi").waitFor({ timeout: 30_000 });
    await newsItem(page, "Vaksinasi Anak Sekolah");
    await page.getByRole("button", { name: "Simpan" }).click();
    await outcome(page, "Tulisan tersimpan");
    const previewLink = page.locator("#kabar-cms").getByRole("link", { name: "Lihat pratinjau" });
    await previewLink.waitFor({ timeout: 30_000 });
    const [tab] = await Promise.all([context.waitForEvent("page"), previewLink.click()]);
    await tab.getByRole("heading", { level: 1, name: "Vaksinasi Anak Sekolah" }).waitFor({ timeout: 30_000 });
    await tab.getByText("Isi berita dari verifikator Dinkes.").waitFor();
    const url = tab.url();
    assert.match(new URL(url).pathname, /^\/admin\/pratinjau\/dinkes_berita\/vaksinasi-anak-sekolah\/berita\//);
    // Through nginx: the sites' Content-Security-Policy (no eval, unlike the CMS's), never cached.
    const reply = (await tab.reload())!;
    const headers = await reply.allHeaders();
    assert.equal(reply.status(), 200);
    assert.match(headers["content-security-policy"]!, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(headers["content-security-policy"]!, /'unsafe-eval'|'unsafe-inline'/);
    assert.equal(headers["cache-control"], "private, no-store");
    assert.equal(headers["x-robots-tag"], "noindex, nofollow, noarchive");
    // The page's own stylesheet and photo load under that policy.
    assert.equal(await tab.evaluate(() => getComputedStyle(document.body).margin), "0px");
    await tab.close();
    // Signed out, through the same nginx: nothing of the draft.
    const signedOut = await call(url);
    assert.equal(signedOut.status, 401);
    assert.doesNotMatch(signedOut.body, /Vaksinasi Anak Sekolah/);
    // The live site's sitemap, feed and search index never name it.
    for (const file of ["/sitemap.xml", "/feed.xml", "/pagefind/pagefind-entry.json"]) {
      const live = await call(`http://dinkes.localhost:${port}${file}`);
      assert.equal(live.status, 200, file);
      assert.doesNotMatch(live.body, /vaksinasi-anak-sekolah|Vaksinasi Anak Sekolah|pratinjau/i, file);
    }
    await page.close();
  });

  it("keeps what the editor typed when the session expires, and lets them log in again beside it", async () => {
    const page = await context.newPage();
    await page.goto(admin());
    await page.getByText("Jenis isi").waitFor({ timeout: 30_000 });
    await newsItem(page, "Jadwal Imunisasi Desember");
    // The session ends while the editor types: the gateway's clock moves past its 8 hours.
    clockOffset = 9 * 3600;
    await page.getByRole("button", { name: "Simpan" }).click();
    const banner = page.locator("#sesi-berakhir");
    await banner.getByText("Sesi Anda telah berakhir").waitFor({ timeout: 30_000 });
    // Decap's own notice of the refused save says where to log in again.
    const refusal = page.getByText(/gagal disimpan.*klik “Masuk lagi” di bagian bawah layar/);
    await refusal.waitFor({ timeout: 15_000 });
    assert.equal(await page.getByLabel("Judul", { exact: true }).inputValue(), "Jadwal Imunisasi Desember");

    // "Masuk lagi" opens the SSO beside the CMS; its session there still stands, so it comes straight back.
    const [loginTab] = await Promise.all([
      context.waitForEvent("page"),
      banner.getByRole("link", { name: "Masuk lagi" }).click(),
    ]);
    await loginTab.getByText("Anda sudah masuk lagi").waitFor({ timeout: 30_000 });
    await loginTab.close();
    await banner.getByText("Anda sudah masuk lagi").waitFor({ timeout: 30_000 });
    // The banner asks for Simpan, so it must leave it uncovered (it stays up 15 s after the login).
    const save = page.getByRole("button", { name: "Simpan" });
    const [saveBox, bannerBox] = [await save.boundingBox(), await banner.boundingBox()];
    assert.ok(saveBox && bannerBox, "both are on screen");
    assert.ok(
      saveBox.y + saveBox.height <= bannerBox.y || bannerBox.y + bannerBox.height <= saveBox.y,
      `the banner ${JSON.stringify(bannerBox)} covers Simpan ${JSON.stringify(saveBox)}`,
    );
    // Dismiss the refusal, as an editor does, so the next notice is read. Decap takes it down by
    // itself 8 s after it came (`dismissAfter` of its failed save), which a slow run passes by
    // now: a suite from a fresh clone waited 30 s here for a button that was gone.
    if (await refusal.isVisible())
      await page
        .getByRole("button", { name: "close" })
        .click({ timeout: 10_000 })
        .catch(async (error: unknown) => {
          if (await refusal.isVisible()) throw error;
        });
    await refusal.waitFor({ state: "hidden" });
    await save.click();
    await outcome(page, "Tulisan tersimpan");
    assert.match(
      h.git(
        h.host,
        "show",
        "cms/dinkes_berita/jadwal-imunisasi-desember:sites/dinkes/content/berita/jadwal-imunisasi-desember.md",
      ),
      /Jadwal Imunisasi Desember/,
    );
    await page.close();
  });

  it("tells an editor whose entry someone else saved meanwhile, and keeps what they typed on screen", async () => {
    const path = "sites/dinkes/content/berita/rebutan-layar.md";
    // The gateway's clock back to the real one (the test before moved it on), for Gita's session.
    clockOffset = 0;
    await h.devCommit({
      [path]: "---\ntitle: Rebutan Layar\ndate: 2026-11-20\nsummary: Ringkasan awal berita ini.\n---\nIsi awal.\n",
    });
    const page = await context.newPage();
    await page.goto(`${admin()}#/collections/dinkes_berita/entries/rebutan-layar`);
    const summary = page.getByLabel("Ringkasan");
    await summary.waitFor({ timeout: 30_000 });
    await page.getByLabel("Judul", { exact: true }).waitFor();
    assert.equal(await summary.inputValue(), "Ringkasan awal berita ini.");
    await summary.fill("Ringkasan yang diketik editor di layar.");
    // Another verifikator of dinkes saves the same entry first, from the latest version.
    const other = await gatewayClient(
      () => h,
      () => port,
      secret,
    ).api("gita", "dinkes", "persistEntry", {
      dataFiles: [
        {
          path,
          slug: "rebutan-layar",
          raw: "---\ntitle: Rebutan Layar\ndate: 2026-11-20\nsummary: Ringkasan dari Gita.\n---\nIsi awal.\n",
        },
      ],
      assets: [],
      options: { useWorkflow: true, collectionName: "dinkes_berita", status: "draft", commitMessage: "Gita" },
    });
    assert.equal(other.status, 200, JSON.stringify(other.body));
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText(/gagal disimpan.*baru saja diubah orang lain.*Isian Anda masih ada di layar/).waitFor({
      timeout: 30_000,
    });
    assert.equal(await summary.inputValue(), "Ringkasan yang diketik editor di layar.");
    assert.match(h.git(h.host, "show", `cms/dinkes_berita/rebutan-layar:${path}`), /Ringkasan dari Gita\./);
    await page.close();
  });

  it("logs the editor out of the gateway when they choose “Keluar” in Decap's account menu", async () => {
    const page = await context.newPage();
    await page.goto(admin());
    await page.getByText("Jenis isi").waitFor({ timeout: 30_000 });
    const sessionCookie = async () =>
      (await context.cookies(admin())).find((c) => c.name === "__Host-portal-sesi")?.value;
    assert.ok(await sessionCookie(), "logged in before");
    await page.getByRole("button", { name: "Pilihan akun" }).click();
    await Promise.all([
      page.waitForURL(`${gw.sso.issuer}/**`, { timeout: 30_000 }),
      page.getByRole("menuitem", { name: "Keluar" }).click(),
    ]);
    assert.equal(await sessionCookie(), undefined, "the gateway's session is gone");
    assert.ok(
      (await h.audit()).some((e) => e.action === "logout" && e.user === "budi" && e.status === 303),
      "the gateway ended it (POST from the site's page)",
    );
    await page.close();
  });
});

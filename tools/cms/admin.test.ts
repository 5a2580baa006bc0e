import assert from "node:assert/strict";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { call } from "../test/gateway-host.ts";
import { decapBundle } from "./decap-bundle.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { startCmsSession, type CmsSession } from "../test/cms-session.ts";
import { imageLoaded } from "../test/eventually.ts";

/**
 * The real Decap CMS UI, served by `portal start` from a unit's own origin and saving through
 * the editors' gateway in its local mode into a scratch repository.
 */
describe("the CMS at /admin/ through portal start", () => {
  let cms: CmsSession;
  const git = (...args: string[]) => cms.git(...args);
  const admin = () => cms.adminUrl("dinkes");
  const login = () => cms.login("dinkes");
  const problemsAt = (ref: string) => cms.problemsAt("dinkes", ref);
  const outcome = (page: Page, success: string) => cms.outcome(page, success);
  /**
   * Screenshots for the editors' guide (docs/panduan-editor.md), taken as the test goes; written
   * into docs/ only with UPDATE_SCREENSHOTS=1, so an ordinary test run leaves the tree clean.
   */
  const screenshots =
    process.env.UPDATE_SCREENSHOTS === "1"
      ? join(toolsRepoRoot, "docs", "panduan-editor")
      : join(tmpdir(), `portal-screenshots-${process.pid}`);

  before(async () => {
    cms = await startCmsSession();
    await mkdir(screenshots, { recursive: true });
  });
  after(async () => {
    await cms?.close();
  });

  /** A new news item with the required fields filled and `body` typed in the Markdown mode. */
  async function newsItem(page: Page, title: string, body: string): Promise<void> {
    await page.goto(`${admin()}#/collections/dinkes_berita/new`);
    await page.getByLabel("Judul", { exact: true }).fill(title);
    await page.getByLabel("Tanggal terbit").fill("2026-11-27");
    await page.getByLabel("Ringkasan").fill("Ringkasan berita yang diuji melalui CMS.");
    // The body is a Slate editor; its Markdown mode takes the text as Markdown, as typed.
    const field = page.locator('[aria-label="kolom markdown"]');
    await field.locator('[role="switch"]').click();
    await field.locator("[contenteditable]").click();
    await page.keyboard.type(body);
  }

  it("serves the CMS from the unit's own origin, in Indonesian, with that unit's content types only", async () => {
    const hosts = new Set<string>();
    cms.context.on("request", (request) => hosts.add(new URL(request.url()).host));
    const warnings: string[] = [];
    cms.context.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") warnings.push(m.text());
    });
    const page = await login();
    const collections = (
      await page
        .locator('a[href^="#/collections/"]')
        .evaluateAll((as) =>
          as.map((a) => ({ label: a.textContent?.trim() ?? "", href: a.getAttribute("href") ?? "" })),
        )
    ).filter(({ href }) => /^#\/collections\/[^/]+$/.test(href));
    assert.deepEqual(
      collections.map(({ label }) => label),
      [
        "Berita",
        "Pengumuman",
        "Agenda",
        "Dokumen",
        "Layanan",
        "Galeri",
        "Pejabat",
        "Halaman",
        "Maklumat Pelayanan",
        "Survei Kepuasan Masyarakat",
      ],
    );
    assert.ok(
      collections.every(({ href }) => href.startsWith("#/collections/dinkes_")),
      JSON.stringify(collections),
    );
    assert.deepEqual([...hosts], [`dinkes.localhost:${cms.port}`], "no CDN, no other origin");
    // Our media controls replace Decap's in its registry, without a second registration (issue 26).
    assert.deepEqual(
      warnings.filter((w) => /Multiple widgets registered/.test(w)),
      [],
    );
    await page.screenshot({ path: join(screenshots, "01-jenis-isi.png") });
    await page.close();
  });

  it("refuses to save an image in the body without alt text, and says how to fix it", async () => {
    const page = await login();
    await newsItem(page, "Berita Dengan Gambar Tanpa Teks", "Isi berita.\n\n![](/media/berita/posyandu.jpg)\n");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText(/belum punya teks alternatif/).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(screenshots, "06-teks-alternatif-wajib.png") });
    assert.equal(git("branch", "--list", "cms/*").stdout.trim(), "", "nothing was saved");
    await page.close();
  });

  it("saves a draft on its own cms/ branch, in a file that validation accepts", async () => {
    const page = await login();
    // A new entry has no draft: Decap asks, and is told so without a failed request (issue 26).
    const failed: string[] = [];
    page.on("response", (r) => {
      if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
    });
    const before = cms.portal.output().length;
    // A form never saved does not say "Tersimpan" (issue 26): Decap's label reads "Belum disimpan".
    await page.goto(`${admin()}#/collections/dinkes_berita/new`);
    const label = page.locator('[class*="-BackStatusUnchanged"]');
    await label.waitFor({ state: "attached", timeout: 30_000 });
    assert.equal(await label.evaluate((el) => getComputedStyle(el, "::before").content), '"Belum disimpan"');
    assert.equal(await page.getByText("Tersimpan", { exact: true }).isVisible(), false);
    await newsItem(
      page,
      "Posyandu Lansia Dibuka di Tanah Grogot",
      "Posyandu lansia buka setiap Kamis.\n\n![Petugas memeriksa tekanan darah](/media/berita/posyandu.jpg)\n",
    );
    await page.getByRole("button", { name: "Simpan" }).click();
    await outcome(page, "Tulisan tersimpan");
    // Saved, it is at its own address, and the label says so.
    await page.getByText("Tersimpan", { exact: true }).waitFor({ timeout: 15_000 });
    assert.equal(await label.evaluate((el) => getComputedStyle(el, "::before").content), "none");
    const branch = "cms/dinkes_berita/posyandu-lansia-dibuka-di-tanah-grogot";
    assert.equal(
      git("branch", "--list", branch)
        .stdout.trim()
        .replace(/^\*\s*/, ""),
      branch,
    );
    // Validate the draft exactly as committed, in a worktree of its own (it is only on its branch).
    const file = git("show", `${branch}:sites/dinkes/content/berita/posyandu-lansia-dibuka-di-tanah-grogot.md`).stdout;
    assert.match(file, /^---\ntitle: Posyandu Lansia Dibuka di Tanah Grogot\ndate: 2026-11-27\n/);
    assert.deepEqual(await problemsAt(branch), []);
    assert.deepEqual(failed, []);
    assert.doesNotMatch(cms.portal.output().slice(before), /unpublishedEntry → 404/);
    // The workflow board dates the draft as day-month-year, not with an English month (issue 26).
    await page.goto(`${admin()}#/workflow`);
    await page.getByText("Posyandu Lansia Dibuka di Tanah Grogot").first().waitFor({ timeout: 30_000 });
    const board = await page.locator("body").innerText();
    assert.match(board, /\b\d\d-\d\d-20\d\d\b/);
    assert.doesNotMatch(board, /January|February|March|April|May|June|July|August|September|October|November|December/);
    await page.close();
  });

  it("refuses an upload over portal.json's limit before sending it", async () => {
    const page = await login();
    await page.goto(`${admin()}#/collections/dinkes_berita/new`);
    const upload = await mkdtemp(join(tmpdir(), "portal-upload-"));
    const big = join(upload, "foto-besar.jpg");
    // portal.json allows images of 5120 KiB.
    await writeFile(big, Buffer.alloc(5121 * 1024, 1));
    // Decap says so in an alert while the file input is still handling the choice: answer it at once.
    const refused = new Promise<string>((resolve) =>
      page.once("dialog", (dialog) => void dialog.accept().then(() => resolve(dialog.message()))),
    );
    await page.getByRole("button", { name: "Pilih gambar" }).click();
    await page.locator('input[type="file"]').setInputFiles(big);
    // 5120 KiB, which Decap writes in thousands of bytes.
    assert.match(await refused, /Berkas terlalu besar\.\nBatasnya 5242 kB\./);
    assert.equal(git("status", "--porcelain").stdout.includes("foto-besar"), false);
    await page.close();
    await rm(upload, { recursive: true, force: true });
  });

  it("stores an agenda's time as the WITA time the editor picks, in a browser in another zone", async () => {
    const page = await login();
    await page.goto(`${admin()}#/collections/dinkes_agenda/new`);
    await page.getByLabel("Nama kegiatan").fill("Rapat Evaluasi Imunisasi");
    await page.getByLabel("Mulai (WITA)").fill("2026-12-01T09:00");
    await page.getByLabel("Tempat").fill("Aula Dinas Kesehatan");
    await page.getByRole("button", { name: "Simpan" }).click();
    await outcome(page, "Tulisan tersimpan");
    const file = git(
      "show",
      "cms/dinkes_agenda/rapat-evaluasi-imunisasi:sites/dinkes/content/agenda/rapat-evaluasi-imunisasi.md",
    ).stdout;
    assert.match(file, /^start: 2026-12-01 09:00$/m, file);
    assert.equal(await page.getByText("UTC", { exact: true }).count(), 0, "no UTC label beside a WITA time");
    await page.close();
  });

  it("publishes a news item with a photo through draft, review and ready; the site rebuilds with it", async () => {
    const page = await login();
    // Publishing asks window.confirm.
    page.on("dialog", (dialog) => void dialog.accept());
    await newsItem(page, "Senam Sehat Bersama Lansia", "Senam sehat diikuti 120 lansia.\n");
    // The cover photo, uploaded through the media library from outside the repository (Decap's
    // Git mode commits every untracked file of the working tree).
    const upload = await mkdtemp(join(tmpdir(), "portal-upload-"));
    const photo = join(upload, "senam-lansia.jpg");
    await copyFile(join(cms.ws.sitesDir, "dinkes/media/berita/posyandu.jpg"), photo);
    await page.screenshot({ path: join(screenshots, "02-tulisan-baru.png") });
    await page.getByRole("button", { name: "Pilih gambar" }).click();
    await page.locator('input[type="file"]').setInputFiles(photo);
    await page.getByText("senam-lansia.jpg").first().waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(screenshots, "03-unggah-foto.png") });
    await page.getByRole("button", { name: "Pakai yang dipilih" }).click();
    await page.getByLabel("Teks alternatif foto").fill("Para lansia mengikuti senam di halaman puskesmas");
    await page.getByRole("button", { name: "Simpan" }).click();
    await outcome(page, "Tulisan tersimpan");
    // The draft's photo shows, in the form and in the preview, though the site has not got it yet.
    // The cover photo field's thumbnail: the nearest image to its "choose another" button.
    await imageLoaded(
      page.locator('xpath=//button[normalize-space()="Pilih gambar lain"]/ancestor::div[.//img][1]//img').first(),
      "the cover photo field shows the draft's photo",
    );
    // The preview: saving moves Decap from #/collections/.../new to the entry's own route, which
    // mounts a new editor and a new preview <iframe> (none for a moment); the frame locator finds
    // whichever is current.
    const preview = page.frameLocator("iframe#preview-pane");
    await imageLoaded(
      preview.getByRole("img", { name: "Para lansia mengikuti senam di halaman puskesmas", exact: true }),
      "the preview shows the draft's photo",
    );
    await preview.getByRole("heading", { level: 1, name: "Senam Sehat Bersama Lansia" }).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: join(screenshots, "04-draf-tersimpan.png") });

    // The draft on the real site: "Lihat pratinjau" opens its page, rendered by the generator on
    // the unit's theme, below /admin/pratinjau/ on the unit's own origin (issue 26).
    const previewLink = page.locator("#kabar-cms").getByRole("link", { name: "Lihat pratinjau" });
    await previewLink.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, "04a-pratinjau-siap.png") });
    const [tab] = await Promise.all([page.context().waitForEvent("page"), previewLink.click()]);
    await tab.waitForLoadState();
    assert.equal(
      new URL(tab.url()).pathname,
      "/admin/pratinjau/dinkes_berita/senam-sehat-bersama-lansia/berita/senam-sehat-bersama-lansia/",
    );
    await tab.getByRole("heading", { level: 1, name: "Senam Sehat Bersama Lansia" }).waitFor({ timeout: 15_000 });
    await tab.getByText("Senam sehat diikuti 120 lansia.").waitFor();
    await tab.locator(".preview-banner").getByText("Pratinjau draf").waitFor();
    await imageLoaded(
      tab.getByRole("img", { name: "Para lansia mengikuti senam di halaman puskesmas", exact: true }),
      "the draft's preview shows its photo",
    );
    assert.equal(await tab.locator('meta[name="robots"]').getAttribute("content"), "noindex");
    await tab.screenshot({ path: join(screenshots, "04b-pratinjau-draf.png") });
    await tab.close();

    for (const status of ["Diperiksa", "Siap terbit"]) {
      await page.getByRole("button", { name: /^Status: / }).click();
      await page.getByRole("menuitem", { name: status }).click();
      await page.getByText("Status tulisan diubah").last().waitFor({ timeout: 30_000 });
      // The notice of the previous change may still show: the button says when this one is done.
      await page.getByRole("button", { name: `Status: ${status}` }).waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: join(screenshots, "05-siap-terbit.png") });
    await page.getByRole("button", { name: "Terbitkan", exact: true }).click();
    await page.getByRole("menuitem", { name: "Terbitkan sekarang" }).click();
    await outcome(page, "Tulisan terbit");
    // When and where: "within about a minute" (npm start rebuilds in seconds), then the address
    // as a link once the page there is built from the published version.
    const kabar = page.locator("#kabar-cms");
    await kabar
      .getByText(
        /Sudah terbit\. Halaman ini akan tampil di situs dalam sekitar 1 menit, di alamat http:\/\/dinkes\.localhost:\d+\/berita\/senam-sehat-bersama-lansia\//,
      )
      .or(kabar.getByText("Sudah tampil di situs"))
      .waitFor({ timeout: 15_000 });
    const live = kabar.getByRole("link", { name: /\/berita\/senam-sehat-bersama-lansia\/$/ });
    await live.waitFor({ timeout: 60_000 });
    assert.equal(
      await live.getAttribute("href"),
      `http://dinkes.localhost:${cms.port}/berita/senam-sehat-bersama-lansia/`,
    );
    await page.screenshot({ path: join(screenshots, "05b-sudah-tampil.png") });

    // On main: the item, with valid front matter, and its photo in dinkes's media.
    const files = git("show", "--name-only", "--format=", "main").stdout.trim().split("\n").sort();
    assert.deepEqual(
      files.filter((f) => f.startsWith("sites/")),
      ["sites/dinkes/content/berita/senam-sehat-bersama-lansia.md", "sites/dinkes/media/berita/senam-lansia.jpg"],
    );
    assert.equal(
      git("branch", "--list", "cms/dinkes_berita/senam-sehat-bersama-lansia").stdout.trim(),
      "",
      "its draft branch is merged and gone",
    );
    assert.deepEqual(await problemsAt("main"), []);

    // The watcher rebuilds dinkes: the article is on its subdomain, with its photo.
    // Without JavaScript: the 404 page's live reload would race these visits.
    const plain = await cms.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const site = await plain.newPage();
    const url = `http://dinkes.localhost:${cms.port}/berita/senam-sehat-bersama-lansia/`;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      if ((await site.goto(url))?.status() === 200) break;
    }
    assert.equal(await site.locator("h1").innerText(), "Senam Sehat Bersama Lansia");
    assert.equal(await site.locator('img[alt="Para lansia mengikuti senam di halaman puskesmas"]').count(), 1);
    await site.screenshot({ path: join(screenshots, "07-terbit-di-situs.png") });
    // And on the hub, which is rebuilt after the unit, linking to the unit's page.
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 300))) {
      await site.goto(`http://localhost:${cms.port}/`);
      if (await site.getByRole("link", { name: "Senam Sehat Bersama Lansia" }).count()) break;
    }
    assert.equal(await site.getByRole("link", { name: "Senam Sehat Bersama Lansia" }).getAttribute("href"), url);
    await plain.close();
    await page.close();
    await rm(upload, { recursive: true, force: true });
  });

  it("lets dinkes's /admin/ write nothing outside sites/dinkes/: not the hub, the theme, portal.json or .git/config", async () => {
    const origin = `http://dinkes.localhost:${cms.port}`;
    // The key this start hands to the pages it serves under /admin/, as the browser keeps it.
    const served = await call(`${origin}/admin/`);
    const key = String(served.headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
    assert.match(key, /^portal-lokal=[\w-]{32}$/);
    const save = (path: string, from = origin, cookie = key) =>
      call(`${origin}/admin/api/v1`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: from, cookie },
        body: JSON.stringify({
          action: "persistEntry",
          params: {
            branch: "main",
            dataFiles: [{ path, slug: "x", raw: "[core]\n\tfsmonitor = touch /tmp/portal-pwned\n" }],
            assets: [],
            options: { useWorkflow: false, commitMessage: "x" },
          },
        }),
      });
    const head = git("rev-parse", "main").stdout.trim();
    const config = await readFile(join(cms.ws.root, ".git/config"), "utf8");
    for (const path of [
      "sites/portal/content/halaman/x.md",
      "themes/default/_includes/layouts/base.njk",
      "portal.json",
      ".git/config",
      "../.git/config",
      "sites/dinkes/../../.git/config",
    ]) {
      const reply = await save(path);
      assert.equal(reply.status, 403, `${path}: ${reply.body}`);
    }
    // decap-server's CORS rule admitted any http://localhost:* page; the gateway admits only the site.
    const cross = await save("sites/dinkes/content/berita/x.md", "http://localhost:9999");
    assert.equal(cross.status, 403);
    // Another local process sends the site's Origin itself, but has no page of this start: refused.
    for (const cookie of ["", "portal-lokal=tebakan", `${key}x`]) {
      const forged = await save("sites/dinkes/content/berita/x.md", origin, cookie);
      assert.equal(forged.status, 401, cookie);
      assert.match(forged.body, /bukan dari npm start yang sedang berjalan/);
    }
    assert.equal(cross.headers["access-control-allow-origin"], undefined);
    assert.equal(git("rev-parse", "main").stdout.trim(), head, "nothing was committed");
    assert.equal(await readFile(join(cms.ws.root, ".git/config"), "utf8"), config);
    assert.match(cms.portal.output(), /CMS dinkes: persistEntry → 403/);
  });

  it("lists news newest first, each with its date as day-month-year (issue 26)", async () => {
    for (const [name, date] of [
      ["rapat-awal-tahun", "2026-01-05"],
      ["lomba-balita-sehat", "2026-10-20"],
    ]) {
      await writeFile(
        join(cms.ws.sitesDir, "dinkes/content/berita", `${name}.md`),
        `---\ntitle: Kabar ${name}\ndate: ${date}\nsummary: Ringkasan kabar ${name} untuk daftar.\n---\nIsi.\n`,
      );
    }
    git("add", "sites/dinkes/content/berita");
    git("commit", "-qm", "two news items");
    const page = await login();
    const cards = page.locator('a[href*="/collections/dinkes_berita/entries/"]');
    // The gateway fetches from the repository at most every few seconds: load the list until both are there.
    for (let i = 0; i < 20; i++) {
      await page.goto(`${admin()}#/collections/dinkes_berita`);
      await cards.first().waitFor({ timeout: 30_000 });
      if ((await cards.allInnerTexts()).some((t) => t.includes("Kabar lomba-balita-sehat"))) break;
      await page.waitForTimeout(1000);
    }
    // Decap lists drafts apart, under "Belum terbit" after the published items, once it has loaded them (which
    // may be after the published ones show): wait for the draft saved above, then read the published ones' order.
    await page.getByText("Belum terbit", { exact: true }).waitFor({ timeout: 30_000 });
    const listed = await page.evaluate(() => {
      const heading = [...document.querySelectorAll("#nc-root p")].find(
        (p) => p.textContent?.trim() === "Belum terbit",
      );
      return [...document.querySelectorAll<HTMLElement>('a[href*="/collections/dinkes_berita/entries/"]')].map((a) => ({
        text: a.innerText,
        draft: Boolean(heading && heading.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING),
      }));
    });
    const texts = listed.filter((card) => !card.draft).map((card) => card.text);
    assert.deepEqual(
      listed.filter((card) => card.draft).map((card) => card.text.split(" · ")[0]),
      ["Posyandu Lansia Dibuka di Tanah Grogot"],
    );
    const dates = texts.map((t) => /(\d\d)-(\d\d)-(\d{4})/.exec(t));
    assert.ok(
      dates.every((d) => d !== null),
      texts.join(" | "),
    );
    const iso = dates.map((d) => `${d![3]}-${d![2]}-${d![1]}`);
    assert.deepEqual(iso, [...iso].sort().reverse(), texts.join(" | "));
    assert.ok(
      texts.findIndex((t) => t.includes("lomba-balita-sehat")) < texts.findIndex((t) => t.includes("rapat-awal-tahun")),
    );
    assert.match(texts.find((t) => t.includes("lomba-balita-sehat"))!, /20-10-2026/);
    await page.close();
  });

  it("shows the regency's emblem and whose CMS it is on the login page, and the emblem in the header (issue 26)", async () => {
    const context = await cms.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(admin());
    await page.getByRole("button", { name: "Masuk" }).waitFor({ timeout: 30_000 });
    await page.getByText("Pengelola isi Dinas Kesehatan · Pemerintah Kabupaten Paser").waitFor();
    const emblem = page.locator('#nc-root img[src^="/img/"][src$="-96.png"]').first();
    await imageLoaded(emblem, "the login page shows the regency's emblem, from the unit's own origin");
    assert.equal(await page.locator('#nc-root img[src*="decap"], #nc-root svg[class*="Logo"]').count(), 0);
    await page.screenshot({ path: join(screenshots, "00-masuk.png") });
    await page.getByRole("button", { name: "Masuk" }).click();
    await page.getByText("Jenis isi").waitFor({ timeout: 30_000 });
    await imageLoaded(page.locator('header img[src$="-96.png"]').first(), "the header shows the emblem");
    await context.close();
  });

  it("shows dates in Indonesian in an English- and an Indonesian-language browser (issue 26)", async () => {
    for (const locale of ["en-US", "id-ID"]) {
      const context = await cms.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      // Leaving a form with changes asks to confirm.
      page.on("dialog", (dialog) => void dialog.accept());
      await page.goto(admin());
      const loginButton = page.getByRole("button", { name: "Masuk" });
      await loginButton.or(page.getByText("Jenis isi")).first().waitFor({ timeout: 30_000 });
      if (await loginButton.isVisible()) await loginButton.click();
      await page.getByText("Jenis isi").waitFor({ timeout: 30_000 });
      // A field: the picker is the browser's, the chosen date is written out in Indonesian.
      await page.goto(`${admin()}#/collections/dinkes_berita/new`);
      await page.getByLabel("Tanggal terbit").fill("2026-11-27");
      await page.getByText("Terpilih: Jumat, 27 November 2026").waitFor({ timeout: 15_000 });
      assert.match(
        await page
          .getByText(/Pilih tanggalnya/)
          .first()
          .innerText(),
        /bahasa Indonesia/,
        locale,
      );
      // An agenda's date and time, with the regency's zone.
      await page.goto(`${admin()}#/collections/dinkes_agenda/new`);
      await page.getByLabel("Mulai (WITA)").fill("2026-12-01T09:30");
      await page.getByText("Terpilih: Selasa, 1 Desember 2026, pukul 09.30 WITA").waitFor({ timeout: 15_000 });
      // The list: day-month-year; the workflow's cards: the same, never an English month.
      await page.goto(`${admin()}#/collections/dinkes_berita`);
      const card = page.locator('a[href*="/collections/dinkes_berita/entries/"]').first();
      await card.waitFor({ timeout: 30_000 });
      assert.match(await card.innerText(), /\d\d-\d\d-\d{4}/, locale);
      await page.goto(`${admin()}#/workflow`);
      await page.getByText("Draf", { exact: true }).first().waitFor({ timeout: 30_000 });
      const board = await page.locator("main, #nc-root").first().innerText();
      assert.doesNotMatch(board, /January|February|March|April|June|July|August|October|December/, locale);
      await context.close();
    }
  });

  it("shows the CMS without waiting for the Markdown editor, which a form loads when it needs it (issue 26)", async () => {
    // The editor's chunk held back, as on a slow line: the CMS must show, and the body field say
    // that it is loading, then become the editor once the chunk arrives.
    const { manifest } = await decapBundle();
    const onDemand = Object.keys(manifest.files).filter((name) => manifest.files[name]!.loaded === "on-demand");
    assert.ok(onDemand.length > 0, "the bundle has an on-demand chunk");
    assert.ok(
      onDemand.some((name) => manifest.files[name]!.packages.includes("slate")),
      "the Markdown editor (Slate) is in an on-demand chunk",
    );
    const page = await cms.context.newPage();
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const asked: string[] = [];
    await page.route(/\/admin\/decap\/[^/]+\.js$/, async (route) => {
      const name = new URL(route.request().url()).pathname.split("/").pop()!;
      if (onDemand.includes(name)) {
        asked.push(name);
        await held;
      }
      await route.continue();
    });
    await page.goto(`${admin()}#/collections/dinkes_berita/new`);
    await page.getByLabel("Judul", { exact: true }).waitFor({ timeout: 30_000 });
    const loading = page.getByRole("status").filter({ hasText: "Memuat penyunting" });
    await loading.waitFor({ timeout: 15_000 });
    assert.ok(asked.length > 0, "the form asked for the editor's chunk");
    release();
    await page.locator('[aria-label="kolom markdown"] [contenteditable]').waitFor({ timeout: 30_000 });
    assert.equal(await loading.count(), 0);
    await page.close();
  });

  it("says in Indonesian that it is loading from the first paint, and hides it once Decap shows (issue 26)", async () => {
    const page = await cms.context.newPage();
    // Decap's script held back: what a visitor on a slow line sees while it downloads.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/admin/decap/decap-cms.js", async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(admin(), { waitUntil: "commit" });
    const loading = page.getByRole("status").filter({ hasText: "Memuat pengelola isi" });
    await loading.waitFor({ timeout: 15_000 });
    assert.ok(await loading.isVisible());
    release();
    await page
      .getByRole("button", { name: "Masuk" })
      .or(page.getByText("Jenis isi"))
      .first()
      .waitFor({ timeout: 30_000 });
    assert.equal(await loading.isVisible(), false);
    await page.close();
  });
});

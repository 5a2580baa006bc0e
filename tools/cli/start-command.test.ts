import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, afterEach, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { toolsRepoRoot } from "../core/workspace.ts";
import { launchChromium } from "../test/browser.ts";
import { startPortal, type RunningPortal } from "../test/portal-start.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";

/** `portal start` as a person uses it: open a unit's page, edit its Markdown, see the page change. */
describe("portal start", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let portal: RunningPortal;
  let browser: Browser;
  let port: number;
  let schemaDir: string;
  const output = (): string => portal.output();

  /**
   * A broadcast that opens at the next whole WITA minute, seen with no file changed at that minute.
   * Broadcasts are written to the minute, so seeing one open takes up to a minute of waiting: it
   * runs beside the other tests, on a `portal start` of its own (the rebuild of every site at that
   * minute must not reload the other tests' pages under them), and its test reads what it saw.
   */
  async function watchBroadcastOpen(
    launching: Promise<Browser>,
  ): Promise<{ beforeWindow: boolean | undefined; inWindow: boolean }> {
    const own = await tempWorkspace(fixtures.mini);
    const server = await startPortal(own.root);
    try {
      const wita = (at: number) =>
        new Intl.DateTimeFormat("sv-SE", {
          timeZone: "Asia/Makassar",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        }).format(new Date(at));
      // Time enough for the edit's own rebuild to finish before the window opens.
      const opens = Math.ceil((Date.now() + 5_000) / 60_000) * 60_000;
      const from = server.output().length;
      await mkdir(join(own.sitesDir, "portal/content/siaran"), { recursive: true });
      await writeFile(
        join(own.sitesDir, "portal/content/siaran/uji-sirene.md"),
        `---\ntitle: Uji sirene peringatan dini\nstart: ${wita(opens)}\nend: ${wita(opens + 86_400_000)}\nlevel: info\n---\n`,
      );
      // Without JavaScript, as the notice is meant to be read (and no live reload races the page).
      const context = await (await launching).newContext({ javaScriptEnabled: false });
      const page = await context.newPage();
      const shown = async () => {
        await page.goto(`http://dinkes.localhost:${server.port}/`);
        return (await page.locator(".broadcast").allInnerTexts()).join(" ").includes("Uji sirene");
      };
      // The edit itself rebuilds every site, before the window opens.
      await server.printed(from, /Dibangun ulang/);
      const beforeWindow = Date.now() < opens ? await shown() : undefined;
      // At the minute, with no file changed, every site is rebuilt.
      await server.printed(
        from,
        /Jadwal siaran atau terbit berubah pada .*: semua situs dibangun ulang\.[\s\S]*Dibangun ulang/,
        opens - Date.now() + 60_000,
      );
      const inWindow = await shown();
      await context.close();
      return { beforeWindow, inWindow };
    } finally {
      await server.stop();
      await own.dispose();
    }
  }
  let broadcastOpening: ReturnType<typeof watchBroadcastOpen>;

  before(async () => {
    const launching = launchChromium();
    // Started first, so that its minute passes while the other tests run; its test comes last.
    broadcastOpening = watchBroadcastOpen(launching);
    // Its test reports a failure; until then it is not an unhandled rejection.
    broadcastOpening.catch(() => undefined);
    ws = await tempWorkspace(fixtures.mini);
    // A third unit, so a broadcast can be seen on three sites.
    await mkdir(join(ws.sitesDir, "dlh/content/halaman"), { recursive: true });
    await writeFile(
      join(ws.sitesDir, "dlh/site.json"),
      JSON.stringify({
        slug: "dlh",
        name: "Dinas Lingkungan Hidup",
        short_name: "DLH",
        type: "dinas",
        address: "Jl. Modang No. 1, Tanah Grogot",
        phone: "(0543) 21001",
        email: "dlh@paserkab.go.id",
        status: "active",
      }),
    );
    await writeFile(join(ws.sitesDir, "dlh/content/halaman/profil.md"), "---\ntitle: Profil DLH\n---\nProfil.\n");
    // The same word as a dinkes article, so a search scoped to dinkes has something to leave out.
    await mkdir(join(ws.sitesDir, "dlh/content/berita"), { recursive: true });
    await writeFile(
      join(ws.sitesDir, "dlh/content/berita/bank-sampah.md"),
      "---\ntitle: Bank Sampah Hadir di Posyandu\ndate: 2026-11-01\nsummary: Warga menabung sampah plastik saat posyandu.\n---\nSetiap posyandu kini punya pojok bank sampah. Laporan tahap V menyusul.\n",
    );
    // The schemas as a copy this test may edit (PORTAL_SCHEMA_DIR), like a developer's checkout.
    schemaDir = join(ws.root, ".schema-copy");
    await cp(join(toolsRepoRoot, "content-schema"), schemaDir, { recursive: true });
    portal = await startPortal(ws.root, { PORTAL_SCHEMA_DIR: schemaDir });
    port = portal.port;
    browser = await launching;
  });
  // Every test here needs the server: one that stopped is named where it stopped, with how it ended
  // and its last words, not by the refused connections of every test after.
  let endReported = false;
  afterEach(() => {
    const ended = portal?.ended();
    if (!ended || endReported) return;
    endReported = true;
    assert.fail(`portal start ${ended} during this test; it last printed:\n${output().slice(-3000)}`);
  });
  after(async () => {
    await broadcastOpening?.catch(() => undefined);
    await browser?.close();
    await portal?.stop();
    await ws.dispose();
  });

  it("serves photos as WebP and JPEG only, with no AVIF to encode on a first start", async () => {
    const page = await browser.newPage();
    const html = (await (await page.goto(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`))?.text()) ?? "";
    await page.close();
    const pictures = html.match(/<picture>.*?<\/picture>/gs) ?? [];
    assert.ok(pictures.length > 0, html.slice(0, 500));
    for (const picture of pictures) {
      assert.match(picture, /type="image\/webp"/);
      assert.doesNotMatch(picture, /avif/);
    }
  });

  it("says at once that it started, then names each stage of the first build before serving", () => {
    const out = portal.output();
    const order = [
      "Memulai: memuat pembangun situs",
      "Membangun semua situs sebelum disajikan",
      "· memeriksa isi setiap situs",
      "· membuat halaman dan mengodekan foto",
      "situs siap dalam",
    ].map((line) => out.indexOf(line));
    assert.ok(
      order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!)),
      `the lines in this order:\n${out.slice(0, 2000)}`,
    );
  });

  it("serves the hub at localhost and each unit at its own subdomain", async () => {
    const page = await browser.newPage();
    assert.equal((await page.goto(`http://localhost:${port}/`))?.status(), 200);
    assert.equal(await page.locator("h1").innerText(), "Pemerintah Kabupaten Paser");
    assert.equal((await page.goto(`http://dinkes.localhost:${port}/`))?.status(), 200);
    assert.equal(await page.locator("h1").innerText(), "Dinas Kesehatan");
    await page.close();
  });

  it("lists every unit in the hub's directory, each link opening that unit's own site", async () => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/direktori/`);
    const units = await page
      .locator(".unit-title a")
      .evaluateAll((as) => as.map((a) => ({ name: a.textContent!.trim(), href: (a as HTMLAnchorElement).href })));
    assert.deepEqual(units.map((u) => u.href).sort(), [
      `http://dinkes.localhost:${port}/`,
      `http://dlh.localhost:${port}/`,
    ]);
    for (const unit of units) {
      assert.equal((await page.goto(unit.href))?.status(), 200, unit.href);
      assert.equal(await page.locator(".unit-name").innerText(), unit.name);
    }
    await page.close();
  });

  it("finds a dinkes article from the hub's search, whose index holds every unit's pages, and opens it on dinkes's subdomain", async () => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${port}/`);
    // From the search box on every page to the hub's search page.
    await page.getByRole("search").getByRole("searchbox").fill("Posyandu Serentak");
    await page.getByRole("search").getByRole("button", { name: "Cari" }).click();
    await page.waitForURL(`http://localhost:${port}/cari/?q=Posyandu+Serentak`);
    const results = page.locator("#search-results li");
    await results.first().waitFor({ timeout: 15_000 });
    // The article, marked with its unit, type and date (the gallery of the same name comes too).
    assert.match(
      await results.filter({ hasText: "Posyandu Serentak di 10 Kecamatan" }).innerText(),
      /Dinas Kesehatan · Berita · 17 Agustus 2025/,
    );
    // Both units' articles mention posyandu: the hub searches both, and its unit filter narrows.
    await page.locator("#q").fill("posyandu");
    await page.locator("#q").press("Enter");
    await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor();
    const hosts = async () =>
      new Set(
        await page
          .locator("#search-results a")
          .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).host)),
      );
    assert.ok(
      (await hosts()).has(`dlh.localhost:${port}`) && (await hosts()).has(`dinkes.localhost:${port}`),
      [...(await hosts())].join(),
    );
    await page.selectOption("#f-unit", "dlh");
    await page.waitForURL(/unit=dlh/);
    await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor();
    assert.deepEqual([...(await hosts())], [`dlh.localhost:${port}`]);
    // The hub's index keeps a unit's newest news only: the chosen unit's own search, with the query.
    const unitSite = page.locator("#search-unit-site");
    assert.equal(await unitSite.isVisible(), true);
    assert.equal(await unitSite.getAttribute("href"), `http://dlh.localhost:${port}/cari/?q=posyandu`);
    assert.match(await unitSite.innerText(), /^Cari di situs Dinas Lingkungan Hidup: /);
    await page.selectOption("#f-unit", "");
    assert.equal(await unitSite.isVisible(), false, "with every unit chosen, no unit's search is offered");
    await page.locator("#q").fill("Posyandu Serentak");
    await page.locator("#q").press("Enter");
    await page.locator("#search-results a", { hasText: "Posyandu Serentak di 10 Kecamatan" }).click();
    await page.waitForURL(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`);
    assert.equal(await page.locator("h1").innerText(), "Posyandu Serentak di 10 Kecamatan");
    await page.close();
  });

  it("finds a unit's coming event from the hub's search, a record in the hub's own index, at the unit's address", async () => {
    const page = await browser.newPage();
    const fragments: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/fragment/")) fragments.push(new URL(r.url()).pathname);
    });
    await page.goto(`http://localhost:${port}/cari/?q=${encodeURIComponent("rapat koordinasi")}`);
    const result = page.locator("#search-results a", { hasText: "Rapat Koordinasi Kesehatan Ibu dan Anak" });
    await result.waitFor({ timeout: 15_000 });
    assert.equal(await result.getAttribute("href"), `http://dinkes.localhost:${port}/agenda/rapat-koordinasi/`);
    // Dated after the start of last week (2099): its record is in the hub's own index, not the units'.
    assert.ok(fragments.length > 0 && fragments.every((f) => f.startsWith("/pagefind/fragment/")), fragments.join());
    await page.close();
  });

  it('leaves out Pagefind\'s one-letter near misses ("vaksinasi" finding the "V" of "tahap V")', async () => {
    const page = await browser.newPage();
    await page.goto(`http://dlh.localhost:${port}/cari/?q=vaksinasi`);
    await page.locator("#search-status").filter({ hasText: "Tidak ada hasil" }).waitFor({ timeout: 15_000 });
    await page.goto(`http://localhost:${port}/cari/?q=vaksinasi`);
    await page.locator("#search-status").filter({ hasText: /hasil/ }).waitFor({ timeout: 15_000 });
    const links = await page
      .locator("#search-results a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(links.length > 0, "dinkes's pages about vaccination are found");
    assert.ok(
      links.every((href) => !href.includes("dlh.localhost")),
      links.join("\n"),
    );
    await page.close();
  });

  it("finds every unit's pages from the hub while one unit's site does not answer", async () => {
    const page = await browser.newPage();
    // As if dlh's server were down: the hub's index holds a record of its pages, so the hub's
    // search asks nothing of it (it used to merge each unit's index from the unit's origin).
    const asked: string[] = [];
    await page.route(`http://dlh.localhost:${port}/**`, (route) => {
      asked.push(route.request().url());
      return route.abort("connectionrefused");
    });
    await page.goto(`http://localhost:${port}/cari/?q=posyandu`);
    await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor({ timeout: 15_000 });
    const hosts = new Set(
      await page
        .locator("#search-results a")
        .evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).host)),
    );
    assert.deepEqual([...hosts].sort(), [`dinkes.localhost:${port}`, `dlh.localhost:${port}`]);
    assert.deepEqual(asked, []);
    await page.close();
  });

  it("keeps a unit's search to its own pages, with a switch to search every unit", async () => {
    const page = await browser.newPage();
    await page.goto(`http://dinkes.localhost:${port}/cari/?q=posyandu`);
    await page.locator("#search-status").filter({ hasText: "hasil" }).waitFor({ timeout: 15_000 });
    const links = await page
      .locator("#search-results a")
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    assert.ok(links.length >= 2, links.join());
    assert.ok(
      links.every((href) => href.startsWith(`http://dinkes.localhost:${port}/`)),
      links.join("\n"),
    );
    await page.getByRole("link", { name: "Cari di semua perangkat daerah" }).click();
    await page.waitForURL(`http://localhost:${port}/cari/?q=posyandu`);
    await page.locator("#search-results a", { hasText: "Bank Sampah Hadir di Posyandu" }).waitFor({ timeout: 15_000 });
    await page.close();
  });

  it("links to another unit's page with site:, to its address on this server, and fails the build of a broken one", async () => {
    const page = await browser.newPage();
    await page.goto(`http://dlh.localhost:${port}/profil/`);
    const profile = join(ws.sitesDir, "dlh/content/halaman/profil.md");
    const reloaded = page.waitForEvent("load", { timeout: 15_000 });
    await writeFile(
      profile,
      "---\ntitle: Profil DLH\n---\nKami bekerja sama dengan [posyandu Dinkes](site:dinkes/berita/posyandu-serentak).\n",
    );
    await reloaded;
    await page.getByRole("link", { name: "posyandu Dinkes" }).click();
    await page.waitForURL(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`);

    await page.goto(`http://dlh.localhost:${port}/profil/`);
    await writeFile(
      profile,
      "---\ntitle: Profil DLH\n---\nKami bekerja sama dengan [posyandu Dinkes](site:dinkes/berita/posyandu-serentak-lama).\n",
    );
    const alert = page.locator("#portal-build-errors");
    await alert.waitFor({ timeout: 15_000 });
    assert.match(
      await alert.innerText(),
      /profil\.md:4: tautan "site:dinkes\/berita\/posyandu-serentak-lama" tidak menuju halaman yang ada.*mungkin maksudnya "site:dinkes\/berita\/posyandu-serentak"/s,
    );
    await writeFile(profile, "---\ntitle: Profil DLH\n---\nProfil.\n");
    await page.close();
  });

  it("rebuilds the edited site and the hub, reloads the open page, and the hub shows the change", async () => {
    const page = await browser.newPage();
    await page.goto(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`);
    const file = join(ws.sitesDir, "dinkes/content/berita/posyandu-serentak.md");
    const before = output().length;
    const reloaded = page.waitForEvent("load", { timeout: 15_000 });
    const t0 = performance.now();
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace(
        "title: Posyandu Serentak di 10 Kecamatan",
        "title: Posyandu Serentak di 12 Kecamatan",
      ),
    );
    await reloaded;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(await page.locator("h1").innerText(), "Posyandu Serentak di 12 Kecamatan");
    const log = output().slice(before);
    assert.match(log, /✔ dinkes/);
    console.log(`# edit visible after ${seconds.toFixed(2)} s`);
    // The hub is rebuilt after dinkes; the open hub page reloads itself when it is.
    await page.goto(`http://localhost:${port}/`);
    await page.getByRole("link", { name: "Posyandu Serentak di 12 Kecamatan" }).waitFor({ timeout: 15_000 });
    assert.equal(
      await page.getByRole("link", { name: "Posyandu Serentak di 12 Kecamatan" }).getAttribute("href"),
      `http://dinkes.localhost:${port}/berita/posyandu-serentak/`,
    );
    await page.close();
  });

  it("reads the schemas again after a schema edit: validation, the pages and the CMS follow it", async () => {
    const file = join(schemaDir, "content/berita.schema.json");
    const original = await readFile(file, "utf8");
    type Schema = { properties: Record<string, Record<string, unknown>>; [key: string]: unknown };
    const edited = (json: (schema: Schema) => void) => {
      const schema = JSON.parse(original) as Schema;
      json(schema);
      return JSON.stringify(schema, null, 2);
    };
    const waitFor = (pattern: RegExp, from: number) => portal.printed(from, pattern, 30_000);
    const page = await browser.newPage();
    try {
      // A schema ajv refuses: said once, and the sites keep the schemas they had.
      let from = output().length;
      await writeFile(
        file,
        edited((s) => (s.properties.summary = { $ref: s.properties.summary?.$ref, maxLength: 12 })),
      );
      await waitFor(/content-schema\/ cannot be read \(.*strict mode/, from);
      assert.doesNotMatch(output().slice(from), /✘ dinkes/);
      // A stricter rule: dinkes's news summaries are now too long, and dinkes fails by name.
      from = output().length;
      await writeFile(
        file,
        edited((s) => (s.properties.summary = { type: "string", minLength: 10, maxLength: 12, title: "Ringkasan" })),
      );
      await waitFor(/✘ dinkes[\s\S]*berita\/posyandu-serentak\.md[\s\S]*Dibangun ulang/, from);
      // A new name for the type: the menu and the CMS's collection take it.
      from = output().length;
      await writeFile(
        file,
        edited((s) => (s["x-label"] = "Kabar Dinas")),
      );
      await waitFor(/✔ dinkes[\s\S]*Dibangun ulang/, from);
      await page.goto(`http://dinkes.localhost:${port}/`);
      assert.equal(await page.locator(".menu").getByRole("link", { name: "Kabar Dinas" }).count(), 1);
      const config = (await page.evaluate(() => fetch("/admin/config.json").then((r) => r.json()))) as {
        collections: { name: string; label: string }[];
      };
      assert.equal(config.collections.find((c) => c.name === "dinkes_berita")?.label, "Kabar Dinas");
    } finally {
      const from = output().length;
      await writeFile(file, original);
      await waitFor(/✔ dinkes[\s\S]*Dibangun ulang/, from);
      await page.close();
    }
  });

  it("reloads a page whose site was rebuilt before its live-reload connection opened", async () => {
    const page = await browser.newPage();
    // Hold the page's live-reload connection until the rebuild is over: the race a slow phone or
    // a busy machine runs into when a page is opened during a rebuild.
    let release!: () => void;
    const rebuilt = new Promise<void>((resolve) => (release = resolve));
    await page.route("**/__portal/events", async (route) => {
      await rebuilt;
      await route.continue();
    });
    await page.goto(`http://dlh.localhost:${port}/profil/`);
    const before = output().length;
    await writeFile(
      join(ws.sitesDir, "dlh/content/halaman/profil.md"),
      "---\ntitle: Profil Dinas Lingkungan Hidup\n---\nProfil.\n",
    );
    await portal.printed(before, /✔ dlh/);
    const reloaded = page.waitForEvent("load", { timeout: 10_000 });
    release();
    await reloaded;
    assert.equal(await page.locator("h1").innerText(), "Profil Dinas Lingkungan Hidup");
    await page.close();
  });

  it("shows a broadcast DKISP publishes on the hub on every unit's pages, without JavaScript", async () => {
    // A window around the real time, written as WITA wall-clock time like editors write it.
    const wita = (offsetMs: number) =>
      new Intl.DateTimeFormat("sv-SE", {
        timeZone: "Asia/Makassar",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }).format(new Date(Date.now() + offsetMs));
    await mkdir(join(ws.sitesDir, "portal/content/siaran"), { recursive: true });
    await writeFile(
      join(ws.sitesDir, "portal/content/siaran/gangguan-listrik.md"),
      `---\ntitle: Gangguan listrik di Tanah Grogot\nstart: ${wita(-3_600_000)}\nend: ${wita(86_400_000)}\nlevel: peringatan\n---\nLayanan tatap muka dialihkan.\n`,
    );
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const host of ["dinkes.localhost", "dlh.localhost", "localhost"]) {
      const url = `http://${host}:${port}/`;
      const deadline = Date.now() + 20_000;
      let text = "";
      while (Date.now() < deadline) {
        await page.goto(url);
        text = (await page.locator(".broadcast").allInnerTexts()).join(" ");
        if (text) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      assert.match(text, /Peringatan: Gangguan listrik di Tanah Grogot/, url);
    }
    await context.close();
  });

  it("keeps the last good page and shows the problem when an edit breaks the site", async () => {
    const page = await browser.newPage();
    await page.goto(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`);
    await writeFile(join(ws.sitesDir, "dinkes/content/berita/rusak.md"), "---\ntitle: Tanpa tanggal\n---\nIsi\n");
    const alert = page.locator("#portal-build-errors");
    await alert.waitFor({ timeout: 15_000 });
    assert.match(await alert.innerText(), /rusak\.md.*kolom wajib "date"/s);
    assert.equal(await page.locator("h1").innerText(), "Posyandu Serentak di 12 Kecamatan");
    await page.close();
  });

  it("redirects a unit retired while it runs to the hub's page about it once rebuilt, never again serving its old build", async () => {
    const before = output().length;
    const retired = spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "retire-site", "dlh", "--root", ws.root],
      { encoding: "utf8" },
    );
    assert.equal(retired.status, 0, retired.stderr);
    // The rebuild that follows (an earlier test's may still be finishing): poll until it is done.
    const page = await browser.newPage();
    const deadline = Date.now() + 30_000;
    for (;;) {
      await page.goto(`http://dlh.localhost:${port}/berita/bank-sampah/`).catch((error: Error) => {
        throw new Error(
          `${error.message}\nnpm start (${portal.ended() ?? "running"}) said:\n${output().slice(before)}`,
        );
      });
      if (page.url() === `http://localhost:${port}/arsip/dlh/` || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.equal(page.url(), `http://localhost:${port}/arsip/dlh/`, output().slice(before));
    assert.match(await page.locator("main").innerText(), /Situs Dinas Lingkungan Hidup tidak aktif lagi sejak/);
    await page.close();
  });

  it("shows a broadcast when its window opens, though no file changed then", async () => {
    const seen = await broadcastOpening;
    if (seen.beforeWindow !== undefined) assert.equal(seen.beforeWindow, false, "not shown before its window opens");
    assert.equal(seen.inWindow, true, "shown once its window is open");
  });
});

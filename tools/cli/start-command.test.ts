import assert from "node:assert/strict";
import { spawn, type ChildProcess } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { toolsRepoRoot } from "../core/workspace.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";

/** `portal start` as a person uses it: open a unit's page, edit its Markdown, see the page change. */
describe("portal start", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let server: ChildProcess;
  let browser: Browser;
  let port: number;
  let output = "";

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    port = await freePort();
    server = spawn(process.execPath, ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "start", "--root", ws.root, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start did not get ready:\n${output}`)), 120_000);
      server.stdout!.on("data", () => output.includes("Tekan Ctrl+C") && (clearTimeout(timer), resolve()));
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
    await ws.dispose();
  });

  it("serves the hub at localhost and each unit at its own subdomain", async () => {
    const page = await browser.newPage();
    assert.equal((await page.goto(`http://localhost:${port}/`))?.status(), 200);
    assert.equal(await page.locator("h1").innerText(), "Pemerintah Kabupaten Paser");
    assert.equal((await page.goto(`http://dinkes.localhost:${port}/`))?.status(), 200);
    assert.equal(await page.locator("h1").innerText(), "Dinas Kesehatan");
    await page.close();
  });

  it("rebuilds the edited site and the hub, reloads the open page, and the hub shows the change", async () => {
    const page = await browser.newPage();
    await page.goto(`http://dinkes.localhost:${port}/berita/posyandu-serentak/`);
    const file = join(ws.sitesDir, "dinkes/content/berita/posyandu-serentak.md");
    const before = output.length;
    const reloaded = page.waitForEvent("load", { timeout: 15_000 });
    const t0 = performance.now();
    await writeFile(file, (await readFile(file, "utf8")).replace("title: Posyandu Serentak di 10 Kecamatan", "title: Posyandu Serentak di 12 Kecamatan"));
    await reloaded;
    const seconds = (performance.now() - t0) / 1000;
    assert.equal(await page.locator("h1").innerText(), "Posyandu Serentak di 12 Kecamatan");
    const log = output.slice(before);
    assert.match(log, /✔ dinkes/);
    console.log(`# edit visible after ${seconds.toFixed(2)} s`);
    await page.goto(`http://localhost:${port}/`);
    await page.getByRole("link", { name: "Posyandu Serentak di 12 Kecamatan" }).waitFor({ timeout: 15_000 });
    assert.equal(
      await page.getByRole("link", { name: "Posyandu Serentak di 12 Kecamatan" }).getAttribute("href"),
      `http://dinkes.localhost:${port}/berita/posyandu-serentak/`,
    );
    await page.close();
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
});

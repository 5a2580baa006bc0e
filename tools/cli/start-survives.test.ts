import assert from "node:assert/strict";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { launchChromium } from "../test/browser.ts";
import { aliasBomb as bomb, hostileWorkspace, type HostileWorkspace } from "../test/hostile-workspace.ts";
import { startPortal, type RunningPortal } from "../test/portal-start.ts";

/**
 * dev: `npm start` survives whatever an edit does. It keeps serving each site's last good version,
 * says why in the terminal and on the site's open (and newly opened) pages, and rebuilds once the
 * edit is fixed.
 */
describe("portal start with hostile edits", () => {
  let ws: HostileWorkspace;
  let portal: RunningPortal;
  let browser: Browser;
  // (fetch drops a Host header; the server tells sites apart by it.)
  const get = (host: string, path = "/") =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      request({ host: "127.0.0.1", port: portal.port, path, headers: { host: `${host}:${portal.port}` } }, (res) => {
        let body = "";
        res.on("data", (d) => (body += d));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on("error", reject)
        .end();
    });
  const printed = (from: number, pattern: RegExp) => portal.printed(from, pattern);

  before(async () => {
    ws = await hostileWorkspace();
    // Started with a bomb already in dlh: the others serve, dlh is named.
    await ws.write("sites/dlh/content/berita/bom.md", bomb);
    portal = await startPortal(ws.root);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
    await ws.dispose();
  });

  it("dev: starting with an alias bomb in one unit serves the others and names the file", async () => {
    assert.match(portal.output(), /✘ dlh:\n {2}sites\/dlh\/content\/berita\/bom\.md:3: jangkar dan rujukan YAML/);
    assert.equal((await get("dinkes.localhost")).status, 200);
    assert.equal((await get("bapenda.localhost")).status, 200);
  });

  it("dev: an alias bomb saved into a served unit keeps its last good version, with the reason on a page opened afterwards", async () => {
    const from = portal.output().length;
    await ws.write("sites/bapenda/content/berita/bom.md", bomb);
    await printed(from, /✘ bapenda:\n {2}sites\/bapenda\/content\/berita\/bom\.md:3: jangkar[\s\S]*Dibangun ulang/);
    const home = await get("bapenda.localhost");
    assert.equal(home.status, 200);
    assert.match(home.body, /Badan Pendapatan Daerah/);
    const page = await browser.newPage();
    await page.goto(`http://bapenda.localhost:${portal.port}/`);
    const box = page.locator("#portal-build-errors");
    await box.waitFor({ timeout: 15_000 });
    assert.match(
      await box.innerText(),
      /halaman ini versi terakhir yang berhasil[\s\S]*bom\.md:3: jangkar dan rujukan YAML/,
    );
    await page.close();
    await rm(join(ws.sitesDir, "bapenda/content/berita/bom.md"));
    await printed(from, /✔ bapenda[\s\S]*Dibangun ulang/);
  });

  it("dev: site.json replaced by a folder fails that unit only; the server keeps answering", async () => {
    const from = portal.output().length;
    const file = join(ws.sitesDir, "bapenda/site.json");
    const saved = await readFile(file);
    // One step at a time, as an editor's file manager does: Node 20's recursive watcher misses a
    // file replaced by a folder of the same name within one instant.
    await rm(file);
    await printed(from, /✘ bapenda:\n {2}sites\/bapenda: folder situs tidak punya site\.json[\s\S]*Dibangun ulang/);
    const between = portal.output().length;
    await mkdir(file);
    await printed(
      between,
      /✘ bapenda:\n {2}sites\/bapenda\/site\.json: "site\.json" harus berupa berkas[\s\S]*Dibangun ulang/,
    );
    assert.equal((await get("bapenda.localhost")).status, 200);
    assert.equal((await get("dinkes.localhost")).status, 200);
    await rm(file, { recursive: true });
    await writeFile(file, saved);
    await printed(from, /✔ bapenda[\s\S]*Dibangun ulang/);
  });

  it("dev: portal.json deleted keeps every site serving and says why; restoring it rebuilds", async () => {
    const from = portal.output().length;
    await rename(join(ws.root, "portal.json"), join(ws.root, "portal.json.bak"));
    await printed(from, /portal\.json di .* tidak ada[\s\S]*Dibangun ulang/);
    assert.equal((await get("localhost")).status, 200);
    assert.equal((await get("dinkes.localhost")).status, 200);
    const after = portal.output().length;
    await rename(join(ws.root, "portal.json.bak"), join(ws.root, "portal.json"));
    await printed(after, /✔ dinkes[\s\S]*Dibangun ulang/);
    assert.ok(portal.running(), "the server is still running");
  });
});

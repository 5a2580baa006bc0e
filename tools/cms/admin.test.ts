import assert from "node:assert/strict";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { toolsRepoRoot } from "../core/workspace.ts";
import { validateSite } from "../content/validate-site.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { formatProblem } from "../content/problem.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";

/**
 * The real Decap CMS UI, served by `portal start` from a unit's own origin and saving through
 * decap-server's Git mode into a scratch repository.
 */
describe("the CMS at /admin/ through portal start", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let server: ChildProcess;
  let browser: Browser;
  let context: BrowserContext;
  let port: number;
  let output = "";
  const git = (...args: string[]) => spawnSync("git", ["-c", "user.email=ci@example.org", "-c", "user.name=CI", ...args], { cwd: ws.root, encoding: "utf8" });
  const admin = () => `http://dinkes.localhost:${port}/admin/`;

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    git("init", "-q", "-b", "main");
    spawnSync("sh", ["-c", "printf 'dist\\n.cache\\n' > .gitignore"], { cwd: ws.root });
    git("add", "-A");
    git("commit", "-qm", "init");
    port = await freePort();
    server = spawn(process.execPath, ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "start", "--root", ws.root, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
    server.stdout!.on("data", (d) => (output += d));
    server.stderr!.on("data", (d) => (output += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`start did not get ready:\n${output}`)), 120_000);
      server.stdout!.on("data", () => output.includes("Tekan Ctrl+C") && (clearTimeout(timer), resolve()));
    });
    browser = await launchChromium();
    // Not WITA on purpose: what the editor picks must be stored as WITA whatever the browser's zone.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Berlin" });
  });
  after(async () => {
    await browser?.close();
    server?.kill("SIGTERM");
    await new Promise((r) => server?.once("exit", r));
    await ws.dispose();
  });

  async function login(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(admin());
    // The first visit asks to log in (local backend: one button); Decap remembers it afterwards.
    const loginButton = page.getByRole("button", { name: "Masuk" });
    const collections = page.getByText("Jenis isi");
    await loginButton.or(collections).first().waitFor({ timeout: 30_000 });
    if (await loginButton.isVisible()) await loginButton.click();
    await collections.waitFor({ timeout: 30_000 });
    return page;
  }

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
    context.on("request", (request) => hosts.add(new URL(request.url()).host));
    const page = await login();
    const collections = (await page.locator('a[href^="#/collections/"]').evaluateAll((as) => as.map((a) => [a.textContent?.trim(), a.getAttribute("href")]))).filter(([, href]) => /^#\/collections\/[^/]+$/.test(href!));
    assert.deepEqual(collections.map(([label]) => label), ["Berita", "Pengumuman", "Agenda", "Dokumen", "Layanan", "Galeri", "Pejabat", "Halaman"]);
    assert.ok(collections.every(([, href]) => href!.startsWith("#/collections/dinkes_")), JSON.stringify(collections));
    assert.deepEqual([...hosts], [`dinkes.localhost:${port}`], "no CDN, no other origin");
    await page.close();
  });

  it("refuses to save an image in the body without alt text, and says how to fix it", async () => {
    const page = await login();
    await newsItem(page, "Berita Dengan Gambar Tanpa Teks", "Isi berita.\n\n![](/media/berita/posyandu.jpg)\n");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText(/belum punya teks alternatif/).waitFor({ timeout: 15_000 });
    assert.equal(git("branch", "--list", "cms/*").stdout.trim(), "", "nothing was saved");
    await page.close();
  });

  it("saves a draft on its own cms/ branch, in a file that validation accepts", async () => {
    const page = await login();
    await newsItem(page, "Posyandu Lansia Dibuka di Tanah Grogot", "Posyandu lansia buka setiap Kamis.\n\n![Petugas memeriksa tekanan darah](/media/berita/posyandu.jpg)\n");
    await page.getByRole("button", { name: "Simpan" }).click();
    await page.getByText("Tulisan tersimpan").waitFor({ timeout: 15_000 });
    const branch = "cms/dinkes_berita/posyandu-lansia-dibuka-di-tanah-grogot";
    assert.equal(git("branch", "--list", branch).stdout.trim().replace(/^\*\s*/, ""), branch);
    // Validate the draft exactly as committed: check it out in the scratch repository.
    git("checkout", "-q", branch);
    try {
      const file = git("show", `${branch}:sites/dinkes/content/berita/posyandu-lansia-dibuka-di-tanah-grogot.md`).stdout;
      assert.match(file, /^---\ntitle: Posyandu Lansia Dibuka di Tanah Grogot\ndate: 2026-11-27\n/);
      const { portal } = await readPortal(ws);
      const result = await validateSite(ws, portal!, "dinkes");
      assert.deepEqual(result.problems.map(formatProblem), []);
    } finally {
      git("checkout", "-q", "main");
    }
    await page.close();
  });
});

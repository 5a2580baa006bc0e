import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { validateSite } from "../content/validate-site.ts";
import { localDate } from "../core/wita.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { launchChromium } from "./browser.ts";
import { startPortal, type RunningPortal } from "./portal-start.ts";
import { fixtures, tempWorkspace } from "./temp-workspace.ts";

/**
 * The real Decap CMS UI against `portal start` on a scratch Git repository of the mini fixture
 * (the editors' gateway in local mode pushes there), with Chromium. Shared by the CMS's end-to-end tests.
 */
export interface CmsSession {
  ws: Awaited<ReturnType<typeof tempWorkspace>>;
  portal: RunningPortal;
  browser: Browser;
  context: BrowserContext;
  port: number;
  git: (...args: string[]) => SpawnSyncReturns<string>;
  /** `/admin/` of a site: a unit's subdomain, or the hub on the bare host. */
  adminUrl: (slug: string) => string;
  /** A new page in the CMS of `slug`, logged in (local backend: one button). */
  login: (slug: string) => Promise<Page>;
  /**
   * Validation problems of `slug` as committed at `ref`, checked out in a worktree of its own:
   * drafts live on their own branches, never in the main one.
   */
  problemsAt: (slug: string, ref: string) => Promise<string[]>;
  /** Waits for Decap's notice of success; a failure notice fails the test with its text. */
  outcome: (page: Page, success: string) => Promise<void>;
  close: () => Promise<void>;
}

/** The mini fixture's hub (portal.json `hub`), served on the bare host. */
export const hubSlug = "portal";

export async function startCmsSession(): Promise<CmsSession> {
  const ws = await tempWorkspace(fixtures.mini);
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.email=ci@example.org", "-c", "user.name=CI", ...args], {
      cwd: ws.root,
      encoding: "utf8",
    });
  // The regency's emblem, which the CMS shows on its login page and header.
  await mkdir(join(ws.sitesDir, hubSlug, "media"), { recursive: true });
  await copyFile(
    join(toolsRepoRoot, "sites/portal/media/lambang.png"),
    join(ws.sitesDir, hubSlug, "media/lambang.png"),
  );
  const portalJson = JSON.parse(await readFile(ws.portalFile, "utf8")) as Record<string, unknown>;
  await writeFile(ws.portalFile, `${JSON.stringify({ ...portalJson, logo: "/media/lambang.png" }, null, 2)}\n`);
  git("init", "-q", "-b", "main");
  spawnSync("sh", ["-c", "printf 'dist\\n.cache\\n' > .gitignore"], { cwd: ws.root });
  git("add", "-A");
  git("commit", "-qm", "init");
  const portal = await startPortal(ws.root);
  const port = portal.port;
  const browser = await launchChromium();
  // Not WITA on purpose: what the editor picks must be stored as WITA whatever the browser's zone.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, timezoneId: "Europe/Berlin" });
  const adminUrl = (slug: string) =>
    slug === hubSlug ? `http://localhost:${port}/admin/` : `http://${slug}.localhost:${port}/admin/`;

  async function login(slug: string): Promise<Page> {
    const page = await context.newPage();
    await page
      .goto(adminUrl(slug))
      .catch((error: Error) => assert.fail(`${error.message}\n${portal.output().slice(-3000)}`));
    // The first visit asks to log in; Decap remembers it afterwards (per origin).
    const loginButton = page.getByRole("button", { name: "Masuk" });
    const collections = page.getByText("Jenis isi");
    await loginButton.or(collections).first().waitFor({ timeout: 30_000 });
    if (await loginButton.isVisible()) await loginButton.click();
    await collections.waitFor({ timeout: 30_000 });
    return page;
  }

  async function problemsAt(slug: string, ref: string): Promise<string[]> {
    const dir = await mkdtemp(join(tmpdir(), "portal-ref-"));
    git("worktree", "add", "-q", "--detach", dir, ref);
    try {
      const at = workspaceAt(dir);
      const { portal } = await readPortal(at);
      return (await validateSite(at, portal!, slug, { today: localDate(new Date(), portal!.time_zone) })).problems.map(
        formatProblem,
      );
    } finally {
      git("worktree", "remove", "--force", dir);
    }
  }

  async function outcome(page: Page, success: string): Promise<void> {
    const failure = page.getByText(/gagal/);
    await page
      .getByText(success)
      .or(failure)
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(async (error: Error) => {
        const audit = await readFile(join(ws.cacheDir, "gateway", "audit.jsonl"), "utf8").catch(() => "");
        throw new Error(`${error.message}\ngateway audit:\n${audit.slice(-3000)}\n${portal.output().slice(-2000)}`);
      });
    if (await failure.count()) assert.fail(`${await failure.first().innerText()}\n${portal.output().slice(-2000)}`);
  }

  const close = async () => {
    await browser.close();
    await portal.stop();
    await ws.dispose();
  };
  return { ws, portal, browser, context, port, git, adminUrl, login, problemsAt, outcome, close };
}

import type { IncomingMessage, ServerResponse } from "node:http";
import { join, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import type { PortalConfig } from "../core/records.ts";
import { buildSites, type SiteResult } from "../pipeline/build-sites.ts";
import { listSiteSlugs, readRetired } from "../content/registry.ts";
import { reloadSchemas } from "../schema/schemas.ts";
import { compileSchemas } from "../content/schema-validator.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { watchSites, type Changes } from "../serve/watch-sites.ts";
import { Progress } from "../core/progress.ts";
import { nextBroadcastChange, readBroadcasts } from "../content/broadcasts.ts";
import { nextPublicationChange } from "../content/publication-window.ts";
import { localGateway } from "../gateway/local-gateway.ts";
import { startPreviewRenderer } from "../pipeline/preview-renderer.ts";
import { uncommittedChanges } from "../serve/uncommitted-changes.ts";
import { filesToForget, forgetCachedFiles } from "../pipeline/eleventy-cache.ts";
import { closeSearchProcess, keepSearchProcess } from "../pipeline/stages/search-index.ts";

type Base = { protocol: "http:"; apex: string };
type DevServer = Awaited<ReturnType<typeof startDevServer>>;
type LocalGateway = Awaited<ReturnType<typeof localGateway>>;

/** What changes while `npm start` runs: the units there are, the retired ones, CMS requests under way. */
interface StartState {
  slugs: Set<string>;
  retired: Map<string, { archived: boolean }>;
  cmsRequests: number;
}

const retiredOf = async (ws: Workspace) =>
  new Map((await readRetired(ws)).map((s) => [s.slug, { archived: s.archived === true }] as const));

const report = (r: SiteResult) => {
  if (r.ok) console.log(`✔ ${r.slug} (${r.ms} ms)`);
  else console.error(`✘ ${r.slug}:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`);
};

/**
 * `npm start`: build every site for http://*.localhost:<port>, serve them, and rebuild a site when
 * its files change. Output goes to .cache/serve, never dist/, whose URLs are production's.
 */
export async function runStart(workspace: Workspace, options: { port: number; progress?: Progress }): Promise<number> {
  const ws: Workspace = { ...workspace, distDir: join(workspace.cacheDir, "serve") };
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  const base: Base = { protocol: "http:", apex: `localhost:${options.port}` };
  const state: StartState = { slugs: new Set(await listSiteSlugs(ws)), retired: await retiredOf(ws), cmsRequests: 0 };
  await firstBuild(ws, base, options.progress);
  const { server, local } = await serve(ws, portal, state, options.port);
  const rebuild = rebuilder(ws, portal, base, state, server, local);
  // The rebuilds run in this thread: Pagefind's process is kept for the next.
  keepSearchProcess();
  const schedule = scheduledRebuilds(ws, portal, () => watcher.rebuildAll());
  const watcher = watchSites(
    ws,
    async (changes) => {
      try {
        await rebuild(changes);
      } catch (error) {
        const message = `Internal error: the rebuild failed (${error instanceof Error ? error.message : String(error)}); the sites keep serving their last good version.`;
        console.error(error instanceof Error && error.stack ? `${message}\n${error.stack}` : message);
        server.live.notifyAll([message]);
      } finally {
        schedule.arm();
      }
    },
    {
      affectsAll: (path) => path.split(sep).slice(0, 3).join("/") === `${portal.hub}/content/siaran`,
      hold: () => state.cmsRequests > 0,
    },
  );
  schedule.arm();
  printAddresses(server, options.port);

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  schedule.stop();
  watcher.close();
  await server.close();
  await local?.gateway.previews?.close();
  await closeSearchProcess();
  return 0;
}

/** What the first build is doing, as a developer waiting for it reads it. */
const stageNames: Record<string, string> = {
  "clearing what earlier builds left in dist/": "membersihkan sisa pembangunan sebelumnya",
  validate: "memeriksa isi setiap situs",
  "reading each unit's activity from its content and Git history":
    "membaca kegiatan setiap unit dari isi dan riwayat Git",
  "reading the units' manifests for the hub": "menyiapkan daftar unit untuk portal induk",
  eleventy: "membuat halaman dan mengodekan foto (pertama kali: beberapa menit)",
  "search index (pagefind)": "membuat indeks pencarian",
  publish: "menyiapkan situs untuk disajikan",
};

/**
 * Every site built once before serving. The first one encodes every photo and can take minutes:
 * it says at once that it started, names each stage as it begins and, every 15 s, what it is
 * still doing, so a long wait never looks like a hang.
 */
async function firstBuild(ws: Workspace, base: Base, progress: Progress | undefined): Promise<void> {
  const started = performance.now();
  const seconds = () => ((performance.now() - started) / 1000).toFixed(0);
  const name = (stage: string) => stageNames[stage] ?? stage;
  const tracker = progress ?? new Progress();
  console.log("Membangun semua situs sebelum disajikan…");
  const stop = tracker.onStage((stage) => console.log(`· ${name(stage)} (${seconds()} dtk)`));
  const heartbeat = setInterval(() => console.log(`  … masih ${name(tracker.stage)} (${seconds()} dtk)`), 15_000);
  heartbeat.unref();
  const first = await buildSites(ws, undefined, {
    base,
    onResult: report,
    cmsLocalBackend: true,
    cmsFiles: true,
    // WebP and JPEG only, encoded quickly: a first start encodes every photo (image-options.ts).
    quickImages: true,
    progress: tracker,
  }).finally(() => {
    stop();
    clearInterval(heartbeat);
  });
  for (const p of first.fatal) console.error(formatProblem(p));
  console.log(
    `${first.results.filter((r) => r.ok).length} situs siap dalam ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
}

/** The sites on http://*.localhost:<port>, with the CMS writing to this repository through the local gateway. */
async function serve(ws: Workspace, portal: PortalConfig, state: StartState, port: number) {
  const dirty = uncommittedChanges(ws.root);
  if (dirty)
    console.warn(
      `Perhatian: ada ${dirty} berkas yang berubah tetapi belum di-commit. CMS lokal menerbitkan ke cabang yang sedang dipakai dan tidak dapat menerbitkan sampai perubahan itu di-commit atau di-stash (draf tetap dapat disimpan).`,
    );
  const renderer = startPreviewRenderer();
  const local = await localGateway(ws, portal, state.slugs, {
    port,
    previews: { renderer, base: { protocol: "http:", apex: `localhost:${port}` } },
  }).catch(async (error: unknown) => {
    // Not a Git repository (a copied folder): the sites still serve; the CMS cannot save.
    console.error(`CMS lokal tidak aktif: ${error instanceof Error ? error.message : String(error)}`);
    await renderer.close();
    return undefined;
  });
  const cmsApi = local?.handler;
  // A publication updates this working tree while the gateway answers: the watcher waits until
  // the request is over, so a save is built once, whole.
  const cmsHandler = cmsApi
    ? (req: IncomingMessage, res: ServerResponse) => {
        state.cmsRequests++;
        res.once("close", () => state.cmsRequests--);
        cmsApi(req, res);
      }
    : undefined;
  const server = await startDevServer({
    distDir: ws.distDir,
    domain: portal.domain,
    hub: portal.hub,
    slugs: () => state.slugs,
    retired: () => state.retired,
    port,
    ...(cmsHandler && local ? { cmsApi: cmsHandler, adminCookie: local.adminCookie } : {}),
  });
  return { server, local };
}

/** Where everything is, printed once a save is watched too: an edit made after reading it is seen. */
function printAddresses(server: DevServer, port: number): void {
  console.log(
    `\nPortal induk:  ${server.url}\nSitus unit:    http://<slug>.localhost:${port}/  (misalnya http://dinkes.localhost:${port}/)\nKelola isi:    http://<slug>.localhost:${port}/admin/  (menyimpan ke repositori Git ini)\nTekan Ctrl+C untuk berhenti.\n`,
  );
}

/**
 * What a change of files rebuilds. A rebuild never ends the server: whatever a save does (an
 * alias bomb, a folder where a file belongs, portal.json deleted, even a bug of ours), the sites
 * keep serving their last good version and the reason is printed and shown on every open page of
 * the sites concerned.
 */
function rebuilder(
  ws: Workspace,
  portal: PortalConfig,
  base: Base,
  state: StartState,
  server: DevServer,
  local: LocalGateway | undefined,
) {
  return async (changes: Changes) => {
    // A schema edit changes what validation accepts, the CMS's fields and the pages: every part
    // reads the schemas through one loader, so reading them again here is enough.
    if ([...changes.files].some((file) => file.startsWith(`${ws.schemaDir}${sep}`))) {
      try {
        // Compiled before use, so a schema ajv refuses leaves the last good set in place.
        reloadSchemas(ws.schemaDir, compileSchemas);
      } catch (error) {
        const message = `content-schema/ cannot be read (${error instanceof Error ? error.message : String(error)}); the sites keep serving their last good version.`;
        console.error(message);
        server.live.notifyAll([message]);
        return;
      }
    }
    const slugs = (state.slugs = new Set(await listSiteSlugs(ws)));
    if (local) local.gateway.units = slugs;
    const changed = changes.slugs === "*" ? undefined : [...changes.slugs].filter((s) => slugs.has(s));
    if (changed && changed.length === 0) return;
    // The hub shows every unit's latest items, so it follows any unit's change.
    const only = changed && slugs.has(portal.hub) && !changed.includes(portal.hub) ? [...changed, portal.hub] : changed;
    await forgetCachedFiles(filesToForget(ws, only ?? [...slugs], changes.files));
    const t = performance.now();
    const result = await buildSites(ws, only, {
      base,
      cmsLocalBackend: true,
      cmsFiles: true,
      quickImages: true,
      onResult: (r) => {
        report(r);
        server.live.notify({ slug: r.slug, ok: r.ok, problems: r.problems.map(formatProblem) });
      },
    });
    // After the build: a retired unit's name redirects once the hub's page about it exists.
    state.retired = await retiredOf(ws);
    const fatal = result.fatal.map(formatProblem);
    for (const line of fatal) console.error(line);
    if (fatal.length) server.live.notifyAll(fatal);
    console.log(`Dibangun ulang dalam ${Math.round(performance.now() - t)} ms.`);
  };
}

/**
 * A broadcast, and an item with publish_at or unpublish_at, appears and disappears on time with
 * no file changed: every site is rebuilt at the next such moment (in production, the scheduled
 * workflow does this every 15 minutes).
 */
function scheduledRebuilds(ws: Workspace, portal: PortalConfig, rebuildAll: () => void) {
  let timer: NodeJS.Timeout | undefined;
  let stopping = false;
  const arm = (): void => {
    clearTimeout(timer);
    if (stopping) return;
    let next: Date | undefined;
    try {
      const now = new Date();
      next = nextBroadcastChange(readBroadcasts(ws, portal), now);
      // An item's own publish_at or unpublish_at wakes the sites too.
      const scheduled = nextPublicationChange(ws, portal, now);
      if (scheduled && (!next || scheduled < next)) next = scheduled;
    } catch {
      // The hub's own build reports a broadcast that cannot be read.
      next = undefined;
    }
    if (!next) return;
    const at = next;
    // setTimeout holds at most ~24.8 days; a later moment is re-armed when this one fires.
    const wait = Math.min(at.getTime() - Date.now() + 500, 2 ** 31 - 1);
    timer = setTimeout(() => {
      if (Date.now() < at.getTime()) return arm();
      console.log(`Jadwal siaran atau terbit berubah pada ${at.toISOString()}: semua situs dibangun ulang.`);
      rebuildAll();
    }, wait);
    // The server keeps the process alive; this timer alone must not (a rebuild finishing during
    // shutdown would otherwise hold Ctrl+C for up to the next broadcast's start).
    timer.unref();
  };
  return {
    arm,
    stop: () => {
      stopping = true;
      clearTimeout(timer);
    },
  };
}

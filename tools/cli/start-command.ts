import type { IncomingMessage, ServerResponse } from "node:http";
import { join, sep } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { buildSites, type SiteResult } from "../pipeline/build-sites.ts";
import { listSiteSlugs, readRetired } from "../content/registry.ts";
import { reloadSchemas } from "../schema/schemas.ts";
import { compileSchemas } from "../content/schema-validator.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { startDevServer } from "../serve/dev-server.ts";
import { watchSites, type Changes } from "../serve/watch-sites.ts";
import type { Progress } from "../core/progress.ts";
import { nextBroadcastChange, readBroadcasts } from "../content/broadcasts.ts";
import { nextPublicationChange } from "../content/publication-window.ts";
import { localGateway } from "../gateway/local-gateway.ts";
import { uncommittedChanges } from "../serve/uncommitted-changes.ts";
import { filesToForget, forgetCachedFiles } from "../pipeline/eleventy-cache.ts";

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
  const base = { protocol: "http:" as const, apex: `localhost:${options.port}` };
  let slugs = new Set(await listSiteSlugs(ws));
  const retiredSlugs = async () =>
    new Map((await readRetired(ws)).map((s) => [s.slug, { archived: s.archived === true }] as const));
  let retired = await retiredSlugs();

  const report = (r: SiteResult) => {
    if (r.ok) console.log(`✔ ${r.slug} (${r.ms} ms)`);
    else console.error(`✘ ${r.slug}:\n${r.problems.map((p) => `  ${p}`).join("\n")}`);
  };
  const started = performance.now();
  const cms = { cmsLocalBackend: true };
  const first = await buildSites(ws, undefined, {
    base,
    onResult: report,
    ...cms,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  for (const line of first.fatal) console.error(line);
  console.log(
    `${first.results.filter((r) => r.ok).length} situs siap dalam ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );

  const dirty = uncommittedChanges(ws.root);
  if (dirty)
    console.warn(
      `Perhatian: ada ${dirty} berkas yang berubah tetapi belum di-commit. CMS lokal menerbitkan ke cabang yang sedang dipakai dan tidak dapat menerbitkan sampai perubahan itu di-commit atau di-stash (draf tetap dapat disimpan).`,
    );
  const local = await localGateway(ws, portal, slugs, { port: options.port }).catch((error: unknown) => {
    // Not a Git repository (a copied folder): the sites still serve; the CMS cannot save.
    console.error(`CMS lokal tidak aktif: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const cmsApi = local?.handler;
  // A publication updates this working tree while the gateway answers: the watcher waits until
  // the request is over, so a save is built once, whole.
  let cmsRequests = 0;
  const cmsHandler = cmsApi
    ? (req: IncomingMessage, res: ServerResponse) => {
        cmsRequests++;
        res.once("close", () => cmsRequests--);
        cmsApi(req, res);
      }
    : undefined;
  const server = await startDevServer({
    distDir: ws.distDir,
    domain: portal.domain,
    hub: portal.hub,
    slugs: () => slugs,
    retired: () => retired,
    port: options.port,
    ...(cmsHandler && local ? { cmsApi: cmsHandler, adminCookie: local.adminCookie } : {}),
  });
  console.log(
    `\nPortal induk:  ${server.url}\nSitus unit:    http://<slug>.localhost:${options.port}/  (misalnya http://dinkes.localhost:${options.port}/)\nKelola isi:    http://<slug>.localhost:${options.port}/admin/  (menyimpan ke repositori Git ini)\nTekan Ctrl+C untuk berhenti.\n`,
  );

  // A rebuild never ends the server: whatever a save does (an alias bomb, a folder where a file
  // belongs, portal.json deleted, even a bug of ours), the sites keep serving their last good
  // version and the reason is printed and shown on every open page of the sites concerned.
  const rebuild = async (changes: Changes) => {
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
    slugs = new Set(await listSiteSlugs(ws));
    if (local) local.gateway.units = slugs;
    const changed = changes.slugs === "*" ? undefined : [...changes.slugs].filter((s) => slugs.has(s));
    if (changed && changed.length === 0) return;
    // The hub shows every unit's latest items, so it follows any unit's change.
    const only = changed && slugs.has(portal.hub) && !changed.includes(portal.hub) ? [...changed, portal.hub] : changed;
    await forgetCachedFiles(filesToForget(ws, only ?? [...slugs], changes.files));
    const t = performance.now();
    const result = await buildSites(ws, only, {
      base,
      ...cms,
      onResult: (r) => {
        report(r);
        server.live.notify({ slug: r.slug, ok: r.ok, problems: r.problems });
      },
    });
    // After the build: a retired unit's name redirects once the hub's page about it exists.
    retired = await retiredSlugs();
    for (const line of result.fatal) console.error(line);
    if (result.fatal.length) server.live.notifyAll(result.fatal);
    console.log(`Dibangun ulang dalam ${Math.round(performance.now() - t)} ms.`);
  };
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
        scheduleBroadcastRebuild();
      }
    },
    {
      affectsAll: (path) => path.split(sep).slice(0, 3).join("/") === `${portal.hub}/content/siaran`,
      hold: () => cmsRequests > 0,
    },
  );

  // A broadcast, and an item with publish_at or unpublish_at, appears and disappears on time with
  // no file changed: every site is rebuilt at the next such moment (in production, the scheduled
  // workflow does this every 15 minutes).
  let broadcastTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  function scheduleBroadcastRebuild(): void {
    clearTimeout(broadcastTimer);
    if (stopping) return;
    let next: Date | undefined;
    try {
      const now = new Date();
      next = nextBroadcastChange(readBroadcasts(ws, portal!), now);
      // An item's own publish_at or unpublish_at wakes the sites too.
      const scheduled = nextPublicationChange(ws, portal!, now);
      if (scheduled && (!next || scheduled < next)) next = scheduled;
    } catch {
      // The hub's own build reports a broadcast that cannot be read.
      next = undefined;
    }
    if (!next) return;
    // setTimeout holds at most ~24.8 days; a later moment is re-armed when this one fires.
    const wait = Math.min(next.getTime() - Date.now() + 500, 2 ** 31 - 1);
    broadcastTimer = setTimeout(() => {
      if (Date.now() < next.getTime()) return scheduleBroadcastRebuild();
      console.log(`Jadwal siaran atau terbit berubah pada ${next.toISOString()}: semua situs dibangun ulang.`);
      watcher.rebuildAll();
    }, wait);
    // The server keeps the process alive; this timer alone must not (a rebuild finishing during
    // shutdown would otherwise hold Ctrl+C for up to the next broadcast's start).
    broadcastTimer.unref();
  }
  scheduleBroadcastRebuild();

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  stopping = true;
  clearTimeout(broadcastTimer);
  watcher.close();
  await server.close();
  return 0;
}

import { rm } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { Batch, PublishContext, SiteResult } from "./build-context.ts";
import type {
  AppendSearch,
  CloseThread,
  IndexPublishDone,
  IndexPublishJob,
  PrepareSearch,
  RecordsDirs,
  ThreadClosed,
} from "./index-publish-messages.ts";
import { buildFailed } from "./index-publish.ts";
import { runnableModule } from "../core/runnable-module.ts";
import type { SearchRecord } from "./stages/search-index.ts";

export interface IndexPublishThread {
  /**
   * Starts the index of these records in the thread, while the site still renders, unless
   * `cacheDir` holds it (records-index.ts): the hub's records of every unit's page, which its
   * batch (run) then places beside the index of its own pages.
   */
  prepareSearch(slug: string, records: readonly SearchRecord[], dirs: RecordsDirs): void;
  /**
   * Gives Pagefind some of the site's records now, before all are known: a `prepareSearch` with
   * exactly the records appended, in their order, keeps them; any other replaces them.
   */
  appendSearch(slug: string, records: readonly SearchRecord[]): void;
  /** Queues the batch; resolves once each of its sites is reported to `build.report`. */
  run(batch: Batch, build: PublishContext): Promise<void>;
  /** Ends the thread (after the batches queued, which the caller awaits first). */
  close(): Promise<void>;
}

/**
 * Eleventy keeps the build's thread busy for seconds at a time (its pages render as one long
 * chain of promises; measured at 500 units: the event loop waited 150–550 ms on average while it
 * rendered), so Pagefind's answers and the publishing's file operations queued there would wait
 * for the whole render. In a thread of their own, the batch before renders' index and publish run
 * on the machine's other core meanwhile.
 */
export function startIndexPublishThread(): IndexPublishThread {
  // The thread runs what the build runs: from the sources, tsx is registered in it before its
  // module loads; compiled, its entry is plain JavaScript.
  const entry = runnableModule(new URL("./index-publish-worker.ts", import.meta.url));
  const boot = `
    const { workerData } = require("node:worker_threads");
    (workerData.tsx ? import(workerData.tsx).then(({ register }) => register()) : Promise.resolve())
      .then(() => import(workerData.entry));
  `;
  const worker = new Worker(boot, {
    eval: true,
    workerData: { tsx: entry.needsTsx ? import.meta.resolve("tsx/esm/api") : undefined, entry: entry.url.href },
  });
  const pending = new Map<number, { batch: Batch; build: PublishContext; resolve: () => void }>();
  let next = 0;
  let stopped: string | undefined;

  const settle = async (id: number, results: SiteResult[], error?: string) => {
    const job = pending.get(id);
    if (!job) return;
    pending.delete(id);
    for (const result of results) job.build.report(result);
    const reported = new Set(results.map((r) => r.slug));
    for (const site of job.batch.sites.filter((s) => !reported.has(s.slug)))
      job.build.report({
        slug: site.slug,
        ok: false,
        pages: 0,
        ms: 0,
        problems: [buildFailed(site.slug, new Error(`indexing and publishing: ${error ?? "no result"}`))],
      });
    // Gone with a thread that stopped; otherwise already removed there.
    await rm(job.batch.staging, { recursive: true, force: true, maxRetries: 5 });
    job.resolve();
  };
  const failAll = (reason: string) => {
    stopped ??= reason;
    for (const id of [...pending.keys()]) void settle(id, [], reason);
  };
  let closed: (() => void) | undefined;
  worker.on("message", (m: IndexPublishDone | ThreadClosed) => {
    if (m.kind === "closed") closed?.();
    else void settle(m.id, m.results, m.error);
  });
  worker.on("error", (error) => failAll(`the indexing thread failed: ${error.message}`));
  worker.on("exit", (code) => failAll(`the indexing thread stopped (exit code ${code})`));

  return {
    run(batch, build) {
      const slugs = new Set(batch.sites.map((s) => s.slug));
      const only = <V>(map: ReadonlyMap<string, V>) => new Map([...map].filter(([slug]) => slugs.has(slug)));
      const id = next++;
      return new Promise<void>((resolve) => {
        pending.set(id, { batch, build, resolve });
        if (stopped) return void settle(id, [], stopped);
        const job: IndexPublishJob = {
          kind: "run",
          id,
          batch,
          context: {
            // Its paths only (a caller's workspace may carry functions, which no thread receives).
            ws: {
              root: build.ws.root,
              portalFile: build.ws.portalFile,
              sitesDir: build.ws.sitesDir,
              distDir: build.ws.distDir,
              cacheDir: build.ws.cacheDir,
              themeDir: build.ws.themeDir,
              schemaDir: build.ws.schemaDir,
            },
            portal: build.portal,
            media: only(build.media),
            withheld: only(build.withheld),
            ...(build.cmsLocalBackend ? { cmsLocalBackend: build.cmsLocalBackend } : {}),
            ...(build.cmsFiles ? { cmsFiles: build.cmsFiles } : {}),
            ...(build.preview ? { preview: build.preview } : {}),
            // The units' records are not sent with a batch: prepareSearch gives them to the thread
            // beforehand. The recent few that go into the hub's own index are.
            ...(build.hubOwnRecords?.length && slugs.has(build.portal.hub)
              ? { hubOwnRecords: build.hubOwnRecords }
              : {}),
          },
        };
        try {
          worker.postMessage(job);
        } catch (error) {
          void settle(id, [], `the batch could not be handed to the indexing thread: ${(error as Error).message}`);
        }
      });
    },
    prepareSearch(slug, records, dirs) {
      if (!stopped) worker.postMessage({ kind: "prepare", slug, records, ...dirs } satisfies PrepareSearch);
    },
    appendSearch(slug, records) {
      if (!stopped && records.length) worker.postMessage({ kind: "append", slug, records } satisfies AppendSearch);
    },
    async close() {
      if (!stopped) {
        // Pagefind's process, which the thread keeps for its life, ends with it; a thread that
        // does not answer within seconds is ended anyway.
        stopped = "the build ended";
        const answered = new Promise<void>((resolve) => {
          closed = resolve;
          setTimeout(resolve, 5000).unref();
        });
        worker.postMessage({ kind: "close" } satisfies CloseThread);
        await answered;
      }
      await worker.terminate();
    },
  };
}

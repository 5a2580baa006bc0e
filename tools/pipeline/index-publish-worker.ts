import { parentPort } from "node:worker_threads";
import { Progress } from "../core/progress.ts";
import type { SiteResult } from "./build-context.ts";
import { indexPublish } from "./index-publish.ts";
import type { IndexPublishDone, ThreadMessage } from "./index-publish-messages.ts";
import {
  closeSearchProcess,
  keepSearchProcess,
  type UnitRecords,
  addSearchRecords,
  sameRecords,
  startSearchIndex,
} from "./stages/search-index.ts";
import { recordsIndexCached } from "./stages/records-index.ts";

/**
 * The thread that indexes and publishes the units' batches while the build's own thread renders
 * the next (index-publish-thread.ts starts it). One batch after another, in the order sent:
 * Pagefind and the disk serve one batch at a time.
 */
let queue: Promise<void> = Promise.resolve();
/**
 * The hub's records, given before its batch arrives, with their index started in Pagefind (none
 * when the cache holds their index: records-index.ts).
 */
const started = new Map<string, UnitRecords>();

// One Pagefind process for the thread's life, so that the hub's records go into it at once,
// beside the units' last batch (a batch's end would otherwise close the process under them).
keepSearchProcess();

parentPort!.on("message", (message: ThreadMessage) => {
  if (message.kind === "append") {
    // At once too, after the records appended before (Pagefind takes them in the order sent).
    // Not looked for in the cache: these are some of the records, and Pagefind takes them while
    // the units still render.
    const earlier = started.get(message.slug);
    if (!earlier) started.set(message.slug, { records: message.records, started: startSearchIndex(message.records) });
    else {
      const records = [...earlier.records, ...message.records];
      started.set(message.slug, {
        records,
        started: Promise.resolve(earlier.started).then((s) =>
          s ? addSearchRecords(s, message.records) : startSearchIndex(records),
        ),
      });
    }
    return;
  }
  if (message.kind === "prepare") {
    // At once, not in the queue: the records go into Pagefind while the site renders and the
    // batches before it are indexed. The records appended already, if they are these, stay;
    // records given again otherwise replace the earlier ones.
    const earlier = started.get(message.slug);
    if (earlier && sameRecords(earlier.records, message.records)) return;
    void earlier?.started?.then((s) => s?.index?.deleteIndex()).catch(() => undefined);
    // Pagefind takes them only if their index is not in the cache.
    const { records, cacheDir } = message;
    started.set(message.slug, {
      records,
      started: recordsIndexCached(cacheDir, records).then((cached) => (cached ? undefined : startSearchIndex(records))),
    });
    return;
  }
  if (message.kind === "close") {
    queue = queue.then(async () => {
      await closeSearchProcess();
      parentPort!.postMessage({ kind: "closed" });
    });
    return;
  }
  const job = message;
  queue = queue.then(async () => {
    const results: SiteResult[] = [];
    const done = (error?: unknown): IndexPublishDone => ({
      id: job.id,
      results,
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
    });
    const reply = await indexPublish(
      job.batch,
      { ...job.context, progress: new Progress(), report: (r) => results.push(r) },
      await startedFor(job.batch.sites.map((s) => s.slug)),
    ).then(
      () => done(),
      (error: unknown) => done(error),
    );
    for (const site of job.batch.sites) started.delete(site.slug);
    parentPort!.postMessage(reply);
  });
});

/**
 * The batch's records, with their started indexes. One whose Pagefind process died meanwhile (a
 * batch before it failed, and a failure closes the process) is started again with its records, once.
 */
async function startedFor(slugs: string[]): Promise<Map<string, UnitRecords>> {
  const ready = new Map<string, UnitRecords>();
  for (const slug of slugs) {
    const prepared = started.get(slug);
    if (!prepared) continue;
    const first = await prepared.started;
    if (first?.error === undefined) ready.set(slug, prepared);
    else {
      void first.index?.deleteIndex().catch(() => undefined);
      ready.set(slug, { records: prepared.records, started: startSearchIndex(prepared.records) });
    }
  }
  return ready;
}

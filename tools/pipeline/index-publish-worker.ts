import { parentPort } from "node:worker_threads";
import { Progress } from "../core/progress.ts";
import type { SiteResult } from "./build-context.ts";
import { indexPublish } from "./index-publish.ts";
import type { IndexPublishDone, ThreadMessage } from "./index-publish-messages.ts";
import { type StartedIndex, startSearchIndex } from "./stages/search-index.ts";

/**
 * The thread that indexes and publishes the units' batches while the build's own thread renders
 * the next (index-publish-thread.ts starts it). One batch after another, in the order sent:
 * Pagefind and the disk serve one batch at a time.
 */
let queue: Promise<void> = Promise.resolve();
/** Indexes started with their records before their site's batch arrives (the hub's). */
const started = new Map<string, Promise<StartedIndex>>();

parentPort!.on("message", (message: ThreadMessage) => {
  if (message.kind === "prepare") {
    // In the queue's order (a batch before it closes Pagefind's process when done), but not waited
    // for: the records go into Pagefind while the site renders.
    queue = queue.then(() => void started.set(message.slug, startSearchIndex(message.records)));
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
      started,
    ).then(
      () => done(),
      (error: unknown) => done(error),
    );
    for (const site of job.batch.sites) started.delete(site.slug);
    parentPort!.postMessage(reply);
  });
});

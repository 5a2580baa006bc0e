import { parentPort } from "node:worker_threads";
import { Progress } from "../core/progress.ts";
import type { SiteResult } from "./build-context.ts";
import { indexPublish } from "./index-publish.ts";
import type { IndexPublishDone, IndexPublishJob } from "./index-publish-thread.ts";

/**
 * The thread that indexes and publishes the units' batches while the build's own thread renders
 * the next (index-publish-thread.ts starts it). One batch after another, in the order sent:
 * Pagefind and the disk serve one batch at a time.
 */
let queue: Promise<void> = Promise.resolve();

parentPort!.on("message", (job: IndexPublishJob) => {
  queue = queue.then(async () => {
    const results: SiteResult[] = [];
    const done = (error?: unknown): IndexPublishDone => ({
      id: job.id,
      results,
      ...(error === undefined ? {} : { error: error instanceof Error ? error.message : String(error) }),
    });
    const message = await indexPublish(job.batch, {
      ...job.context,
      progress: new Progress(),
      report: (r) => results.push(r),
    }).then(
      () => done(),
      (error: unknown) => done(error),
    );
    parentPort!.postMessage(message);
  });
});

import { parentPort } from "node:worker_threads";
import { Progress } from "../core/progress.ts";
import type { SiteResult } from "./build-context.ts";
import { indexPublish } from "./index-publish.ts";
import type { IndexPublishDone, ThreadMessage } from "./index-publish-messages.ts";
import {
  closeSearchProcess,
  keepSearchProcess,
  type UnitRecords,
  addRecordParts,
  sameRecords,
  startRecordParts,
  startSearchIndex,
} from "./stages/search-index.ts";
import { recordsInParts, stageRecordsIndex } from "./stages/records-index.ts";
import { rm } from "node:fs/promises";

/**
 * The thread that indexes and publishes the units' batches while the build's own thread renders
 * the next (index-publish-thread.ts starts it). One batch after another, in the order sent:
 * Pagefind and the disk serve one batch at a time.
 */
let queue: Promise<void> = Promise.resolve();
/**
 * The hub's records, given before its batch arrives: appended, with their index started in
 * Pagefind; or all of them (prepared), with their index being linked into a folder of its own
 * (`staging`: records-index.ts stageRecordsIndex).
 */
const started = new Map<string, UnitRecords & { staging?: Promise<{ folder: string } | { error: string }> }>();

/** An index started and a folder staged for records no site will take. */
async function forget(
  entry: { started?: UnitRecords["started"]; staging?: Promise<{ folder: string } | { error: string }> } | undefined,
): Promise<void> {
  if (!entry) return;
  await Promise.all(
    (entry.started ?? []).map(async (part) => (await part)?.index?.deleteIndex().catch(() => undefined)),
  );
  const staged = await entry.staging;
  if (staged && "folder" in staged) await rm(staged.folder, { recursive: true, force: true });
}

// One Pagefind process for the thread's life, so that the hub's records go into it at once,
// beside the units' last batch (a batch's end would otherwise close the process under them).
keepSearchProcess();
// Started now, while the build's thread validates and renders: Pagefind's process takes 30–45 ms
// to start, which a build of the hub alone otherwise waited for after its render, its records'
// index coming from the cache (docs/benchmarks.md). A process that cannot start fails the first
// index the thread asks for, with the reason, as before.
void startSearchIndex([]).then((s) => s.index?.deleteIndex().catch(() => undefined));

parentPort!.on("message", (message: ThreadMessage) => {
  if (message.kind === "append") {
    // At once too, after the records appended before (Pagefind takes them in the order sent).
    // Not looked for in the cache: these are some of the records, and Pagefind takes them while
    // the units still render.
    const earlier = started.get(message.slug);
    if (!earlier) started.set(message.slug, { records: message.records, started: startRecordParts(message.records) });
    else
      started.set(message.slug, {
        records: [...earlier.records, ...message.records],
        started: addRecordParts(earlier.started ?? [], message.records),
      });
    return;
  }
  if (message.kind === "prepare") {
    // At once, not in the queue: the records' index is made ready while the site renders and the
    // batches before it are indexed (from the cache, or Pagefind writes it there), and linked
    // into a folder of its own that the site's indexing moves into place (records-index.ts).
    // The records appended already, if they are these, are its records; records given again
    // otherwise replace the earlier ones.
    const { records, cacheDir, stagingDir } = message;
    const earlier = started.get(message.slug);
    const same = earlier !== undefined && sameRecords(earlier.records, records);
    if (same && earlier.staging) return;
    if (!same) void forget(earlier);
    // No record, no index of them (the hub's search page then merges none: hub.ts `unitsIndexes`).
    if (records.length === 0) return void started.set(message.slug, { records });
    const index = same ? earlier.started : undefined;
    started.set(message.slug, {
      records,
      staging: stageRecordsIndex({ records, started: index, cacheDir, stagingDir, start: startSearchIndex }),
    });
    return;
  }
  if (message.kind === "close") {
    queue = queue.then(async () => {
      // What was prepared for a site whose batch never came (its render failed).
      await Promise.all([...started.values()].map(forget));
      started.clear();
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
    for (const site of job.batch.sites) {
      // Moved into the site when it published; still here if the site failed before.
      await forget(started.get(site.slug));
      started.delete(site.slug);
    }
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
    if (prepared.staging) {
      // Staged, or failed to be (Pagefind's process closed under it): the indexing places the
      // records' index itself then, with an index of its own.
      const staged = await prepared.staging;
      ready.set(
        slug,
        "folder" in staged ? { records: prepared.records, staged: staged.folder } : { records: prepared.records },
      );
      continue;
    }
    const parts = recordsInParts(prepared.records);
    const first = await Promise.all(prepared.started ?? []);
    ready.set(slug, {
      records: prepared.records,
      started: parts.map((records, i) => {
        const part = first[i];
        if (part?.error === undefined) return prepared.started?.[i];
        void part.index?.deleteIndex().catch(() => undefined);
        return startSearchIndex(records);
      }),
    });
  }
  return ready;
}

import type { Batch, PublishContext, SiteResult } from "./build-context.ts";
import type { SearchRecord } from "./stages/search-index.ts";

// What the build's thread and the indexing thread (index-publish-thread.ts, index-publish-worker.ts)
// send each other: plain data, copied between the threads.

/** A rendered batch, and what publishing it reads of the build, as the thread receives them. */
export interface IndexPublishJob {
  kind: "run";
  id: number;
  batch: Batch;
  context: Omit<PublishContext, "progress" | "report">;
}

/**
 * A site's search records, all of them: their index is made ready (from `cacheDir`, or by
 * Pagefind into it) and linked into a folder of `stagingDir` before the site's batch arrives.
 */
export interface PrepareSearch extends RecordsDirs {
  kind: "prepare";
  slug: string;
  records: readonly SearchRecord[];
}

/** Where the records' index is kept (the workspace's `.cache/`) and staged (dist/.staging/). */
export interface RecordsDirs {
  cacheDir: string;
  stagingDir: string;
}

/**
 * More of a site's search records, to give Pagefind now (the hub's, a batch of units at a time,
 * while the next batch renders); a `prepare` with the same records in the same order then keeps them.
 */
export interface AppendSearch {
  kind: "append";
  slug: string;
  records: readonly SearchRecord[];
}

/** The build is over: Pagefind's process ends, then the thread answers `closed` and is ended. */
export interface CloseThread {
  kind: "close";
}

export type ThreadMessage = IndexPublishJob | PrepareSearch | AppendSearch | CloseThread;

/** Each site's result; `error` when the batch's work itself threw (its other sites then failed). */
export interface IndexPublishDone {
  kind?: undefined;
  id: number;
  results: SiteResult[];
  error?: string;
}

/** The thread's answer to `close`. */
export interface ThreadClosed {
  kind: "closed";
}

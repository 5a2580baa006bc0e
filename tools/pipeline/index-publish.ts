import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import { eachInParallel } from "../core/in-parallel.ts";
import { problem } from "../problems/problem.ts";
import type { Batch, PublishContext, SiteResult } from "./build-context.ts";
import { type StagedSite, stageArchive, stagePreview, stagePublish } from "./stages/publish.ts";
import { type UnitRecords, writeSearchIndexes } from "./stages/search-index.ts";

/** Sites of a batch published at a time: each is a chain of small file operations. */
const publishConcurrency = 8;

/**
 * Stages 3 and 4 for a rendered batch: Pagefind indexes its sites in staging, then each indexed
 * site is published (a site whose index failed is not). Every site of the batch is reported once;
 * its staging folder goes, whatever happens. Runs in the build's thread (the hub, a small build)
 * or in the thread of index-publish-thread.ts while the next batch renders.
 */
export async function indexPublish(
  batch: Batch,
  build: PublishContext,
  /** The hub's records as the indexing thread holds them, their index started or not (index-publish-worker.ts). */
  started: ReadonlyMap<string, UnitRecords> = new Map(),
): Promise<void> {
  const slugs = batch.sites.map((s) => s.slug);
  const reported = new Set<string>();
  const report = (result: SiteResult) => {
    reported.add(result.slug);
    build.report(result);
  };
  // Time per site is the run's time shared by pages, for a rough idea of where it went.
  const totalPages = [...batch.outputs.values()].reduce((n, o) => n + o.pages, 0) || 1;
  const indexStarted = performance.now();
  const cleanups: Promise<void>[] = [];
  try {
    // The search index reads the finished HTML, so it is written in staging, before publishing:
    // a site is published with its index or, if indexing fails, not at all (it fails alone).
    build.progress.enter("search index (pagefind)", slugs);
    // An archive is not searched (its pages say they may be out of date); it is published into
    // the hub's site, so after the hub when both are in the batch. A draft's preview is not
    // searched either.
    const moved = (s: SiteRecord) => s.archived || build.preview !== undefined;
    const [live, archives] = [batch.sites.filter((s) => !moved(s)), batch.sites.filter(moved)];
    // Settled either way before anything is awaited: the staging below goes on if Pagefind fails.
    const indexing = writeSearchIndexes(
      live.map((site) => {
        const output = batch.outputs.get(site.slug)!;
        const records =
          started.get(site.slug) ??
          (site.slug === build.portal.hub && build.hubSearchRecords ? { records: build.hubSearchRecords } : undefined);
        const own = site.slug === build.portal.hub ? build.hubOwnRecords : undefined;
        return {
          slug: site.slug,
          dir: join(batch.staging, site.slug),
          searchable: { paths: output.searchable, pages: output.pages },
          ...(records ? { records: { ...records, cacheDir: build.ws.cacheDir } } : {}),
          ...(own?.length ? { ownRecords: own } : {}),
        };
      }),
    ).then(
      (indexes) => ({ indexes }),
      (error: unknown) => ({ error }),
    );
    // Meanwhile, what each site is published with goes into its staging folder (publish.ts).
    const staged = new Map<string, StagedSite | { error: unknown }>();
    const staging = eachInParallel(batch.sites, publishConcurrency, async (site) => {
      const stage = site.archived ? stageArchive : build.preview ? stagePreview : stagePublish;
      staged.set(site.slug, await stage(batch, build, site.slug).catch((error: unknown) => ({ error })));
    });
    // Never rejects: each site's failure to stage is kept in `staged`.
    await staging;
    const indexed = await indexing;
    if ("error" in indexed) throw indexed.error;
    const { indexes } = indexed;
    const indexMs = (performance.now() - indexStarted) / batch.sites.length;
    const publishOne = async (site: SiteRecord) => {
      const output = batch.outputs.get(site.slug)!;
      const index = moved(site) ? { ok: true as const } : indexes.get(site.slug)!;
      const ready = staged.get(site.slug)!;
      const t = performance.now();
      try {
        if (!index.ok) throw new Error(`search index: ${index.error}`);
        if ("error" in ready) throw ready.error;
        build.progress.enter("publish", [site.slug]);
        cleanups.push((await ready.commit()).cleanup);
      } catch (error) {
        report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: Math.round(performance.now() - t),
          problems: [buildFailed(site.slug, error)],
        });
        return;
      }
      report({
        slug: site.slug,
        ok: true,
        pages: output.pages,
        ms: Math.round((batch.renderMs * output.pages) / totalPages + indexMs + performance.now() - t),
        problems: [],
      });
    };
    await eachInParallel(live, publishConcurrency, publishOne);
    // Archives go into the hub's published folder: after it, one at a time.
    for (const site of archives) await publishOne(site);
  } catch (error) {
    // Indexing and publishing report each site's own failure; this is the batch's (Pagefind gone).
    for (const slug of slugs.filter((s) => !reported.has(s)))
      report({ slug, ok: false, pages: 0, ms: 0, problems: [buildFailed(slug, error)] });
  } finally {
    await Promise.all([...cleanups, rm(batch.staging, { recursive: true, force: true, maxRetries: 5 })]);
  }
}

/** A site's build that threw: the error's own words (English, for DKISP's developers) in the problem. */
export const buildFailed = (slug: string, error: unknown) =>
  problem("build-failed", `sites/${slug}`, "", { detail: describe(error) });

/** Eleventy wraps errors several levels deep; the innermost message is the one that helps. */
function describe(error: unknown): string {
  const messages: string[] = [];
  let e: unknown = error;
  while (e instanceof Error) {
    messages.push(e.message);
    e = (e as Error & { originalError?: unknown }).originalError ?? e.cause;
  }
  return messages.length ? messages.join(" ← ") : String(error);
}

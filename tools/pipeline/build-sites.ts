import { portalDefaults } from "../core/portal-defaults.ts";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { Progress } from "../core/progress.ts";
import { readUiStrings } from "../generator/run-context.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { baseFromEnv, type Base } from "../published/site-origin.ts";
import { type Batch, type BuildContext, type SiteResult, stagingRoot } from "./build-context.ts";
import { clearDebris } from "./debris.ts";
import { hubData, publishedUnits, unitSearchRecords } from "./stages/hub.ts";
import type { HubSearchRecordSets } from "./stages/hub-search-records.ts";
import { type ContentFact, type PublishedUnit, publishedUnitOf } from "../published/hub-facts.ts";
import { render } from "./stages/render.ts";
import { buildFailed, indexPublish } from "./index-publish.ts";
import { type IndexPublishThread, startIndexPublishThread } from "./index-publish-thread.ts";
import { startValidation, type Validated, type ValidationUnderWay } from "./stages/validate.ts";
import { type SiteEntry, type ValidationPlan, validateEntry } from "../content/validate-workspace.ts";
import { countContentFiles, inFolderOrder } from "../content/site-files.ts";
import { regencyReport } from "../report/unit-report.ts";
import { readUnitHistory, type UnitHistory } from "../content/unit-history.ts";
import { saveImageResults } from "../generator/image-results.ts";

export type { SiteResult } from "./build-context.ts";

export interface BuildReport {
  results: SiteResult[];
  /** portal.json problems (or a site asked for that does not exist) stop every build. */
  fatal: Problem[];
}

/** What the stages of one build hand each other. */
interface BuildRun {
  ws: Workspace;
  only: readonly string[] | undefined;
  options: BuildOptions;
  progress: Progress;
  now: Date;
  /** portal.json's problems, which stop the build after validation. */
  fatal: Problem[];
  validated?: Extract<Validated, { context: unknown }>;
  build?: BuildContext;
  /** Why the report could not be computed (broken completeness rules): the hub fails with it. */
  statusError?: string;
  /** Whether build.status covers only the units this build renders (a partial build's first pass). */
  statusPartial?: boolean;
  /** Git's history of the units, read from the start of the build beside validation. */
  history: Promise<UnitHistory>;
  results: SiteResult[];
  /** The indexing thread of a big build (index-publish-thread.ts), started by the first stage that needs it. */
  thread?: IndexPublishThread;
  /**
   * What the units this build rendered will publish, read from staging as each batch goes to the
   * indexing thread: the hub renders from it while their last batches are still being indexed and
   * published, and checks that they were before its own publishing (hubStage).
   */
  staged: Map<string, PublishedUnit>;
  /** Settles once every unit batch handed to the indexing thread is reported. */
  unitsPublished?: Promise<void>;
  /** A full build of many batches: its units are validated batch by batch (validateStage). */
  validating?: ValidationByBatch;
  /** What the units' builds kept for the hub, read when this build renders the hub and no unit (searchHubEarly). */
  publishedBefore?: PublishedBefore;
}

/** The units' facts a build of the hub alone reads first, their search records, and whether the indexing thread has them. */
interface PublishedBefore {
  units: Map<string, PublishedUnit>;
  /** The hub's data takes them rather than making them again. */
  records: HubSearchRecordSets;
  given: boolean;
}

/** The units of a full build of many batches, validated a batch at a time. */
interface ValidationByBatch {
  plan: ValidationPlan;
  add: ValidationUnderWay["add"];
  /** The units in the batches they render in. */
  batches: SiteEntry[][];
  /** The archives, which render with the hub. */
  later: SiteEntry[];
}

export interface BuildOptions {
  base?: Base;
  now?: Date;
  onResult?: (r: SiteResult) => void;
  cmsLocalBackend?: boolean;
  /**
   * Link the CMS's files into each built site, for a server that serves the build as it is
   * (`npm start`). Without it a site holds only `admin/decap/bundle.json`, which names them, and
   * the deploy adds them: Nx's cache then keeps no copy of the CMS per site.
   */
  cmsFiles?: boolean;
  /**
   * Pictures in WebP and JPEG only, encoded quickly, whatever portal.json says (`npm start` and
   * the editors' previews: AVIF is most of a photo's encoding time, and a first start encodes
   * every photo; image-options.ts "quick").
   */
  quickImages?: true;
  progress?: Progress;
  /** How many content files the units' Eleventy runs take at a time (default `batchContentFiles`). */
  batchContentFiles?: number;
  /**
   * Build a draft's preview (draft-preview.ts): the one site asked for, rendered to be served at
   * `prefix`, written to `dist/<slug>/` without search index, theme assets or CMS. For the hub,
   * `published` is where the units' built sites are (their manifests): the hub's lists come from there.
   * `entry` (relative to the workspace) is the draft's own file: in the preview even before its `publish_at`.
   */
  preview?: { prefix: string; published?: string; entry?: string };
}

/** One step of the build: its name, what it reads and what it hands on, and how it runs. */
export interface Stage {
  name: string;
  module: string;
  reads: string;
  handsOn: string;
  run: (run: BuildRun) => Promise<void>;
}

/**
 * The build, stage by stage, run in this order (as markdown-it runs its core rules). Each stage
 * has one job; what one hands the next is explicit. The units and the hub each go through render,
 * index and publish in one batch (renderIndexPublish). docs/architecture.md prints this table.
 */
export const stages: readonly Stage[] = [
  {
    name: "debris",
    module: "pipeline/debris.ts",
    reads: "dist/",
    handsOn: "a dist/ without the staging folders and half-published sites of runs that died",
    run: async (r) => {
      r.progress.enter("clearing what earlier builds left in dist/");
      await clearDebris(r.ws);
    },
  },
  {
    name: "validate",
    module: "pipeline/stages/validate.ts",
    reads:
      "portal.json, every site.json, every asked-for site folder, once (a full build of many batches: the hub here, each batch's units just before they render)",
    handsOn:
      "problems; the registry, retired units, broadcasts, front matter, media, body references, each body's parse (its page renders from it); each valid unit's facts for the hub",
    run: validateStage,
  },
  {
    name: "report",
    module: "report/unit-report.ts",
    reads:
      "what validation parsed, Git history (one `git log`, started before validation); when only some sites are built, what the others' builds kept for the hub (`dist/.manifests/<slug>.hub.json`), just before the hub; in a build of many batches, each batch's units before they render, and every unit before the hub",
    handsOn: "every unit's activity and completeness: dormant pages, the hub's directory and /status/",
    run: reportStage,
  },
  {
    name: "units",
    module: "pipeline/stages/render.ts, search-index.ts, publish.ts; pipeline/index-publish-thread.ts",
    reads: "what validation parsed, the theme",
    handsOn:
      "`dist/<slug>/` of each valid unit (an archive: `dist/<hub>/arsip/<slug>/`), replaced in one rename; in batches of about 1,000 content files, each indexed and published in a thread while the next renders (the last ones while the hub renders, from what they will publish)",
    run: buildUnits,
  },
  {
    name: "hub",
    module: "pipeline/stages/hub.ts",
    reads:
      "what the units' builds kept for it (their manifests and content facts; of the units still publishing, what they will publish, checked before the hub publishes), the report, the retired units",
    handsOn: "the hub, through render, index and publish",
    run: hubStage,
  },
];

/**
 * Validates the sites, then builds the valid units in Eleventy runs of about `batchContentFiles`
 * content files (one instance a batch, each theme template compiled once for it: see
 * docs/benchmarks.md for what that saves over an instance per site), then the hub from what the
 * units published. A site with problems fails alone: it is left out of the run. If a run itself
 * fails, its sites are built again one by one, so the error is pinned on its site and the others
 * publish.
 */
export async function buildSites(
  ws: Workspace,
  only: readonly string[] | undefined,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const now = options.now ?? new Date();
  const run: BuildRun = {
    ws,
    only,
    options,
    progress: options.progress ?? new Progress(),
    now,
    fatal: [],
    results: [],
    history: readUnitHistory(ws.root, now),
    staged: new Map(),
  };
  try {
    for (const stage of stages) {
      await stage.run(run);
      if (run.fatal.length) return { results: [], fatal: run.fatal };
    }
    // The units' last batches, which may still be in the indexing thread (a build without the hub).
    await run.unitsPublished;
  } finally {
    // A stage that threw does not cut the units' publishing short.
    await run.unitsPublished;
    await run.thread?.close();
    // eleventy-img's new answers (generator/image-results.ts), once a build: the file is read
    // and written whole.
    await saveImageResults();
  }
  return { results: run.results.sort((a, b) => a.slug.localeCompare(b.slug)), fatal: [] };
}

async function validateStage(r: BuildRun): Promise<void> {
  r.progress.enter("validate", r.only ?? []);
  const started = await startValidation(r.ws, r.only, r.now);
  if ("fatal" in started) {
    r.fatal = started.fatal;
    return;
  }
  const { plan, validated, add } = started;
  searchHubEarly(r, plan, validated.context);
  const order =
    r.only || r.options.preview ? undefined : unitBatches(plan, r.options.batchContentFiles ?? batchContentFiles);
  if (order) r.validating = { plan, add, batches: order.batches, later: order.later };
  for (const entry of order?.ahead ?? plan.wanted) add(await validateEntry(plan, entry));
  r.validated = validated;
  r.build = {
    ...validated.context,
    ui: readUiStrings(r.ws.themeDir),
    progress: r.progress,
    base: r.options.base ?? baseFromEnv(validated.context.portal),
    images: r.options.quickImages
      ? "quick"
      : (validated.context.portal.images?.avif ?? portalDefaults.images.avif)
        ? "avif"
        : "webp-jpeg",
    ...(r.options.cmsLocalBackend ? { cmsLocalBackend: r.options.cmsLocalBackend } : {}),
    ...(r.options.cmsFiles ? { cmsFiles: r.options.cmsFiles } : {}),
    ...(r.options.preview ? { preview: r.options.preview } : {}),
    // A draft scheduled for later (publish_at) is what its preview is for: its own page is in.
    ...(r.options.preview?.entry
      ? {
          unpublished: new Set(
            [...validated.context.unpublished].filter((p) => p !== join(r.ws.root, r.options.preview!.entry!)),
          ),
        }
      : {}),
    report: (result) => {
      r.options.onResult?.(result);
      r.results.push(result);
    },
  };
  for (const failed of validated.failed) r.build.report(failed);
}

/**
 * A build that renders the hub and no unit (an edit's build of the hub in CI, `portal build
 * portal`) reads every unit's records of the hub's search from what the unit's last build kept
 * (dist/.manifests/), all known once the registry is: their index is made ready in the indexing
 * thread now, while the hub validates and renders (from .cache/search, or Pagefind writes it there:
 * the better part of a second for a region's 3,000; stages/records-index.ts), where the hub's
 * index waited for them after its pages were rendered (a 40 × 100 regency: 0.2–0.5 s;
 * docs/benchmarks.md). The hub's stage then renders from what was read here, with these records
 * (the same as its data would make), and does not give them to the thread again.
 */
function searchHubEarly(
  r: BuildRun,
  plan: ValidationPlan,
  context: Extract<Validated, { context: unknown }>["context"],
): void {
  const { portal, registry, archives } = context;
  const renders = plan.wanted.map((e) => e.name);
  if (r.options.preview || !renders.includes(portal.hub) || !renders.every((s) => s === portal.hub || archives.has(s)))
    return;
  let published: Map<string, PublishedUnit>;
  try {
    published = publishedUnits(r.ws.distDir, registry, portal.hub);
  } catch {
    // A unit's file that cannot be read: the hub's stage reads them again and names it.
    return;
  }
  const sites = registry.filter((s) => s.slug !== portal.hub).sort((a, b) => inFolderOrder(a.slug, b.slug));
  const records = unitSearchRecords(context, sites, published);
  const given = records.older.length >= (r.options.batchContentFiles ?? batchContentFiles);
  if (given) (r.thread ??= startIndexPublishThread()).prepareSearch(portal.hub, records.older, recordsDirs(r.ws));
  r.publishedBefore = { units: published, records, given };
}

/** Where the hub's index of the units' records is kept and staged (stages/records-index.ts). */
const recordsDirs = (ws: Workspace) => ({ cacheDir: ws.cacheDir, stagingDir: stagingRoot(ws) });

/**
 * How alive each unit is (the report's judgement, from what validation parsed and Git): dormant
 * units' pages say when they were last updated, and the hub's directory and dashboard show it.
 * Broken rules (content-schema/completeness.json) fail the hub alone, with the reason. A build of
 * some sites judges first only the units it renders, from what validation parsed: reading every
 * other unit's content is the hub's need, met before the hub (hubStage), so an edited unit's pages
 * are out sooner.
 */
async function reportStage(r: BuildRun): Promise<void> {
  // A build of many batches judges each batch's units before it renders them (buildUnits).
  if (r.validating) return;
  const units = r.only ? new Set(r.validated!.units.map((s) => s.slug)) : undefined;
  await computeReport(r, units);
}

const activityStage = "reading each unit's activity from its content and Git history";

async function computeReport(
  r: BuildRun,
  units: ReadonlySet<string> | undefined,
  published?: ReadonlyMap<string, PublishedUnit>,
): Promise<void> {
  const build = r.build!;
  r.progress.enter(activityStage);
  try {
    build.status = await regencyReport(r.ws, build.portal, {
      now: r.now,
      registry: build.registry,
      parsed: r.validated!.parsed,
      ...(published ? { published: contentOf(published) } : {}),
      history: r.history,
      ...(units ? { units } : {}),
    });
    r.statusPartial = units !== undefined;
    r.statusError = undefined;
  } catch (error) {
    r.statusError = (error as Error).message;
  }
}

/** Each unit's content facts, for those whose facts were found. */
function contentOf(published: ReadonlyMap<string, PublishedUnit>): Map<string, readonly ContentFact[]> {
  return new Map([...published].flatMap(([slug, unit]) => (unit.content ? [[slug, unit.content] as const] : [])));
}

/**
 * The hub shows what the units publish, so it is built after them, from what their builds kept
 * for it (published/hub-facts.ts): their manifests, and the content facts from which a build of
 * the hub without them judges their activity, instead of reading their Markdown.
 */
async function hubStage(r: BuildRun): Promise<void> {
  const { hub } = r.validated!;
  const build = r.build!;
  if (!hub.length) return;
  const readingManifests = () =>
    r.progress.enter(
      "reading the units' manifests for the hub",
      hub.map((s) => s.slug),
    );
  const partial = r.statusPartial;
  // At most twice: a second time only if a unit the hub was rendered from failed to publish.
  for (;;) {
    if (partial) r.progress.enter(activityStage);
    else readingManifests();
    // A preview of the hub's draft reads them where the built sites are.
    const early = r.publishedBefore;
    const published =
      early?.units ??
      publishedUnits(build.preview?.published ?? r.ws.distDir, build.registry, build.portal.hub, r.staged);
    if (partial) {
      await computeReport(r, undefined, published);
      readingManifests();
    }
    if (r.statusError || !build.status) {
      for (const site of hub)
        build.report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: 0,
          problems: [problem("no-unit-report", `sites/${site.slug}`, "", { detail: String(r.statusError) })],
        });
      return;
    }
    const { searchRecords, ...data } = hubData(build, build.status, published, {
      retired: build.retired,
      ...(early ? { records: early.records } : {}),
    });
    const hubBuild = {
      ...build,
      hub: data,
      hubSearchRecords: searchRecords.older,
      hubOwnRecords: searchRecords.recent,
    };
    // A region's worth of records (3,000 at most: hub-search-records.ts) go into the hub's index in
    // the indexing thread while the hub's pages render, or are there already, given batch by batch
    // (handOn); a small region's take no time to speak of. (A draft's preview is not searched.)
    const inThread =
      !build.preview &&
      (r.thread !== undefined || searchRecords.older.length >= (r.options.batchContentFiles ?? batchContentFiles));
    // Given already (searchHubEarly): the same records, not sent again.
    if (inThread && !early?.given)
      (r.thread ??= startIndexPublishThread()).prepareSearch(build.portal.hub, searchRecords.older, recordsDirs(r.ws));
    // A render's failures are reported once it is known to stand (not if it is done again).
    const renderFailures: SiteResult[] = [];
    const batches = await renderIsolated(hub, { ...hubBuild, report: (result) => renderFailures.push(result) });
    // Rendered from what the units' last batches were still publishing: one that failed to would
    // be listed with pages that are not there, so the hub is rendered again from what is.
    const unpublished = await stagedButUnpublished(r);
    if (unpublished.length) {
      for (const slug of unpublished) r.staged.delete(slug);
      r.publishedBefore = undefined;
      await Promise.all(batches.map((b) => rm(b.staging, { recursive: true, force: true, maxRetries: 5 })));
      continue;
    }
    for (const failure of renderFailures) build.report(failure);
    if (inThread) await Promise.all(batches.map((batch) => r.thread!.run(batch, hubBuild)));
    else for (const batch of batches) await indexPublish(batch, hubBuild);
    return;
  }
}

/** The units the hub took from staging that did not publish, once every unit batch is reported. */
async function stagedButUnpublished(r: BuildRun): Promise<string[]> {
  await r.unitsPublished;
  const failed = new Set(r.results.filter((result) => !result.ok).map((result) => result.slug));
  return [...r.staged.keys()].filter((slug) => failed.has(slug));
}

/**
 * How many content files the units' Eleventy runs take at a time. While one batch is indexed by
 * Pagefind (its own process) and published, in a thread of their own, the next renders; and
 * Eleventy holds one batch's pages, not the whole region's. Each run costs its own start (the
 * theme's templates compiled again), so batches are not smaller. Measured at 500 units × 10 posts
 * (docs/benchmarks.md, "The units in batches"): 1,000 against 500, 2,000 and one run.
 */
export const batchContentFiles = 1000;

/** The sites in order, cut into runs of about `size` content files (a bigger site is a run alone). */
export function inBatches<T>(sites: readonly T[], weight: (site: T) => number, size: number): T[][] {
  const batches: T[][] = [];
  let current: T[] = [];
  let load = 0;
  for (const site of sites) {
    const w = Math.max(1, weight(site));
    if (current.length && load + w > size) {
      batches.push(current);
      [current, load] = [[], 0];
    }
    current.push(site);
    load += w;
  }
  if (current.length) batches.push(current);
  return batches;
}

/**
 * The units' runs for the indexing thread: runs of about `size` content files made even (8,000
 * files in runs of 1,000 left a last run of 4 units after eight of 62), then the last one cut in
 * half and its second half in half again. What the thread has left to index when the last run is
 * rendered is what the build waits for at its end: at 500 × 10 a last run of 62 units took
 * 1.7 s to index, a quarter of it takes a quarter, for two more Eleventy runs' starts (500 × 10,
 * three interleaved cold builds each: median 25.24 → 24.00 s; at 40 × 100 within the noise).
 */
export function taperedBatches<T>(sites: readonly T[], weight: (site: T) => number, size: number): T[][] {
  const w = (site: T) => Math.max(1, weight(site));
  const total = sites.reduce((n, site) => n + w(site), 0);
  const batches = evenRuns(sites, w, Math.max(1, Math.ceil(total / size)));
  for (let cut = 0; cut < 2; cut++) {
    const last = batches.at(-1)!;
    if (last.length < 2) break;
    batches.splice(-1, 1, ...evenRuns(last, w, 2));
  }
  return batches;
}

/** The sites in order, in `runs` runs of about the same load: a site joins the run its middle falls in. */
function evenRuns<T>(sites: readonly T[], weight: (site: T) => number, runs: number): T[][] {
  const share = sites.reduce((n, site) => n + weight(site), 0) / runs;
  const batches: T[][] = [[]];
  let done = 0;
  for (const site of sites) {
    const w = weight(site);
    if (batches.at(-1)!.length && batches.length < runs && done + w / 2 > share * batches.length) batches.push([]);
    batches.at(-1)!.push(site);
    done += w;
  }
  return batches;
}

/**
 * The units, batch by batch (taperedBatches). With more than one batch, each is indexed and published
 * in a thread of its own (index-publish-thread.ts) while the next one renders, so the build's
 * two halves run on the machine's two cores.
 */
async function buildUnits(r: BuildRun): Promise<void> {
  if (r.validating) return buildUnitsAsValidated(r, r.validating);
  const { units, parsed } = r.validated!;
  const build = r.build!;
  const size = r.options.batchContentFiles ?? batchContentFiles;
  const files = (site: SiteRecord) => parsed.get(site.slug)?.length ?? 0;
  if (inBatches(units, files, size).length < 2) return buildIsolated(units, build);
  const batches = taperedBatches(units, files, size);
  // Renders the batches in turn (stage 2), handing each to the build's indexing thread, which
  // indexes and publishes it while the next renders. The last ones are still in the thread when
  // the hub renders (hubStage), from what they will publish.
  const thread = (r.thread ??= startIndexPublishThread());
  const published: Promise<void>[] = [];
  for (const sites of batches)
    for (const batch of await renderIsolated(sites, build)) published.push((await handOn(r, thread, batch)).published);
  r.unitsPublished = Promise.all(published).then(() => undefined);
}

/**
 * The units of a full build, in the batches they render in (taperedBatches), weighed by the files
 * their content folders hold (a listing, before validation reads them); the hub and anything in
 * `sites/` that is not a folder ahead of them, the archives after. Undefined for one batch.
 */
function unitBatches(
  plan: ValidationPlan,
  size: number,
): { ahead: SiteEntry[]; batches: SiteEntry[][]; later: SiteEntry[] } | undefined {
  const archived = (e: SiteEntry) => plan.records.get(e.name)?.archived === true;
  const units = plan.wanted.filter((e) => e.kind === "folder" && e.name !== plan.portal.hub && !archived(e));
  const files = new Map(units.map((e) => [e.name, countContentFiles(join(plan.ws.sitesDir, e.name))]));
  const weight = (e: SiteEntry) => files.get(e.name) ?? 0;
  if (inBatches(units, weight, size).length < 2) return undefined;
  return {
    ahead: plan.wanted.filter((e) => e.kind !== "folder" || e.name === plan.portal.hub),
    batches: taperedBatches(units, weight, size),
    later: plan.wanted.filter((e) => e.kind === "folder" && e.name !== plan.portal.hub && archived(e)),
  };
}

/**
 * A full build of many batches, validated as it goes: each batch's units are validated just before
 * they render, while the indexing thread indexes and publishes the batch before; judged by the
 * report (for their dormant pages), rendered, and handed to that thread. So indexing starts after
 * the first batch instead of after the whole region's validation, and a batch's bodies are held as
 * validation parsed them only until they render (markdown.ts `renderFromValidation`: a 500 × 10
 * region's, held at once, took 0.3 GiB more). The whole report is made before the hub (hubStage),
 * as in a build of some sites.
 */
async function buildUnitsAsValidated(r: BuildRun, v: ValidationByBatch): Promise<void> {
  const build = r.build!;
  const add = async (entry: SiteEntry) => {
    const { failure, unit } = v.add(await validateEntry(v.plan, entry));
    if (failure) build.report(failure);
    return unit;
  };
  const thread = (r.thread ??= startIndexPublishThread());
  const published: Promise<void>[] = [];
  for (const entries of v.batches) {
    r.progress.enter(
      "validate",
      entries.map((e) => e.name),
    );
    const sites: SiteRecord[] = [];
    for (const entry of entries) {
      const unit = await add(entry);
      if (unit) sites.push(unit);
    }
    await computeReport(r, new Set(sites.map((s) => s.slug)));
    for (const batch of await renderIsolated(sites, build)) published.push((await handOn(r, thread, batch)).published);
  }
  for (const entry of v.later) await add(entry);
  r.unitsPublished = Promise.all(published).then(() => undefined);
}

/**
 * A rendered unit batch to the indexing thread: first what its units will publish for the hub
 * (stageForHub) and, when this build builds the hub, their records of the hub's search, which
 * Pagefind takes now, while the next batch renders, instead of all at once after the last (the
 * index of a 40 × 100 regency's hub waited 0.3–0.5 s for them). Resolves once the batch is
 * queued, with when it is published.
 */
async function handOn(r: BuildRun, thread: IndexPublishThread, batch: Batch): Promise<{ published: Promise<void> }> {
  const build = r.build!;
  await stageForHub(batch, r.staged);
  if (!build.preview && r.validated!.hub.some((s) => s.slug === build.portal.hub))
    thread.appendSearch(build.portal.hub, unitSearchRecords(build, batch.sites, r.staged).older);
  return { published: thread.run(batch, build) };
}

/**
 * What each site of a rendered batch will publish for the hub, read before the batch goes to the
 * thread (which moves its folders). A site without a readable manifest is not taken from here:
 * the hub reads what its publishing leaves (and names a manifest it cannot read, as before).
 */
async function stageForHub(batch: Batch, staged: Map<string, PublishedUnit>): Promise<void> {
  await Promise.all(
    batch.sites.map(async (site) => {
      try {
        const manifest = await readFile(join(batch.staging, site.slug, "manifest.json"), "utf8");
        staged.set(site.slug, publishedUnitOf(manifest, batch.facts.get(site.slug) ?? []));
      } catch {
        staged.delete(site.slug);
      }
    }),
  );
}

/** Every site of the batch through the three stages, one batch after the other (the hub's). */
async function buildIsolated(sites: SiteRecord[], build: BuildContext): Promise<void> {
  for (const batch of await renderIsolated(sites, build)) await indexPublish(batch, build);
}

/**
 * Stage 2 for a batch: one run for all its sites; if it fails, one run per site, so the error is
 * pinned on its site and the others go on.
 */
async function renderIsolated(sites: SiteRecord[], build: BuildContext): Promise<Batch[]> {
  if (sites.length === 0) return [];
  const renderOne = (batch: SiteRecord[]) => {
    build.progress.enter(
      "eleventy",
      batch.map((s) => s.slug),
    );
    return render({ sites: batch, started: performance.now() }, build);
  };
  const failed = (slug: string, t: number, e: unknown) =>
    build.report({
      slug,
      ok: false,
      pages: 0,
      ms: Math.round(performance.now() - t),
      problems: [buildFailed(slug, e)],
    });
  const started = performance.now();
  try {
    return [await renderOne(sites)];
  } catch (error) {
    if (sites.length === 1) {
      failed(sites[0]!.slug, started, error);
      return [];
    }
    const rendered: Batch[] = [];
    for (const site of sites) {
      const t = performance.now();
      await renderOne([site]).then(
        (batch) => rendered.push(batch),
        (e: unknown) => failed(site.slug, t, e),
      );
    }
    return rendered;
  }
}

/** The stage table as docs/architecture.md prints it (a test compares the two). */
export function stagesMarkdown(): string {
  return [
    "| stage | module (under `tools/`) | reads | hands on |",
    "| --- | --- | --- | --- |",
    ...stages.map((s) => `| ${s.name} | \`${s.module}\` | ${s.reads} | ${s.handsOn} |`),
  ].join("\n");
}

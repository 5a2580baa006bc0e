import { rm } from "node:fs/promises";
import { portalDefaults } from "../core/portal-defaults.ts";
import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { Progress } from "../core/progress.ts";
import { readUiStrings } from "../generator/run-context.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { baseFromEnv, type Base } from "../published/site-origin.ts";
import type { Batch, BuildContext, SiteResult } from "./build-context.ts";
import { clearDebris } from "./debris.ts";
import { hubData } from "./stages/hub.ts";
import { publish, publishArchive, publishPreview } from "./stages/publish.ts";
import { render } from "./stages/render.ts";
import { writeSearchIndexes } from "./stages/search-index.ts";
import { validate, type Validated } from "./stages/validate.ts";
import { regencyReport } from "../report/unit-report.ts";

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
  results: SiteResult[];
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
   * false: pictures in WebP and JPEG only, whatever portal.json says (`npm start`: AVIF is most
   * of a photo's encoding time, and a first start encodes every photo).
   */
  avif?: false;
  progress?: Progress;
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
    reads: "portal.json, every site.json, every asked-for site folder, once",
    handsOn: "problems; the registry, retired units, broadcasts, front matter, media, body references",
    run: validateStage,
  },
  {
    name: "report",
    module: "report/unit-report.ts",
    reads: "what validation parsed (other units' Markdown when only some are built), Git history",
    handsOn: "every unit's activity and completeness: dormant pages, the hub's directory and /status/",
    run: reportStage,
  },
  {
    name: "units",
    module: "pipeline/stages/render.ts, search-index.ts, publish.ts",
    reads: "what validation parsed, the theme",
    handsOn: "`dist/<slug>/` of each valid unit (an archive: `dist/<hub>/arsip/<slug>/`), replaced in one rename",
    run: async (r) => buildIsolated(r.validated!.units, r.build!, r.results),
  },
  {
    name: "hub",
    module: "pipeline/stages/hub.ts",
    reads: "the units' published manifests, the report, the retired units",
    handsOn: "the hub, through render, index and publish",
    run: hubStage,
  },
];

/**
 * Validates the sites, then builds every valid unit in a single Eleventy run (one instance, each
 * theme template compiled once: see docs/benchmarks.md for what that saves over an instance per
 * site), then the hub from what the units published. A site with problems fails alone: it is left
 * out of the run. If a run itself fails, its sites are built again one by one, so the error is
 * pinned on its site and the others publish.
 */
export async function buildSites(
  ws: Workspace,
  only: readonly string[] | undefined,
  options: BuildOptions = {},
): Promise<BuildReport> {
  const run: BuildRun = {
    ws,
    only,
    options,
    progress: options.progress ?? new Progress(),
    now: options.now ?? new Date(),
    fatal: [],
    results: [],
  };
  for (const stage of stages) {
    await stage.run(run);
    if (run.fatal.length) return { results: [], fatal: run.fatal };
  }
  return { results: run.results.sort((a, b) => a.slug.localeCompare(b.slug)), fatal: [] };
}

async function validateStage(r: BuildRun): Promise<void> {
  r.progress.enter("validate", r.only ?? []);
  const validated = await validate(r.ws, r.only, r.now);
  if (!("context" in validated)) {
    r.fatal = validated.fatal;
    return;
  }
  r.validated = validated;
  r.build = {
    ...validated.context,
    ui: readUiStrings(r.ws.themeDir),
    progress: r.progress,
    base: r.options.base ?? baseFromEnv(validated.context.portal),
    avif: r.options.avif ?? validated.context.portal.images?.avif ?? portalDefaults.images.avif,
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
 * How alive each unit is (the report's judgement, from what validation parsed and Git): dormant
 * units' pages say when they were last updated, and the hub's directory and dashboard show it.
 * Broken rules (content-schema/completeness.json) fail the hub alone, with the reason.
 */
async function reportStage(r: BuildRun): Promise<void> {
  const build = r.build!;
  r.progress.enter("reading each unit's activity from its content and Git history");
  try {
    build.status = await regencyReport(r.ws, build.portal, {
      now: r.now,
      registry: build.registry,
      parsed: r.validated!.parsed,
    });
  } catch (error) {
    r.statusError = (error as Error).message;
  }
}

/** The hub shows what the units publish, so it is built after them, from their manifests. */
async function hubStage(r: BuildRun): Promise<void> {
  const { hub } = r.validated!;
  const build = r.build!;
  if (!hub.length) return;
  r.progress.enter(
    "reading the units' manifests for the hub",
    hub.map((s) => s.slug),
  );
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
  const { searchRecords, ...data } = hubData(build, build.status, build.retired);
  await buildIsolated(hub, { ...build, hub: data, hubSearchRecords: searchRecords }, r.results);
}

/** One run for all the sites; if it fails, one run per site, so the error is pinned on its site. */
async function buildIsolated(sites: SiteRecord[], build: BuildContext, results: SiteResult[]): Promise<void> {
  if (sites.length === 0) return;
  const started = performance.now();
  try {
    await renderIndexPublish({ sites, started }, build);
  } catch (error) {
    const pending = sites.filter((site) => !results.some((r) => r.slug === site.slug));
    const failed = (slug: string, t: number, e: unknown) =>
      build.report({
        slug,
        ok: false,
        pages: 0,
        ms: Math.round(performance.now() - t),
        problems: [buildFailed(slug, e)],
      });
    if (pending.length === 1) failed(pending[0]!.slug, started, error);
    for (const site of pending.length > 1 ? pending : []) {
      const t = performance.now();
      await renderIndexPublish({ sites: [site], started: t }, build).catch((e: unknown) => failed(site.slug, t, e));
    }
  }
}

/** Stages 2 to 4 over one batch of sites. */
async function renderIndexPublish(start: Pick<Batch, "sites" | "started">, build: BuildContext): Promise<void> {
  const slugs = start.sites.map((s) => s.slug);
  build.progress.enter("eleventy", slugs);
  const batch = await render(start, build);
  // Time per site is the run's time shared by pages, for a rough idea of where it went.
  const totalPages = [...batch.outputs.values()].reduce((n, o) => n + o.pages, 0) || 1;
  try {
    // The search index reads the finished HTML, so it is written in staging, before publishing:
    // a site is published with its index or, if indexing fails, not at all (it fails alone).
    build.progress.enter("search index (pagefind)", slugs);
    // An archive is not searched (its pages say they may be out of date); it is published into
    // the hub's site, so after the hub when both are in the batch. A draft's preview is not
    // searched either.
    const moved = (s: SiteRecord) => s.archived || build.preview !== undefined;
    const [live, archives] = [batch.sites.filter((s) => !moved(s)), batch.sites.filter(moved)];
    const indexes = await writeSearchIndexes(
      live.map((site) => ({
        slug: site.slug,
        dir: join(batch.staging, site.slug),
        searchable: batch.outputs.get(site.slug)!.searchable,
        ...(site.slug === build.portal.hub && build.hubSearchRecords ? { records: build.hubSearchRecords } : {}),
      })),
    );
    const indexMs = (performance.now() - batch.started - batch.renderMs) / batch.sites.length;
    for (const site of [...live, ...archives]) {
      const output = batch.outputs.get(site.slug)!;
      const index = moved(site) ? { ok: true as const } : indexes.get(site.slug)!;
      const t = performance.now();
      try {
        if (!index.ok) throw new Error(`search index: ${index.error}`);
        build.progress.enter("publish", [site.slug]);
        await (site.archived ? publishArchive : build.preview ? publishPreview : publish)(batch, build, site.slug);
      } catch (error) {
        build.report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: Math.round(performance.now() - t),
          problems: [buildFailed(site.slug, error)],
        });
        continue;
      }
      build.report({
        slug: site.slug,
        ok: true,
        pages: output.pages,
        ms: Math.round((batch.renderMs * output.pages) / totalPages + indexMs + performance.now() - t),
        problems: [],
      });
    }
  } finally {
    await rm(batch.staging, { recursive: true, force: true, maxRetries: 5 });
  }
}

/** A site's build that threw: the error's own words (English, for DKISP's developers) in the problem. */
const buildFailed = (slug: string, error: unknown) =>
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

/** The stage table as docs/architecture.md prints it (a test compares the two). */
export function stagesMarkdown(): string {
  return [
    "| stage | module (under `tools/`) | reads | hands on |",
    "| --- | --- | --- | --- |",
    ...stages.map((s) => `| ${s.name} | \`${s.module}\` | ${s.reads} | ${s.handsOn} |`),
  ].join("\n");
}

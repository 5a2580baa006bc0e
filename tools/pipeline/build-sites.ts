import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { Progress } from "../core/progress.ts";
import { baseFromEnv, type Base } from "../published/site-origin.ts";
import type { Batch, BuildContext, SiteResult } from "./build-context.ts";
import { clearDebris } from "./debris.ts";
import { hubData } from "./stages/hub.ts";
import { publish, publishArchive } from "./stages/publish.ts";
import { render } from "./stages/render.ts";
import { writeSearchIndexes } from "./stages/search-index.ts";
import { validate } from "./stages/validate.ts";
import { regencyReport } from "../report/unit-report.ts";
import { readRetired } from "../content/registry.ts";

export type { SiteResult } from "./build-context.ts";

export interface BuildReport {
  results: SiteResult[];
  /** portal.json problems stop every build. */
  fatal: string[];
}

/**
 * The build, stage by stage (after markdown-it's parser_core, which lists its rules in order).
 * Each stage is a module of stages/ with one job; what one hands the next is explicit.
 *
 * | stage | module | reads | hands on |
 * | --- | --- | --- | --- |
 * | validate | stages/validate.ts | portal.json, every asked-for site folder | problems; registry, broadcasts, front matter, media, body references |
 * | render | stages/render.ts | what validation parsed, the theme | HTML in a staging folder, the images each site uses |
 * | index | stages/search-index.ts | the staged HTML | a Pagefind index in each staged site |
 * | publish | stages/publish.ts | the staged site, its documents and images | `dist/<slug>/` (an archive: `dist/<hub>/arsip/<slug>/`), replaced in one rename |
 * | hub | stages/hub.ts | the units' published manifests | the hub, through render, index and publish |
 */
export const stages = ["validate", "render", "index", "publish", "hub"] as const;

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
  options: {
    base?: Base;
    now?: Date;
    onResult?: (r: SiteResult) => void;
    cmsLocalBackend?: boolean;
    progress?: Progress;
  } = {},
): Promise<BuildReport> {
  const progress = options.progress ?? new Progress();
  progress.enter("clearing what earlier builds left in dist/");
  await clearDebris(ws);
  progress.enter("validate", only ?? []);
  const now = options.now ?? new Date();
  const validated = await validate(ws, only, now);
  if (!("context" in validated)) return { results: [], fatal: validated.fatal };

  const results: SiteResult[] = [];
  const build: BuildContext = {
    ...validated.context,
    progress,
    base: options.base ?? baseFromEnv(validated.context.portal),
    ...(options.cmsLocalBackend ? { cmsLocalBackend: options.cmsLocalBackend } : {}),
    report: (r) => {
      options.onResult?.(r);
      results.push(r);
    },
  };
  for (const failed of validated.failed) build.report(failed);
  // How alive each unit is (the report's judgement, read from the sources and Git): dormant units'
  // pages say when they were last updated, and the hub's directory and dashboard show it. Broken
  // rules (content-schema/completeness.json) fail the hub alone, with the reason.
  progress.enter("reading each unit's activity from its content and Git history");
  let statusError: string | undefined;
  try {
    build.status = await regencyReport(ws, build.portal, { now, registry: build.registry });
  } catch (error) {
    statusError = (error as Error).message;
  }

  await buildIsolated(validated.units, build, results);
  // The hub shows what the units publish, so it is built after them, from their manifests.
  if (validated.hub.length) {
    progress.enter(
      "reading the units' manifests for the hub",
      validated.hub.map((s) => s.slug),
    );
    if (statusError || !build.status)
      for (const site of validated.hub)
        build.report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: 0,
          problems: [`No unit report for the hub: ${statusError}`],
        });
    else
      await buildIsolated(
        validated.hub,
        { ...build, hub: hubData(build, build.status, await readRetired(ws)) },
        results,
      );
  }
  return { results: results.sort((a, b) => a.slug.localeCompare(b.slug)), fatal: [] };
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
      build.report({ slug, ok: false, pages: 0, ms: Math.round(performance.now() - t), problems: [describe(e)] });
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
    // the hub's site, so after the hub when both are in the batch.
    const [live, archives] = [batch.sites.filter((s) => !s.archived), batch.sites.filter((s) => s.archived)];
    const indexes = await writeSearchIndexes(
      live.map((site) => ({
        slug: site.slug,
        dir: join(batch.staging, site.slug),
        searchable: batch.outputs.get(site.slug)!.searchable,
      })),
    );
    const indexMs = (performance.now() - batch.started - batch.renderMs) / batch.sites.length;
    for (const site of [...live, ...archives]) {
      const output = batch.outputs.get(site.slug)!;
      const index = site.archived ? { ok: true as const } : indexes.get(site.slug)!;
      const t = performance.now();
      try {
        if (!index.ok) throw new Error(`search index: ${index.error}`);
        build.progress.enter("publish", [site.slug]);
        await (site.archived ? publishArchive : publish)(batch, build, site.slug);
      } catch (error) {
        build.report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: Math.round(performance.now() - t),
          problems: [describe(error)],
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

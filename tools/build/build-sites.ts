import type { SiteRecord } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { formatProblem, sortProblems } from "../content/problem.ts";
import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { readHubData } from "../generator/hub-data.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { readRegistry } from "../content/registry.ts";
import { activeBroadcasts } from "../content/broadcasts.ts";
import { baseFromEnv, type Base } from "../generator/site-origin.ts";
import { writeSearchIndexes } from "../generator/search-index.ts";
import { Progress } from "../core/progress.ts";
import { buildRun, publishSite, type RunOptions } from "./build-run.ts";
import { clearDebris } from "./debris.ts";

export interface SiteResult {
  slug: string;
  ok: boolean;
  pages: number;
  ms: number;
  /** Why it failed: validation problems, or the build error. */
  problems: string[];
}

export interface BuildReport {
  results: SiteResult[];
  /** portal.json problems stop every build. */
  fatal: string[];
}

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
    cmsLocalBackend?: { path: string };
    progress?: Progress;
  } = {},
): Promise<BuildReport> {
  const progress = options.progress ?? new Progress();
  progress.enter("clearing what earlier builds left in dist/");
  await clearDebris(ws);
  progress.enter("validate", only ?? []);
  const now = options.now ?? new Date();
  const validation = await validateWorkspace(ws, only, { now });
  if (!validation.portal || validation.portalProblems.length) {
    return { results: [], fatal: sortProblems(validation.portalProblems).map(formatProblem) };
  }
  const portal = validation.portal;
  if (only) {
    const unknown = only.filter((slug) => !validation.sites.some((s) => s.slug === slug));
    if (unknown.length)
      return { results: [], fatal: unknown.map((s) => `sites/${s}: no such site (folders in sites/ are the sites)`) };
  }
  const withheld = new Map(validation.sites.map((v) => [v.slug, v.withheld]));
  const run = {
    ws,
    portal,
    progress,
    withheld,
    registry: await readRegistry(ws),
    broadcasts: activeBroadcasts(ws, portal, now),
    base: options.base ?? baseFromEnv(portal),
    ...(options.now ? { now: options.now } : {}),
    ...(options.cmsLocalBackend ? { cmsLocalBackend: options.cmsLocalBackend } : {}),
  };
  const results: SiteResult[] = [];
  const report = (r: SiteResult) => {
    options.onResult?.(r);
    results.push(r);
  };

  const valid: SiteRecord[] = [];
  for (const v of validation.sites) {
    if (v.problems.length || !v.site)
      report({ slug: v.slug, ok: false, pages: 0, ms: 0, problems: sortProblems(v.problems).map(formatProblem) });
    else if (v.site.status !== "retired") valid.push(v.site);
  }
  // The hub shows what the units publish, so it is built after them, from their manifests.
  const units = valid.filter((s) => s.slug !== portal.hub);
  const hub = valid.filter((s) => s.slug === portal.hub);
  await buildIsolated(units, run, results, report);
  if (hub.length) {
    progress.enter(
      "reading the units' manifests for the hub",
      hub.map((s) => s.slug),
    );
    const labels = (
      JSON.parse(readFileSync(join(ws.themeDir, "strings.id.json"), "utf8")) as { unitTypes: Record<string, string> }
    ).unitTypes;
    const hubData = readHubData({ ws, portal, registry: run.registry, base: run.base, now, labels });
    await buildIsolated(hub, { ...run, hub: hubData }, results, report);
  }
  return { results: results.sort((a, b) => a.slug.localeCompare(b.slug)), fatal: [] };
}

/** One run for all the sites; if it fails, one run per site, so the error is pinned on its site. */
async function buildIsolated(
  sites: SiteRecord[],
  run: Omit<RunOptions, "sites">,
  results: SiteResult[],
  report: (r: SiteResult) => void,
): Promise<void> {
  if (sites.length === 0) return;
  const started = performance.now();
  try {
    await buildAndPublish(sites, run, started, report);
  } catch (error) {
    const pending = sites.filter((site) => !results.some((r) => r.slug === site.slug));
    const failed = (slug: string, t: number, e: unknown) =>
      report({ slug, ok: false, pages: 0, ms: Math.round(performance.now() - t), problems: [describe(e)] });
    if (pending.length === 1) failed(pending[0]!.slug, started, error);
    for (const site of pending.length > 1 ? pending : []) {
      const t = performance.now();
      await buildAndPublish([site], run, t, report).catch((e: unknown) => failed(site.slug, t, e));
    }
  }
}

async function buildAndPublish(
  sites: SiteRecord[],
  run: Omit<RunOptions, "sites">,
  started: number,
  report: (r: SiteResult) => void,
): Promise<void> {
  const slugs = sites.map((s) => s.slug);
  run.progress?.enter("eleventy", slugs);
  const { staging, outputs } = await buildRun({ ...run, sites });
  // Time per site is the run's time shared by pages, for a rough idea of where it went.
  const totalPages = [...outputs.values()].reduce((n, o) => n + o.pages, 0) || 1;
  const ms = performance.now() - started;
  try {
    // The search index reads the finished HTML, so it is written in staging, before publishing:
    // a site is published with its index or, if indexing fails, not at all (it fails alone).
    run.progress?.enter("search index (pagefind)", slugs);
    const indexes = await writeSearchIndexes(
      sites.map((site) => ({
        slug: site.slug,
        dir: join(staging, site.slug),
        searchable: outputs.get(site.slug)!.searchable,
      })),
    );
    const indexMs = (performance.now() - started - ms) / sites.length;
    for (const site of sites) {
      const output = outputs.get(site.slug)!;
      const index = indexes.get(site.slug)!;
      const t = performance.now();
      try {
        if (!index.ok) throw new Error(`search index: ${index.error}`);
        run.progress?.enter("publish", [site.slug]);
        await publishSite(run.ws, staging, site.slug, output, run.withheld?.get(site.slug) ?? new Set());
      } catch (error) {
        report({
          slug: site.slug,
          ok: false,
          pages: 0,
          ms: Math.round(performance.now() - t),
          problems: [describe(error)],
        });
        continue;
      }
      report({
        slug: site.slug,
        ok: true,
        pages: output.pages,
        ms: Math.round((ms * output.pages) / totalPages + indexMs + performance.now() - t),
        problems: [],
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true, maxRetries: 5 });
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

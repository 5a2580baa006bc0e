import { mkdir, rm } from "node:fs/promises";
import { relative, sep, join } from "node:path";
import { Eleventy } from "@11ty/eleventy";
import type { Workspace } from "../../core/workspace.ts";
import { timeLimits, type Progress } from "../../core/progress.ts";
import { schemas } from "../../schema/schemas.ts";
import { portalPlugin, type BuildOutput, type RunActivity } from "../../generator/portal-plugin.ts";
import { forgetCompiledLayouts } from "../eleventy-cache.ts";
import { stagingRoot, type Batch, type BuildContext } from "../build-context.ts";
import { dormantSince } from "../../report/unit-report.ts";
import { InternalError } from "../../core/internal-error.ts";
import { runnableModule } from "../../core/runnable-module.ts";

const eleventyConfigFile = runnableModule(new URL("../../generator/eleventy.config.ts", import.meta.url)).path;

/**
 * Stage 2, render: one Eleventy run over the batch's sites, into a staging folder, with the
 * portal plugin (generator/) and what validation parsed. Nothing in `dist/` changes here: the
 * publish stage moves each site once it is indexed. If the run fails, it fails for the whole
 * batch (the runner then renders its sites one by one, to pin the error on its site).
 */
export async function render(batch: Pick<Batch, "sites" | "started">, build: BuildContext): Promise<Batch> {
  const { ws } = build;
  const staging = join(stagingRoot(ws), `run-${process.pid}-${Date.now()}`);
  await mkdir(staging, { recursive: true });
  const outputs = new Map<string, BuildOutput>(
    batch.sites.map((s) => [s.slug, { images: new Set<string>(), pages: 0, searchable: [] }]),
  );
  const activity: RunActivity = { abandoned: false, inflight: 0, lastActivity: performance.now() };
  try {
    await forgetCompiledLayouts(ws.themeDir);
    const elev = new Eleventy(
      contentGlob(
        ws,
        batch.sites.map((s) => s.slug),
      ),
      staging,
      {
        inputDir: ws.sitesDir,
        quietMode: true,
        configPath: eleventyConfigFile,
        config: (eleventyConfig: unknown) => {
          // An item before its publish_at or after its unpublish_at is not in the run at all: no
          // page, list, feed, manifest or search index can show it.
          const ignores = (eleventyConfig as { ignores: Set<string> }).ignores;
          for (const path of build.unpublished) ignores.add(relative(process.cwd(), path).split(sep).join("/"));
          portalPlugin(eleventyConfig as Record<string, unknown>, {
            sitesDir: ws.sitesDir,
            themeDir: ws.themeDir,
            cacheDir: ws.cacheDir,
            outputDir: staging,
            portal: build.portal,
            ui: build.ui,
            sites: batch.sites,
            registry: build.registry,
            archives: build.archives,
            broadcasts: build.broadcasts,
            catalogue: build.catalogue,
            lastUpdated: dormantSince(build.status),
            base: build.base,
            now: build.now,
            outputs,
            activity,
            withheld: build.withheld,
            parsed: { frontMatter: build.frontMatter, content: build.content, media: build.media },
            ...(build.hub ? { hub: build.hub } : {}),
            images: build.images,
            ...(build.cmsLocalBackend ? { cmsLocalBackend: build.cmsLocalBackend } : {}),
            ...(build.preview ? { preview: { prefix: build.preview.prefix } } : {}),
          });
        },
      },
    );
    // The build reports per site itself; Eleventy's own "Wrote N files" lines would interleave.
    elev.disableLogger();
    await untilDone(() => elev.write(), activity, build.progress);
    return {
      ...batch,
      staging,
      outputs,
      facts: new Map(batch.sites.map((s) => [s.slug, build.facts.get(s.slug) ?? []])),
      renderMs: performance.now() - batch.started,
    };
  } catch (error) {
    // Eleventy's write() rejects at the first error while other pages still render: those must
    // end before the staging folder goes (or rm meets files still arriving) and before a retry
    // compiles layouts that this run could still put in Eleventy's process-wide cache.
    activity.abandoned = true;
    await quiet(activity);
    await rm(staging, { recursive: true, force: true, maxRetries: 5 });
    throw error;
  }
}

/**
 * Exactly the validated sites' content files: Eleventy reads nothing else under sites/ (a stray
 * `sites/x.md`, a folder a unit left beside content/, or a symlink out of the tree). Globs are
 * relative to the working directory, as Eleventy resolves them.
 */
function contentGlob(ws: Workspace, slugs: string[]): string {
  const sites = relative(process.cwd(), ws.sitesDir).split(sep).join("/") || ".";
  const braces = (names: string[]) => (names.length === 1 ? names[0]! : `{${names.join(",")}}`);
  // Slugs and type names are DNS labels and folder names: no glob syntax in them. With no site
  // at all (a run of the hub alone has one), the glob still names a folder that exists.
  return `${sites}/${braces(slugs)}/content/${braces(schemas().types.map((t) => t.name))}/*.md`;
}

/**
 * Waits for the run, turning what would otherwise end the process silently or hang it into an
 * error naming the stage: a promise rejected where nobody awaits it, or no progress at all for
 * `timeLimits.eleventyStallMs`.
 */
async function untilDone<T>(work: () => Promise<T>, activity: RunActivity, progress: Progress | undefined): Promise<T> {
  let fail!: (reason: unknown) => void;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  // A rejection nobody awaits often means the run itself will never settle: fail it now.
  process.on("unhandledRejection", fail);
  const timer = setInterval(() => {
    if (performance.now() - activity.lastActivity > timeLimits.eleventyStallMs) {
      fail(
        new InternalError(
          `Eleventy wrote nothing for ${timeLimits.eleventyStallMs / 60_000} minutes during ${progress?.describe() ?? "the build"}`,
        ),
      );
    }
  }, 1000);
  // Not what keeps the process alive: if nothing else does, the CLI reports the hang at once.
  timer.unref();
  try {
    return await Promise.race([work(), failed]);
  } finally {
    clearInterval(timer);
    process.off("unhandledRejection", fail);
  }
}

/** Until no hook of an abandoned run has worked for a moment (at most half a minute). */
async function quiet(activity: RunActivity): Promise<void> {
  const started = performance.now();
  while (performance.now() - started < 30_000) {
    if (activity.inflight === 0 && performance.now() - activity.lastActivity > 250) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

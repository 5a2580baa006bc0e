import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CreateNodes, TargetConfiguration } from "@nx/devkit";
import { reachableFrom } from "../core/import-graph.ts";
import { retirementOf } from "../core/records.ts";
import { manifestCopyDir } from "../published/manifest-format.ts";
import { hubFactsSuffix } from "../published/hub-facts.ts";
import { hubSlug } from "../core/hub-slug.ts";
import { inputPatterns, testsExcluded } from "./input-patterns.ts";

/**
 * One Nx project per `sites/<slug>/site.json`, with no file per site: adding a unit's folder
 * adds its project. The build target's inputs name everything a site's output depends on, so the
 * cache and `nx affected` are exact: a site's own folder, and the shared theme, schemas, tools,
 * settings and registry of units (a change there affects every site).
 */
export interface PortalPluginOptions {
  targetName?: string;
}

function normalizeOptions(options: PortalPluginOptions | undefined): Required<PortalPluginOptions> {
  return { targetName: options?.targetName ?? "build" };
}

/**
 * Where a site's build starts: the executor, the compiled script it loads by address (the build in
 * its own process, and the command line: cli-script.ts), the CLI as it runs compiled (its launcher
 * and its compilation) and from the sources, and its build command. Every module they load
 * (tools/core/import-graph.ts) is an input of every site; no other file of tools/ is, so an edit
 * in tools/deploy/ or a test rebuilds nothing.
 */
export const buildEntries = [
  "tools/nx-plugin/build-executor.ts",
  "tools/cli/cli-script.ts",
  "tools/cli/portal.mjs",
  "tools/cli/portal.ts",
  "tools/cli/build-command.ts",
];

/** What every site's build reads besides its own folder and the modules of `buildEntries`. */
export const sharedInputs = [
  "{workspaceRoot}/portal.json",
  // The registry: every page links to every unit, so adding or renaming a unit rebuilds all.
  "{workspaceRoot}/sites/*/site.json",
  // The hub's service catalogue: every unit's services are validated against its topics, their
  // pages carry its synonyms, and every unit's CMS offers its topics.
  "{workspaceRoot}/sites/*/katalog.json",
  "{workspaceRoot}/themes/**/*",
  "!{workspaceRoot}/themes/**/*.test.ts",
  "{workspaceRoot}/content-schema/**/*",
  "{workspaceRoot}/tools/nx-plugin/executors.json",
  "{workspaceRoot}/tools/nx-plugin/build-schema.json",
  "{workspaceRoot}/tsconfig.json",
];

/** The modules and packages that shape a build, read from the source each time Nx builds its graph. */
export function buildDependencies(workspaceRoot: string): { files: string[]; packages: string[] } {
  return reachableFrom(workspaceRoot, buildEntries);
}

/**
 * Whether a site.json says `"status": "retired"`, and whether the hub keeps the unit as an
 * archive (`"archived": true`); one that cannot be read is validation's to report.
 */
function retirement(file: string): ReturnType<typeof retirementOf> {
  try {
    return retirementOf(JSON.parse(readFileSync(file, "utf8")));
  } catch {
    return "live";
  }
}

/** The name of a site's inputs (its project's `namedInputs`), which both its targets use. */
export const siteInputs = "site";

export const createNodes: CreateNodes<PortalPluginOptions> = [
  "sites/*/site.json",
  (configFiles, rawOptions, context) => {
    const options = normalizeOptions(rawOptions);
    const hub = hubSlug(context.workspaceRoot);
    const shaping = buildDependencies(context.workspaceRoot);
    // A retired unit has no site to build or deploy (its name redirects to the hub's page about
    // it): no project. Its site.json is still a shared input, so retiring it rebuilds every site.
    // An archived one's pages are built with the hub's site: its folder is an input of the hub.
    const states = new Map(configFiles.map((file) => [file, retirement(join(context.workspaceRoot, file))]));
    const live = configFiles.filter((file) => states.get(file) === "live");
    const archives = configFiles.filter((file) => states.get(file) === "archived").map((file) => dirname(file));
    const slugs = live.map((file) => basename(dirname(file)));
    const shapingPatterns = [...inputPatterns(context.workspaceRoot, shaping.files), testsExcluded];
    return live.map((file) => {
      const root = dirname(file);
      const slug = basename(root);
      const isHub = slug === hub;
      const inputs: TargetConfiguration["inputs"] = [
        "{projectRoot}/**/*",
        ...sharedInputs,
        ...shapingPatterns,
        // Regional broadcasts show on every page of every site.
        `{workspaceRoot}/sites/${hub}/content/siaran/**/*`,
        ...(isHub ? archives.map((dir) => `{workspaceRoot}/${dir}/**/*`) : []),
        // Of a unit, the hub reads only what its build kept for it (published/hub-facts.ts): a
        // unit rebuilt without changing any of that (an edit of a page's body) leaves the hub's
        // hash as it was, and the hub comes from the cache.
        ...(isHub
          ? [{ dependentTasksOutputFiles: `**/${manifestCopyDir}/*${hubFactsSuffix}`, transitive: false }]
          : []),
        // The hub's pages change with the time too (units going quiet, announcements ending): the
        // deploy workflow names the quarter hour, so a hub from the cache is never older than the
        // scheduled rebuild's (every 15 minutes) would be. Unset, as locally, it changes nothing.
        ...(isHub ? [{ env: "PORTAL_TIME_SLOT" }] : []),
        { env: "PORTAL_BASE_URL" },
        // Every package the build's modules load: an upgrade of any rebuilds every site.
        { externalDependencies: shaping.packages },
      ];
      const build: TargetConfiguration = {
        // The hub is never in the units' batch: Nx puts a task in the batch of the tasks it
        // depends on, and hashes such a task only once the batch has run, without looking in its
        // cache first. Apart, the hub is hashed after the units' manifests are written, and taken
        // from the cache when they are what they were (measured: a post's body edit rebuilt the
        // hub in a batch, never apart). Apart, its one build is the CLI's, which Nx starts itself
        // (run-commands runs in Nx's process): an executor of its own ran in a process Nx starts
        // for it, whose loading of Nx took 0.2–0.3 s of an edit's 3 to 4 (docs/benchmarks.md).
        ...(isHub
          ? { executor: "nx:run-commands", options: { command: `node tools/cli/portal.mjs build ${slug}` } }
          : { executor: "./tools/nx-plugin:build", options: { slug } }),
        cache: true,
        // The hub shows what every unit publishes: it builds after their manifests, and from them.
        // A unit's build comes after its manifest target, which builds the site when it runs: in
        // one batch that is one build of the site for both, and otherwise the build finds the site
        // in place (build-executor.ts).
        dependsOn: [isHub ? "^manifest" : "manifest"],
        inputs: [siteInputs],
        outputs: [`{workspaceRoot}/dist/${slug}`],
        metadata: { description: `Validate and build ${slug}'s site into dist/${slug}/` },
      };
      // What the hub reads of a unit, cached alone: a build of the hub restores these two small
      // files per unit, not each unit's whole site (at 500 units, 30,000 files and 4 s in CI).
      const manifest: TargetConfiguration = {
        executor: "./tools/nx-plugin:build",
        options: { slug },
        cache: true,
        inputs: [siteInputs],
        outputs: [
          `{workspaceRoot}/dist/${manifestCopyDir}/${slug}.json`,
          `{workspaceRoot}/dist/${manifestCopyDir}/${slug}${hubFactsSuffix}`,
        ],
        metadata: {
          description: `Build ${slug}'s site (on a cache miss) and keep its manifest in dist/${manifestCopyDir}/ for the hub`,
        },
      };
      const project = {
        name: slug,
        root,
        projectType: "application" as const,
        tags: [isHub ? "hub" : "site"],
        // Named once for the project, not once for each of its targets.
        namedInputs: { [siteInputs]: inputs },
        ...(isHub ? { implicitDependencies: slugs.filter((s) => s !== slug) } : {}),
        targets: { [options.targetName]: build, ...(isHub ? {} : { manifest }) },
      };
      return [file, { projects: { [root]: project } }];
    });
  },
];

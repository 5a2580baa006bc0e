import { readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { CreateNodes, TargetConfiguration } from "@nx/devkit";

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

/** What every site's build reads besides its own folder. */
export const sharedInputs = [
  "{workspaceRoot}/portal.json",
  // The registry: every page links to every unit, so adding or renaming a unit rebuilds all.
  "{workspaceRoot}/sites/*/site.json",
  "{workspaceRoot}/themes/**/*",
  "{workspaceRoot}/content-schema/**/*",
  "{workspaceRoot}/tools/**/*.ts",
  "!{workspaceRoot}/tools/**/*.test.ts",
  "!{workspaceRoot}/tools/**/fixtures/**/*",
  "!{workspaceRoot}/tools/demo/**/*",
  "!{workspaceRoot}/tools/bench/**/*",
  "{workspaceRoot}/tsconfig.json",
];

/** The hub's folder name, from portal.json: the one site that depends on all the others. */
function hubSlug(workspaceRoot: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(workspaceRoot, "portal.json"), "utf8")) as { hub?: string }).hub;
  } catch {
    return undefined;
  }
}

export const createNodes: CreateNodes<PortalPluginOptions> = [
  "sites/*/site.json",
  (configFiles, rawOptions, context) => {
    const options = normalizeOptions(rawOptions);
    const hub = hubSlug(context.workspaceRoot);
    const slugs = configFiles.map((file) => basename(dirname(file)));
    return configFiles.map((file) => {
      const root = dirname(file);
      const slug = basename(root);
      const isHub = slug === hub;
      const build: TargetConfiguration = {
        executor: "./tools/nx-plugin:build",
        options: { slug },
        cache: true,
        // The hub shows what every unit publishes: it builds after them, from their manifests.
        ...(isHub ? { dependsOn: ["^build"] } : {}),
        inputs: [
          "{projectRoot}/**/*",
          ...sharedInputs,
          // Regional broadcasts show on every page of every site.
          ...(hub ? [`{workspaceRoot}/sites/${hub}/content/siaran/**/*`] : []),
          ...(isHub ? [{ dependentTasksOutputFiles: "**/manifest.json", transitive: false }] : []),
          { env: "PORTAL_BASE_URL" },
          {
            externalDependencies: [
              "@11ty/eleventy",
              "@11ty/eleventy-img",
              "@11ty/eleventy-plugin-rss",
              "markdown-it",
              "ajv",
              "yaml",
              "sharp",
            ],
          },
        ],
        outputs: [`{workspaceRoot}/dist/${slug}`],
        metadata: { description: `Validate and build ${slug}'s site into dist/${slug}/` },
      };
      const project = {
        name: slug,
        root,
        projectType: "application" as const,
        tags: [isHub ? "hub" : "site"],
        ...(isHub ? { implicitDependencies: slugs.filter((s) => s !== slug) } : {}),
        targets: { [options.targetName]: build },
      };
      return [file, { projects: { [root]: project } }];
    });
  },
];

import { basename, dirname } from "node:path";
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

export const createNodes: CreateNodes<PortalPluginOptions> = [
  "sites/*/site.json",
  (configFiles, rawOptions) => {
    const options = normalizeOptions(rawOptions);
    return configFiles.map((file) => {
      const root = dirname(file);
      const slug = basename(root);
      const build: TargetConfiguration = {
        executor: "./tools/nx-plugin:build",
        options: { slug },
        cache: true,
        inputs: [
          "{projectRoot}/**/*",
          ...sharedInputs,
          { env: "PORTAL_BASE_URL" },
          { externalDependencies: ["@11ty/eleventy", "@11ty/eleventy-img", "@11ty/eleventy-plugin-rss", "markdown-it", "ajv", "yaml", "sharp"] },
        ],
        outputs: [`{workspaceRoot}/dist/${slug}`],
        metadata: { description: `Validate and build ${slug}'s site into dist/${slug}/` },
      };
      return [file, { projects: { [root]: { name: slug, root, projectType: "application", tags: ["site"], targets: { [options.targetName]: build } } } }];
    });
  },
];

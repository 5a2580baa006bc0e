import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder that holds this repository's tools, themes and schemas. */
export const toolsRepoRoot = resolve(fileURLToPath(new URL("../../", import.meta.url)));

/**
 * Where a set of sites lives. Tests and the benchmark point this at temporary folders that have
 * their own `portal.json` and `sites/`, while themes and schemas always come from this repository.
 */
export interface Workspace {
  root: string;
  portalFile: string;
  sitesDir: string;
  distDir: string;
  /** Kept between builds (eleventy-img output); safe to delete. */
  cacheDir: string;
  themeDir: string;
  schemaDir: string;
}

/** `content-schema/` of this repository, or PORTAL_SCHEMA_DIR (tests try schema edits on a copy). */
export const defaultSchemaDir = () => resolve(process.env.PORTAL_SCHEMA_DIR ?? join(toolsRepoRoot, "content-schema"));

export function workspaceAt(
  root: string = toolsRepoRoot,
  options: { distDir?: string; cacheDir?: string } = {},
): Workspace {
  const abs = resolve(root);
  return {
    root: abs,
    portalFile: join(abs, "portal.json"),
    sitesDir: join(abs, "sites"),
    distDir: resolve(abs, options.distDir ?? process.env.PORTAL_DIST_DIR ?? "dist"),
    cacheDir: resolve(abs, options.cacheDir ?? process.env.PORTAL_CACHE_DIR ?? ".cache"),
    themeDir: join(toolsRepoRoot, "themes", "default"),
    schemaDir: defaultSchemaDir(),
  };
}

import { cp, symlink } from "node:fs/promises";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * This checkout's tooling copied into `dir`, as a fresh clone holds it beside its sites: Nx's
 * settings (`.env`: plugins in process), the package files, the tools, theme and schemas (no test
 * fixtures), and node_modules linked. `also`: more of the checkout's paths (e.g. portal.json).
 */
export async function copyTooling(dir: string, also: readonly string[] = []): Promise<void> {
  const paths = [
    ".env",
    "nx.json",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "themes",
    "content-schema",
    "tools",
  ];
  for (const path of [...paths, ...also])
    await cp(join(toolsRepoRoot, path), join(dir, path), {
      recursive: true,
      filter: (src) => !src.includes("fixtures"),
    });
  await symlink(join(toolsRepoRoot, "node_modules"), join(dir, "node_modules"));
}

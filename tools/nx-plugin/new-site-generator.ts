import { spawnSync } from "node:child_process";
import { join } from "node:path";
import type { Tree } from "@nx/devkit";

/**
 * `nx g ./tools/nx-plugin:new-site <slug> --name "..." --type dinas`: the same unit as
 * `npm run new-site`, through Nx's file tree (so `--dry-run` shows it and writes nothing).
 * The plan comes from the portal CLI in a child process (`new-site --plan`), the one place that
 * decides and validates what a new unit's folder holds; this only hands its files to Nx.
 */
interface NewSiteOptions {
  slug: string;
  name: string;
  type: string;
  shortName?: string;
  address?: string;
  phone?: string;
  email?: string;
}

export default async function newSiteGenerator(tree: Tree, options: NewSiteOptions): Promise<void> {
  const flags = Object.entries({
    name: options.name,
    type: options.type,
    "short-name": options.shortName,
    address: options.address,
    phone: options.phone,
    email: options.email,
  }).flatMap(([flag, value]) => (value === undefined ? [] : [`--${flag}`, String(value)]));
  const run = spawnSync(
    process.execPath,
    [join(tree.root, "tools/cli/portal.mjs"), "new-site", options.slug, ...flags, "--plan", "--root", tree.root],
    { cwd: tree.root, encoding: "utf8" },
  );
  if (run.status !== 0) throw new Error((run.stderr || run.stdout || `portal new-site exited ${run.status}`).trim());
  const { files } = JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { files: Record<string, string> };
  for (const [path, text] of Object.entries(files)) tree.write(path, text);
}

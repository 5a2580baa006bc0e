import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

/**
 * The paths a workflow's build job keeps between runs with actions/cache (the step whose paths
 * include `.nx/`), as written in `.github/workflows/<file>`. The test and the benchmark that play
 * a new CI runner restore exactly these into a fresh clone, so they stay what the workflow does.
 */
export function workflowCachePaths(root: string, file: string): string[] {
  const path = join(root, ".github/workflows", file);
  const workflow = parseYaml(readFileSync(path, "utf8")) as {
    jobs?: Record<string, { steps?: { uses?: string; with?: { path?: string } }[] }>;
  };
  const steps = Object.values(workflow.jobs ?? {}).flatMap((job) => job.steps ?? []);
  const cache = steps.find((step) => step.uses?.startsWith("actions/cache@") && step.with?.path?.includes(".nx/"));
  if (!cache) throw new Error(`${path}: no actions/cache step keeps .nx/ (Nx's cache would not survive the run)`);
  return cache
    .with!.path!.split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

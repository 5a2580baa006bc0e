import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";

interface WorkflowStep {
  name?: string;
  uses?: string;
  run?: string;
  with?: { path?: string };
}

/** The jobs of `.github/workflows/<file>`, as written, and the file's path (for messages). */
export function workflowJobs(
  root: string,
  file: string,
): { path: string; jobs: Record<string, { steps?: WorkflowStep[] }> } {
  const path = join(root, ".github/workflows", file);
  const workflow = parseYaml(readFileSync(path, "utf8")) as { jobs?: Record<string, { steps?: WorkflowStep[] }> };
  return { path, jobs: workflow.jobs ?? {} };
}

/**
 * The paths a workflow's build job keeps between runs with actions/cache (the step whose paths
 * include `.nx/`), as written in `.github/workflows/<file>`. The test and the benchmark that play
 * a new CI runner restore exactly these into a fresh clone, so they stay what the workflow does.
 */
export function workflowCachePaths(root: string, file: string): string[] {
  const { path, jobs } = workflowJobs(root, file);
  const steps = Object.values(jobs).flatMap((job) => job.steps ?? []);
  const cache = steps.find((step) => step.uses?.startsWith("actions/cache@") && step.with?.path?.includes(".nx/"));
  if (!cache) throw new Error(`${path}: no actions/cache step keeps .nx/ (Nx's cache would not survive the run)`);
  return cache
    .with!.path!.split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
}

/**
 * The shell command of a job's step, found by the start of its name, with the workflow's
 * expressions (`${{ matrix.projects }}`) replaced by `values`: what a test runs as the runner
 * would. An expression it is not given fails, so the workflow cannot grow one the test ignores.
 */
export function workflowStepCommand(
  root: string,
  file: string,
  job: string,
  name: string,
  values: Record<string, string>,
): string {
  const { path, jobs } = workflowJobs(root, file);
  const step = jobs[job]?.steps?.find((s) => s.name?.startsWith(name) && s.run);
  if (!step) throw new Error(`${path}: job ${job} has no step named "${name}…" that runs a command`);
  return step.run!.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (expression, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${path}: ${job} "${step.name}": no value for ${expression}`);
    return value;
  });
}

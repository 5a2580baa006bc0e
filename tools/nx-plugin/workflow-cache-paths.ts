import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
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
  // Up to the first `}}`: an expression may hold braces of its own (`format('--x {0}', ...)`).
  return step.run!.replace(/\$\{\{\s*(.+?)\s*\}\}/gs, (expression, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`${path}: ${job} "${step.name}": no value for ${expression}`);
    return value;
  });
}

/**
 * deploy.yml's plan step (tools/deploy/plan-shards.ts) as the runner runs it for a push from
 * `before`: with `all` as a run that builds every site is asked for, with `unitsPerJob` as when the
 * remote cache and the number of units a build job takes are configured. Its outputs (`sites=`,
 * `projects=`, `shards=`, ...) by name, from the `$GITHUB_OUTPUT` file it appends to.
 */
export function runDeployPlan(
  root: string,
  cwd: string,
  push: { before: string; all?: boolean; unitsPerJob?: number },
  env: NodeJS.ProcessEnv,
): Record<string, string> {
  const command = workflowStepCommand(root, "deploy.yml", "build", "Which sites this push affects", {
    "github.event.before": push.before,
    "inputs.all && '--all' || ''": push.all ? "--all" : "",
    "vars.NX_SELF_HOSTED_REMOTE_CACHE_SERVER && vars.PORTAL_UNITS_PER_BUILD_JOB && format('--units-per-job {0}', vars.PORTAL_UNITS_PER_BUILD_JOB) || ''":
      push.unitsPerJob === undefined ? "" : `--units-per-job ${push.unitsPerJob}`,
  });
  const folder = mkdtempSync(join(tmpdir(), "portal-plan-"));
  try {
    const output = join(folder, "output");
    writeFileSync(output, "");
    const run = spawnSync("bash", ["-c", command], {
      cwd,
      encoding: "utf8",
      env: { ...env, GITHUB_OUTPUT: output },
    });
    if (run.status !== 0)
      throw new Error(`deploy.yml's plan step failed (exit ${run.status}): ${command}\n${run.stdout}${run.stderr}`);
    return Object.fromEntries(
      readFileSync(output, "utf8")
        .split("\n")
        .filter((line) => line.includes("="))
        .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

import { spawn } from "node:child_process";
import { formatProblem, type Problem } from "../problems/problem.ts";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { ExecutorContext, TaskGraph } from "@nx/devkit";

/**
 * Nx executor for a site's build. Both forms run `portal build --json` in one child process: one
 * site for a single task, every site of the batch for a batch (Nx's batch mode), so a full build
 * pays one process start, not one per site. Results stream back per site as JSON lines, so Nx
 * caches each site separately and a failed site fails only its own task.
 */
interface BuildOptions {
  slug: string;
}

interface SiteResult {
  slug: string;
  ok: boolean;
  pages: number;
  ms: number;
  /** As `portal build --json` writes them: problems as data (tools/problems/problem.ts). */
  problems: Problem[];
}

interface TaskResult {
  success: boolean;
  terminalOutput: string;
}

export default async function buildExecutor(
  options: BuildOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  const results = new Map<string, SiteResult>();
  const code = await runPortalBuild(context.root, [options.slug], (r) => {
    results.set(r.slug, r);
    console.log(describe(r));
  });
  return { success: code === 0 && results.get(options.slug)?.ok === true };
}

export async function* batchBuild(
  taskGraph: TaskGraph,
  inputs: Record<string, BuildOptions>,
  _overrides: unknown,
  context: ExecutorContext,
): AsyncGenerator<{ task: string; result: TaskResult }> {
  const taskBySlug = new Map(Object.keys(taskGraph.tasks).map((id) => [inputs[id]!.slug, id]));
  const queue: { task: string; result: TaskResult }[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const done = runPortalBuild(context.root, [...taskBySlug.keys()], (r) => {
    const task = taskBySlug.get(r.slug);
    if (!task) return;
    taskBySlug.delete(r.slug);
    queue.push({ task, result: { success: r.ok, terminalOutput: describe(r) } });
    wake?.();
  }).then((code) => {
    finished = true;
    wake?.();
    return code;
  });
  while (!finished || queue.length) {
    if (queue.length) yield queue.shift()!;
    else await new Promise<void>((resolve) => (wake = resolve));
  }
  const code = await done;
  // A site the child never reported (it crashed, or portal.json is invalid) fails with the reason.
  for (const [, task] of taskBySlug) {
    yield {
      task,
      result: { success: false, terminalOutput: `portal build exited with ${code} before building this site` },
    };
  }
}

function describe(r: SiteResult): string {
  return r.ok
    ? `${r.slug}: ${r.pages} pages in ${r.ms} ms`
    : `${r.slug} failed:\n${r.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}`;
}

function runPortalBuild(root: string, slugs: string[], onResult: (r: SiteResult) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", join(root, "tools/cli/portal.ts"), "build", "--json", ...slugs],
      {
        cwd: root,
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("{")) return void console.log(line);
      onResult(JSON.parse(line) as SiteResult);
    });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

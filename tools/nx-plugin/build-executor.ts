import { spawn } from "node:child_process";
import type { Problem } from "../problems/problem.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { manifestCopyPath } from "../published/manifest-format.ts";
import { createInterface } from "node:readline";
import type { ExecutorContext, TaskGraph } from "@nx/devkit";
import { buildProcessFlags } from "../core/build-process-flags.ts";

/**
 * Nx executor for a site's build. Both forms run `portal build --json`: one site for a single
 * task, every site of the batch for a batch (Nx's batch mode), so a full build pays one process
 * start, not one per site. Results come back per site, so Nx caches each site separately and a
 * failed site fails only its own task.
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
  /** The same problems as the lines they print as (so this module, which Nx loads compiled, needs no schemas). */
  lines: string[];
}

interface TaskResult {
  success: boolean;
  terminalOutput: string;
}

export default async function buildExecutor(
  options: BuildOptions,
  context: ExecutorContext,
): Promise<{ success: boolean }> {
  if (context.targetName !== "manifest" && inPlace(context, options.slug)) {
    console.log(alreadyBuilt(options.slug));
    return { success: true };
  }
  const results = new Map<string, SiteResult>();
  const code = await runPortalBuild(context.root, [options.slug], (r) => {
    results.set(r.slug, r);
    console.log(describe(r));
  });
  return { success: code === 0 && results.get(options.slug)?.ok === true };
}

/**
 * A unit has two targets that one build of its site satisfies (nx-plugin/index.ts): `manifest`
 * (the copy the hub reads) and `build` (the site). The batch builds each site once for all its
 * tasks, and a `build` task whose site its `manifest` task already built in an earlier batch
 * finds it in place and does nothing.
 */
export async function* batchBuild(
  taskGraph: TaskGraph,
  inputs: Record<string, BuildOptions>,
  _overrides: unknown,
  context: ExecutorContext,
): AsyncGenerator<{ task: string; result: TaskResult }> {
  const tasksBySlug = new Map<string, string[]>();
  for (const id of Object.keys(taskGraph.tasks)) {
    const slug = inputs[id]!.slug;
    tasksBySlug.set(slug, [...(tasksBySlug.get(slug) ?? []), id]);
  }
  for (const [slug, ids] of tasksBySlug) {
    const onlyBuild = ids.every((id) => taskGraph.tasks[id]!.target.target !== "manifest");
    if (!onlyBuild || !inPlace(context, slug)) continue;
    tasksBySlug.delete(slug);
    for (const task of ids) yield { task, result: { success: true, terminalOutput: alreadyBuilt(slug) } };
  }
  const queue: { task: string; result: TaskResult }[] = [];
  let wake: (() => void) | undefined;
  let finished = false;
  const done = runPortalBuild(context.root, [...tasksBySlug.keys()], (r) => {
    const tasks = tasksBySlug.get(r.slug);
    if (!tasks) return;
    tasksBySlug.delete(r.slug);
    for (const task of tasks) queue.push({ task, result: { success: r.ok, terminalOutput: describe(r) } });
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
  for (const [, tasks] of tasksBySlug) {
    for (const task of tasks)
      yield {
        task,
        result: { success: false, terminalOutput: `portal build exited with ${code} before building this site` },
      };
  }
}

/**
 * Whether `dist/<slug>/` of a unit is the output of the build that wrote the manifest copy the hub
 * reads: the two manifests are byte for byte the same, and a manifest names the moment it was
 * generated, so they come from one run. That run's inputs are the task's: the unit's `manifest`
 * target has the same inputs, and Nx ran or restored it for them just before (`dependsOn`). Never
 * for the hub, which has no `manifest` target: its own copy says nothing about its inputs.
 */
function inPlace(context: ExecutorContext, slug: string): boolean {
  if (!context.projectsConfigurations?.projects[slug]?.targets?.manifest) return false;
  const root = context.root;
  try {
    const site = readFileSync(join(root, "dist", slug, "manifest.json"));
    return site.equals(readFileSync(manifestCopyPath(join(root, "dist"), slug)));
  } catch {
    return false;
  }
}

const alreadyBuilt = (slug: string) => `${slug}: already built with its manifest, in dist/${slug}/`;

function describe(r: SiteResult): string {
  return r.ok
    ? `${r.slug}: ${r.pages} pages in ${r.ms} ms`
    : `${r.slug} failed:\n${r.lines.map((line) => `  ${line}`).join("\n")}`;
}

/**
 * One site (an edit's unit) builds in this process, Nx's batch worker: a process of its own would
 * start Node and check the compiled CLI again, about a tenth of such a build (docs/benchmarks.md).
 * Several build in one child process started with `buildProcessFlags`, which size V8's heap for a
 * long build (only a command line can: build-process-flags.ts); one site's build is too short for
 * them to pay.
 */
function runPortalBuild(root: string, slugs: string[], onResult: (r: SiteResult) => void): Promise<number> {
  return slugs.length === 1 ? buildHere(root, slugs, onResult) : buildInChild(root, slugs, onResult);
}

/** What the executor uses of tools/cli/compiled-cli.mjs. */
interface CompiledCli {
  compiledCli: () => Promise<string>;
  loadCompiled: (dir: string, name: string) => Promise<Record<string, unknown>>;
  saveCompiledCode: () => void;
}

/** What the executor uses of tools/cli/build-server-client.mjs. */
interface BuildServerClient {
  buildServerSocket: (root: string) => string;
  buildOnServer: (request: {
    socket: string;
    sites: string[];
    onResult: (result: SiteResult) => void;
  }) => Promise<{ code: number } | { unserved: string | undefined }>;
}

async function buildHere(root: string, slugs: string[], onResult: (r: SiteResult) => void): Promise<number> {
  // As tools/cli/portal.mjs sets it before Eleventy is loaded (it says why).
  process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";
  // Where the child would run (`cwd: root`): Nx's worker runs where `nx` was typed, which may be
  // a site's folder, and the build gives Eleventy its folders relative to the working directory.
  process.chdir(root);
  let compiled: typeof import("../cli/cli-script.ts");
  let launcher: CompiledCli;
  try {
    // Built by the checkout's build server when one is running (build-server-client.mjs): the hub's
    // task after this one then finds the code this build ran already loaded and optimised there.
    const client = (await import(
      pathToFileURL(join(root, "tools/cli/build-server-client.mjs")).href
    )) as BuildServerClient;
    const served = await client.buildOnServer({ socket: client.buildServerSocket(root), sites: slugs, onResult });
    if ("code" in served) return served.code;
    if (served.unserved) console.error(`portal: ${served.unserved}; building in this process instead.`);
    launcher = (await import(pathToFileURL(join(root, "tools/cli/compiled-cli.mjs")).href)) as CompiledCli;
    compiled = (await launcher.loadCompiled(
      await launcher.compiledCli(),
      "cli-script",
    )) as unknown as typeof import("../cli/cli-script.ts");
  } catch (error) {
    // As portal.mjs reports it.
    console.error(`portal: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  try {
    return await compiled.buildInProcess(root, slugs, onResult);
  } finally {
    // Nx may end its batch process with a signal, before the code cache would be left at exit.
    launcher.saveCompiledCode();
  }
}

function buildInChild(root: string, slugs: string[], onResult: (r: SiteResult) => void): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      // The CLI compiled (tools/cli/portal.mjs): no TypeScript loader to start in every task's process.
      [...buildProcessFlags, join(root, "tools/cli/portal.mjs"), "build", "--json", ...slugs],
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

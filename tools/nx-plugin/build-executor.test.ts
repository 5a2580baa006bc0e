import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { ExecutorContext, TaskGraph } from "@nx/devkit";
import { buildProcessFlags } from "../core/build-process-flags.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { copyTooling } from "../test/tooling-copy.ts";
import buildExecutor, { batchBuild } from "./build-executor.ts";

/**
 * The executor as Nx calls it, in this process, on a copy of the mini fixture: where each build
 * runs is seen in the processes it starts (every `spawn` is recorded, Node's own function still
 * doing the work).
 */
describe("the build executor", () => {
  let dir: string;
  const childProcess = createRequire(join(toolsRepoRoot, "package.json"))(
    "node:child_process",
  ) as typeof import("node:child_process");
  const spawn = childProcess.spawn;
  const spawned: string[][] = [];
  /** The `portal` processes the executor started: their arguments. */
  const portalChildren = () => spawned.filter((args) => args.some((a) => a.endsWith("portal.mjs")));
  const context = (targetName: string) => ({ root: dir, targetName }) as ExecutorContext;
  /** What the executor prints for Nx, while `work` runs. */
  const printed = async (work: () => Promise<unknown>) => {
    const lines: string[] = [];
    const log = console.log;
    console.log = (...args: unknown[]) => void lines.push(args.join(" "));
    try {
      await work();
    } finally {
      console.log = log;
    }
    return lines.join("\n");
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-executor-"));
    await copyTooling(dir);
    await cp(join(toolsRepoRoot, "tools/test/fixtures/mini"), dir, { recursive: true });
    childProcess.spawn = ((command: string, args: readonly string[] = [], ...rest: never[]) => {
      spawned.push([command, ...args]);
      return (spawn as (...a: unknown[]) => ReturnType<typeof spawn>)(command, args, ...rest);
    }) as typeof spawn;
    syncBuiltinESMExports();
  });
  const cwd = process.cwd();
  after(async () => {
    process.chdir(cwd);
    childProcess.spawn = spawn;
    syncBuiltinESMExports();
    await rm(dir, { recursive: true, force: true });
  });

  it("builds a task's one site in its own process, as `portal build --json` would", async () => {
    // Nx's worker runs where `nx` was typed: here, the site's own folder.
    process.chdir(join(dir, "sites/dinkes"));
    let result: { success: boolean } | undefined;
    const output = await printed(async () => {
      result = await buildExecutor({ slug: "dinkes" }, context("manifest"));
    });
    assert.deepEqual(result, { success: true });
    assert.match(output, /^dinkes: \d+ pages in \d+ ms$/m);
    assert.deepEqual(portalChildren(), []);
    assert.ok(existsSync(join(dir, "dist/dinkes/index.html")));
    assert.ok(existsSync(join(dir, "dist/.manifests/dinkes.hub.json")), "the copy the hub reads");
  });

  it("fails the task of a site that fails, with its problems as the CLI words them", async () => {
    const post = join(dir, "sites/dinkes/content/berita/posyandu-serentak.md");
    const before = await readFile(post, "utf8");
    await writeFile(post, before.replace(/^title: .*$/m, "title: ''"));
    try {
      let result: { success: boolean } | undefined;
      const output = await printed(async () => {
        result = await buildExecutor({ slug: "dinkes" }, context("manifest"));
      });
      assert.deepEqual(result, { success: false });
      assert.match(output, /^dinkes failed:\n {2}.*posyandu-serentak\.md.*title/m);
      assert.deepEqual(portalChildren(), []);
    } finally {
      await writeFile(post, before);
    }
  });

  it("builds a batch's several sites in one child process, started with the build's flags", async () => {
    const tasks = ["dinkes:manifest", "portal:build"];
    const graph = {
      tasks: Object.fromEntries(
        tasks.map((id) => [id, { id, target: { project: id.split(":")[0], target: id.split(":")[1] } }]),
      ),
    } as unknown as TaskGraph;
    const inputs = Object.fromEntries(tasks.map((id) => [id, { slug: id.split(":")[0]! }]));
    const results = new Map<string, boolean>();
    for await (const { task, result } of batchBuild(graph, inputs, {}, context("build")))
      results.set(task, result.success);
    assert.deepEqual(Object.fromEntries(results), { "dinkes:manifest": true, "portal:build": true });
    const children = portalChildren();
    assert.equal(children.length, 1, JSON.stringify(children));
    assert.deepEqual(children[0]!.slice(1, 1 + buildProcessFlags.length), [...buildProcessFlags]);
    assert.deepEqual(children[0]!.slice(-2), ["dinkes", "portal"]);
  });
});

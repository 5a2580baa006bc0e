import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { copyTooling } from "../test/tooling-copy.ts";

/** Node without tsx, whatever the test runner was started with: a TypeScript file would fail to load. */
const plainNode = (args: string[], cwd = toolsRepoRoot) => {
  const { NODE_OPTIONS: _, ...env } = process.env;
  return spawnSync(process.execPath, args, { cwd, encoding: "utf8", env: { ...env, PORTAL_BASE_URL: "" } });
};

/** Every file under `dir`, by its path there, with the moment of the build left out (manifests, /status/). */
async function tree(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path);
    files.set(
      relative(dir, path),
      /\.(json|html)$/.test(entry.name)
        ? bytes
            .toString("utf8")
            .replace(/"generated": "[^"]+"/g, '"generated": "…"')
            .replace(/pukul \d\d\.\d\d WITA/g, "pukul … WITA")
        : bytes.toString("base64"),
    );
  }
  return files;
}

describe("the portal CLI compiled (tools/cli/portal.mjs)", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
  });
  after(() => ws.dispose());

  it("builds exactly what the sources build, loading no TypeScript (Eleventy's config and the indexing thread compiled too)", async () => {
    const fromSources = spawnSync(
      process.execPath,
      ["--import", "tsx", "tools/cli/portal.ts", "build", "--root", ws.root, "--dist", join(ws.root, "a")],
      { cwd: toolsRepoRoot, encoding: "utf8", env: { ...process.env, PORTAL_BASE_URL: "" } },
    );
    assert.equal(fromSources.status, 0, fromSources.stderr);
    const a = await tree(join(ws.root, "a"));
    // Twice: the second run at the latest starts from V8's cache of the compiled code, in which
    // `import()` (eleventy-img for the photo, pdf-lib for the document) must still work.
    for (const out of ["b", "c"]) {
      const compiled = plainNode(["tools/cli/portal.mjs", "build", "--root", ws.root, "--dist", join(ws.root, out)]);
      assert.equal(compiled.status, 0, compiled.stderr);
      assert.match(compiled.stdout, /dinkes: \d+ halaman/);
      const b = await tree(join(ws.root, out));
      assert.ok(
        [...b.keys()].some((path) => path.startsWith("dinkes/pagefind/")),
        "the search index, written by the thread",
      );
      assert.ok([...b.keys()].some((path) => path.endsWith(".webp")) && [...b.keys()].some((p) => p.endsWith(".pdf")));
      assert.deepEqual([...b.keys()].sort(), [...a.keys()].sort());
      for (const [path, contents] of a) assert.ok(b.get(path) === contents, `${path} differs (${out})`);
    }
  });

  it("starts from V8's cache of its code once a build made it, makes it again when it is damaged, and keeps one for each set of V8 flags", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-code-cache-"));
    try {
      await copyTooling(dir);
      const run = (command: string, flags: string[] = []) => {
        const out = join(dir, "out");
        const args = command === "build" ? ["--dist", out] : [];
        const ran = plainNode([...flags, "tools/cli/portal.mjs", command, "--root", ws.root, ...args], dir);
        assert.equal(ran.status, 0, ran.stderr);
        assert.match(ran.stdout, command === "build" ? /dinkes: \d+ halaman/ : /valid/);
      };
      run("validate");
      const [folder] = (await readdir(join(dir, ".cache/compiled"))).filter((name) => name.startsWith("cli-"));
      const compiled = join(dir, ".cache/compiled", folder!);
      const caches = async () => (await readdir(compiled)).filter((name) => name.endsWith(".v8")).sort();
      assert.deepEqual(await caches(), [], "a command that builds nothing leaves none (it would hold little)");
      run("build");
      const made = await caches();
      assert.equal(made.length, 1, "a build leaves the code it compiled");
      const cache = join(compiled, made[0]!);
      const first = await stat(cache);
      assert.ok(first.size > 100_000, `${first.size} bytes`);
      run("build");
      run("validate");
      assert.equal((await stat(cache)).ino, first.ino, "taken as it is: not made again");
      await writeFile(cache, "not V8's code");
      run("build");
      const remade = await stat(cache);
      assert.ok(remade.ino !== first.ino && remade.size > 100_000, "a damaged cache is made again");
      run("build", ["--max-semi-space-size=32"]);
      assert.equal((await caches()).length, 2, "other V8 flags: a cache of their own");
      assert.equal((await stat(cache)).ino, remade.ino, "the first left as it was");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("compiles again when a source changed, not when the checkout moved, and names the file and line that does not compile", async () => {
    const first = await mkdtemp(join(tmpdir(), "portal-compiled-"));
    const dir = `${first}-moved`;
    try {
      await copyTooling(first);
      assert.match(plainNode(["tools/cli/portal.mjs", "--help"], first).stdout, /build/);
      // Moved (a runner's workspace restored from a cache elsewhere): its sources are found from the output's place.
      await rename(first, dir);
      const validated = plainNode(["tools/cli/portal.mjs", "validate", "--root", ws.root], dir);
      assert.equal(validated.status, 0, `the schemas are read from the moved checkout: ${validated.stderr}`);
      const commands = join(dir, "tools/cli/commands.ts");
      const original = await readFile(commands, "utf8");
      const help = () => plainNode(["tools/cli/portal.mjs", "--help"], dir);
      assert.match(help().stdout, /build/);
      const compiledFolders = async () =>
        (await readdir(join(dir, ".cache/compiled"))).filter((name) => name.startsWith("cli-"));
      assert.equal((await compiledFolders()).length, 1, "not compiled again after the move");
      assert.doesNotMatch(help().stdout, /build them again/);
      const edited = original.replace("validate and build sites into", "validate and build them again into");
      assert.notEqual(edited, original);
      await writeFile(commands, edited);
      assert.match(help().stdout, /build them again/, "the edit shows at once");
      assert.equal((await compiledFolders()).length, 2);
      await writeFile(commands, `${original}\nconst broken = ;\n`);
      const refused = help();
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /cannot be compiled .*tools\/cli\/commands\.ts:\d+: /);
      await writeFile(commands, original);
      const back = help();
      assert.equal(back.status, 0, back.stderr);
      assert.equal((await compiledFolders()).length, 2, "the first output is used again");
    } finally {
      await rm(first, { recursive: true, force: true });
      await rm(dir, { recursive: true, force: true });
    }
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { hostileWorkspace } from "../test/hostile-workspace.ts";
import { formatProblem, type Problem } from "../problems/problem.ts";

const run = (name: string) =>
  spawnSync(process.execPath, ["--import", "tsx", join(toolsRepoRoot, "tools/cli/fixtures/cli-cases.ts"), name], {
    encoding: "utf8",
    timeout: 30_000,
  });

/** The CLI never ends silently or with a false success: CI, Nx, deploys and npm start read its exit code. */
describe("the portal CLI's runner", () => {
  it("exits with the command's code after its summary", () => {
    const ok = run("ok");
    assert.deepEqual([ok.status, ok.stdout, ok.stderr], [0, "1 situs dibangun.\n", ""]);
    const fails = run("fails");
    assert.deepEqual([fails.status, fails.stderr], [1, "✘ dlh: gagal\n"]);
  });

  it("silence: a step that never settles exits 1 at once, naming the command, the stage and the sites", () => {
    const hang = run("hang");
    assert.equal(hang.status, 1);
    assert.equal(
      hang.stderr,
      "Internal error: portal hang stopped before it finished (a step never completed and reported nothing), during eleventy (sites: dlh, dinkes).\n",
    );
  });

  it("exits 1 with 'Internal error:' when the command throws or leaves a rejection unhandled", () => {
    const throws = run("throws");
    assert.equal(throws.status, 1);
    assert.match(throws.stderr, /^Internal error: portal throws failed: disk full\n {4}at /);
    assert.match(throws.stderr, /, during publish \(sites: dinkes\)\.\n$/);
    const stray = run("stray");
    assert.equal(stray.status, 1);
    assert.match(stray.stderr, /^Internal error: portal stray failed: pagefind went away\n/);
    assert.match(stray.stderr, /during search index \(pagefind\) \(sites: dinkes\)\.\n$/);
  });

  it("never exits 0 without printing what it did", () => {
    const silent = run("silent");
    assert.equal(silent.status, 1);
    assert.equal(silent.stderr, "Internal error: portal silent finished without reporting anything, during start.\n");
  });

  it("ends every real command with its summary line, on success and on failure", async () => {
    const ws = await hostileWorkspace();
    try {
      const lastLine = (text: string) => text.trimEnd().split("\n").at(-1) ?? "";
      const validate = ws.cli(["validate"]);
      assert.deepEqual([validate.status, lastLine(validate.stdout)], [0, "Semua berkas valid: 4 situs diperiksa."]);
      const build = ws.cli(["build", "dinkes"]);
      assert.equal(build.status, 0, build.stderr);
      assert.match(lastLine(build.stdout), /^1 situs dibangun ke .+ dalam [\d.]+ s\.$/);
      await ws.write("sites/dinkes/content/berita/rusak.md", "---\ntitle: [\n---\n");
      const failed = ws.cli(["build", "dinkes"]);
      assert.equal(failed.status, 1);
      assert.match(lastLine(failed.stderr), /^1 situs gagal: dinkes \(lihat pesan di atas\)\.$/);
      // For tools, the same problem as data: its code, file, line and arguments beside the words.
      const json = ws.cli(["build", "dinkes", "--json"]);
      assert.equal(json.status, 1);
      const result = JSON.parse(lastLine(json.stdout)) as {
        slug: string;
        ok: boolean;
        problems: Problem[];
        lines: string[];
      };
      assert.deepEqual(
        result.problems.map((p) => [p.code, p.file, p.line, typeof p.args.detail, p.message.startsWith("kesalahan")]),
        [["yaml-syntax", "sites/dinkes/content/berita/rusak.md", 3, "string", true]],
      );
      // And as the lines the command prints without --json (Nx's executor shows these).
      assert.deepEqual(result.lines, result.problems.map(formatProblem));
      assert.ok(failed.stderr.includes(result.lines[0]!), failed.stderr);
      const unknown = ws.cli(["validate", "tidak-ada"]);
      assert.deepEqual(
        [unknown.status, unknown.stderr],
        [1, 'sites/tidak-ada: tidak ada situs "tidak-ada" (sebut nama folder di sites/, misalnya dinkes)\n'],
      );
      const badOption = ws.cli(["build", "--bogus"]);
      assert.equal(badOption.status, 2);
      assert.match(badOption.stderr, /Unknown option '--bogus'[\s\S]*Usage: portal <command>/);
      // A single option given twice is a slip, refused rather than settled by taking the last.
      const twice = ws.cli(["new-site", "uji", "--name", "Dinas Uji", "--type", "dinas", "--type", "badan"]);
      assert.equal(twice.status, 2);
      assert.match(twice.stderr, /^Option '--type' was given 2 times \(dinas, badan\); give it once\./);
      assert.equal(existsSync(join(ws.root, "sites/uji")), false, "nothing was created");
    } finally {
      await ws.dispose();
    }
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PortalConfig } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { guardCommits } from "./guard.ts";

/** A scratch repository with a history of gateway and developer commits, checked by the guard. */
describe("npm run guard: a Portal-Unit commit stays in its unit's folder", () => {
  let repo: string;
  const portal = { domain: "paserkab.go.id", cms: { backend: "github", repo: "pemkab-paser/portal" } } as PortalConfig;
  const units = new Set(["portal", "dinkes", "dlh"]);
  const git = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const run = spawnSync("git", args, { cwd: repo, encoding: "utf8", env: { ...process.env, ...env } });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  const developer = {
    GIT_AUTHOR_NAME: "Dev",
    GIT_AUTHOR_EMAIL: "dev@paserkab.go.id",
    GIT_COMMITTER_NAME: "Dev",
    GIT_COMMITTER_EMAIL: "dev@paserkab.go.id",
  };
  const gateway = {
    GIT_AUTHOR_NAME: "Siti (penulis dinkes)",
    GIT_AUTHOR_EMAIL: "siti@paserkab.go.id",
    GIT_COMMITTER_NAME: "Portal gateway",
    GIT_COMMITTER_EMAIL: "portal-gateway@paserkab.go.id",
  };
  /** Writes the files and commits them; returns the commit. */
  const commit = async (files: Record<string, string>, message: string, env = gateway) => {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(repo, path)), { recursive: true });
      await writeFile(join(repo, path), text);
    }
    git(["add", "-A"]);
    git(["commit", "-qm", message], env);
    return git(["rev-parse", "HEAD"]);
  };
  const check = (base: string) => guardCommits(repo, { base }, portal, units);

  before(async () => {
    repo = await mkdtemp(join(tmpdir(), "portal-guard-"));
    git(["init", "-q", "-b", "main"]);
    await commit(
      { "portal.json": "{}", "sites/dinkes/site.json": "{}", "sites/dlh/site.json": "{}" },
      "init",
      developer,
    );
  });
  after(() => rm(repo, { recursive: true, force: true }));

  it("passes the gateway's commits inside their unit, and a developer's commit without a trailer", async () => {
    const base = git(["rev-parse", "HEAD"]);
    await commit({ "sites/dinkes/content/berita/a.md": "a" }, "Tambah berita\n\nPortal-Unit: dinkes");
    await commit({ "themes/default/assets/style.css": "x" }, "Theme tweak", developer);
    assert.deepEqual(check(base), { commits: 2, problems: [] });
  });

  it("fails a Portal-Unit commit that touches another unit, the theme or portal.json, naming each file", async () => {
    const base = git(["rev-parse", "HEAD"]);
    await commit(
      {
        "sites/dinkes/content/berita/b.md": "b",
        "sites/dlh/content/berita/x.md": "x",
        "themes/default/x.njk": "x",
        "portal.json": '{"x":1}',
      },
      "Tambah berita\n\nPortal-Unit: dinkes",
    );
    const { problems } = check(base);
    assert.deepEqual(
      problems.map((p) => p.problem),
      [
        "Portal-Unit: dinkes, but it changes portal.json, outside sites/dinkes/",
        "Portal-Unit: dinkes, but it changes sites/dlh/content/berita/x.md, outside sites/dinkes/",
        "Portal-Unit: dinkes, but it changes themes/default/x.njk, outside sites/dinkes/",
      ],
    );
    assert.equal(problems[0]!.subject, "Tambah berita");
    git(["reset", "-q", "--hard", base]);
  });

  it("fails a rename out of the unit's folder (both sides count)", async () => {
    const base = git(["rev-parse", "HEAD"]);
    git(["mv", "sites/dinkes/content/berita/a.md", "sites/dlh-a.md"]);
    git(["commit", "-qm", "Pindah\n\nPortal-Unit: dinkes"], gateway);
    assert.deepEqual(
      check(base).problems.map((p) => p.problem),
      ["Portal-Unit: dinkes, but it changes sites/dlh-a.md, outside sites/dinkes/"],
    );
    git(["reset", "-q", "--hard", base]);
  });

  it("fails a gateway commit without a trailer, two trailers, and a trailer naming no unit", async () => {
    const base = git(["rev-parse", "HEAD"]);
    await commit({ "sites/dinkes/content/berita/c.md": "c" }, "Tanpa trailer");
    await commit({ "sites/dinkes/content/berita/d.md": "d" }, "Dua\n\nPortal-Unit: dinkes\nPortal-Unit: dlh");
    await commit({ "sites/palsu/x.md": "x" }, "Palsu\n\nPortal-Unit: palsu");
    assert.deepEqual(
      check(base).problems.map((p) => p.problem),
      [
        "Portal-Unit: palsu is not a unit of the registry",
        "has 2 Portal-Unit trailers (dinkes, dlh); a change belongs to one unit",
        "made by the gateway (portal-gateway@paserkab.go.id) without a Portal-Unit trailer",
      ],
    );
    git(["reset", "-q", "--hard", base]);
  });

  it("runs as `npm run guard`, exit 1 with each problem on its line", async () => {
    const base = git(["rev-parse", "HEAD"]);
    await writeFile(join(repo, "portal.json"), readFileSync(join(toolsRepoRoot, "portal.json")));
    git(["commit", "-qam", "portal"], developer);
    await commit({ "sites/dlh/content/berita/y.md": "y" }, "Salah unit\n\nPortal-Unit: dinkes");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "guard", "--root", repo, "--base", base],
      { cwd: toolsRepoRoot, encoding: "utf8" },
    );
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(
      run.stderr,
      /✘ [0-9a-f]{12} "Salah unit": Portal-Unit: dinkes, but it changes sites\/dlh\/content\/berita\/y\.md/,
    );
    assert.match(run.stdout, /1 problem\(s\) in 2 commit\(s\)/);
  });
  it("fails a merge commit that claims a unit (an “evil merge” changing portal.json in its own tree)", async () => {
    const base = git(["rev-parse", "HEAD"]);
    git(["checkout", "-q", "-b", "samping"]);
    await commit({ "sites/dinkes/content/berita/samping.md": "s" }, "Samping\n\nPortal-Unit: dinkes");
    git(["checkout", "-q", "main"]);
    await commit({ "sites/dinkes/content/berita/utama.md": "u" }, "Utama\n\nPortal-Unit: dinkes");
    // The merge's own tree changes portal.json, which neither parent did.
    git(["merge", "-q", "--no-ff", "--no-commit", "samping"], gateway);
    await writeFile(join(repo, "portal.json"), '{"hub":"dinkes"}');
    git(["add", "-A"]);
    git(["commit", "-qm", "Gabung\n\nPortal-Unit: dinkes"], gateway);
    const { problems } = check(base);
    assert.deepEqual(
      problems.map((p) => p.problem),
      ["is a merge commit with a Portal-Unit trailer; the gateway never merges (it squashes)"],
    );
    // A developer's merge without a trailer is reviewed as code is, not by the guard.
    const after = git(["rev-parse", "HEAD"]);
    git(["checkout", "-q", "-b", "fitur", `${after}~1`]);
    await commit({ "themes/default/x.css": "x" }, "Fitur", developer);
    git(["checkout", "-q", "main"]);
    git(["merge", "-q", "--no-ff", "-m", "Merge fitur", "fitur"], developer);
    assert.deepEqual(check(after).problems, []);
  });
});

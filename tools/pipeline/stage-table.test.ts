import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Progress } from "../core/progress.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { buildSites, stages, stagesMarkdown } from "./build-sites.ts";

/** Progress that remembers each step a build enters, in order. */
class Recorded extends Progress {
  steps: string[] = [];
  override enter(stage: string, sites: readonly string[] = []): void {
    this.steps.push(stage);
    super.enter(stage, sites);
  }
}

describe("the build's stage table", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  const progress = new Recorded();
  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    const report = await buildSites(ws, undefined, { progress });
    assert.deepEqual(
      report.results.map((r) => [r.slug, r.ok]),
      [
        ["dinkes", true],
        ["portal", true],
      ],
    );
  });
  after(() => ws?.dispose());

  it("is run in its order, debris and the report included, the hub last", () => {
    assert.deepEqual(
      stages.map((s) => s.name),
      ["debris", "validate", "report", "units", "hub"],
    );
    const first = (label: string) => progress.steps.indexOf(label);
    const order = [
      first("clearing what earlier builds left in dist/"),
      first("validate"),
      first("reading each unit's activity from its content and Git history"),
      first("eleventy"),
      first("reading the units' manifests for the hub"),
      progress.steps.lastIndexOf("eleventy"),
    ];
    assert.ok(!order.includes(-1), progress.steps.join(" → "));
    assert.deepEqual(
      [...order].sort((a, b) => a - b),
      order,
      progress.steps.join(" → "),
    );
  });

  it("is printed in docs/architecture.md as it is", () => {
    const architecture = readFileSync(join(toolsRepoRoot, "docs/architecture.md"), "utf8");
    assert.ok(architecture.includes(stagesMarkdown()), "paste stagesMarkdown() from tools/pipeline/build-sites.ts");
  });
});

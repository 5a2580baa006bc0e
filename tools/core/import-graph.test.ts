import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildEntries } from "../nx-plugin/index.ts";
import { importCircles, importsOf, reachableFrom } from "./import-graph.ts";
import { layerViolations, layersMarkdown, layers } from "./layers.ts";
import { toolsRepoRoot } from "./workspace.ts";

const modules = ["tools", "themes"].flatMap((dir) =>
  readdirSync(join(toolsRepoRoot, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.ts$/.test(f) && !f.includes("node_modules"))
    .map((f) => `${dir}/${f.split("\\").join("/")}`),
);

describe("the modules' imports", () => {
  it("form no circle anywhere in tools/ and themes/ (type-only imports included)", () => {
    assert.ok(modules.length > 100, `${modules.length} modules`);
    assert.deepEqual(
      importCircles(toolsRepoRoot, modules).map((c) => c.join(" → ")),
      [],
    );
  });

  it("import only downwards, in the layers docs/architecture.md prints", () => {
    const edges = new Map(
      modules.map((f) => {
        const i = importsOf(toolsRepoRoot, f);
        return [f, [...i.local, ...i.types]];
      }),
    );
    assert.deepEqual(layerViolations(edges), []);
    // Every folder of tools/ is in exactly one layer.
    const folders = readdirSync(join(toolsRepoRoot, "tools"), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    assert.deepEqual(layers.flatMap((l) => l.folders).sort(), folders);
    const architecture = readFileSync(join(toolsRepoRoot, "docs/architecture.md"), "utf8");
    assert.ok(
      architecture.includes(layersMarkdown()),
      "docs/architecture.md: paste layersMarkdown() from tools/core/layers.ts",
    );
  });

  it("an import that goes up, sideways or into a fixture is refused, with the reason", () => {
    const edges = new Map<string, string[]>([
      ["tools/content/a.ts", ["tools/generator/b.ts", "tools/core/c.ts", "tools/content/d.ts"]],
      ["tools/gateway/e.ts", ["tools/desk/f.ts", "tools/report/fixtures/g.ts"]],
      ["tools/gateway/e.test.ts", ["tools/bench/h.ts"]],
      ["tools/elsewhere/i.ts", ["tools/core/c.ts"]],
    ]);
    assert.deepEqual(layerViolations(edges), [
      "tools/content/a.ts → tools/generator/b.ts (goes up: tools/generator is above or beside tools/content)",
      "tools/gateway/e.ts → tools/desk/f.ts (same layer: tools/desk is above or beside tools/gateway)",
      "tools/gateway/e.ts → tools/report/fixtures/g.ts (a test or fixture)",
      "tools/elsewhere/i.ts → tools/core/c.ts (tools/elsewhere is in no layer)",
    ]);
  });

  it("a circle is found when there is one, through a type-only import too", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-imports-"));
    try {
      await writeFile(join(dir, "a.ts"), 'import { b } from "./b.ts";\nexport const a = () => b;\n');
      await writeFile(join(dir, "b.ts"), 'import type { C } from "./c.ts";\nexport const b = 1 as unknown as C;\n');
      await writeFile(join(dir, "c.ts"), 'export {\n  a,\n} from "./a.ts";\nexport type C = number;\n');
      assert.deepEqual(importCircles(dir, ["a.ts", "b.ts", "c.ts"]), [["a.ts", "b.ts", "c.ts", "a.ts"]]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("the build loads the generator, its filters, the stages and the schemas, and none of deploy, serve or the tests", () => {
    const { files, packages } = reachableFrom(toolsRepoRoot, buildEntries);
    for (const needed of [
      "tools/generator/portal-plugin.ts",
      "tools/generator/filters/tanggal-lengkap.ts",
      "tools/generator/eleventy.config.ts",
      "tools/pipeline/stages/render.ts",
      "tools/pipeline/stages/search-index.ts",
      "tools/schema/schemas.ts",
    ])
      assert.ok(files.includes(needed), needed);
    assert.deepEqual(
      files.filter((f) => /^tools\/(deploy|serve|bench|demo|links|test)\/|\.test\.ts$/.test(f)),
      [],
    );
    // Each package that shapes what a site publishes, however the build reaches it.
    for (const pkg of [
      "@11ty/eleventy",
      "@11ty/eleventy-img",
      "js-yaml",
      "pagefind",
      "posthtml",
      "sharp",
      // The CMS's bundle (tools/cms/decap-bundle.ts): its builder and what its entry imports.
      "esbuild",
      "decap-cms-core",
      "decap-cms-widget-markdown",
    ])
      assert.ok(packages.includes(pkg), pkg);
    assert.ok(!packages.includes("@nx/devkit"), "type-only imports load no package");
  });
});

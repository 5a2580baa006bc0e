import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { eleventysNunjucks, keepCompiledTemplates, type NunjucksLib } from "./compiled-templates.ts";

/** The Nunjucks Eleventy renders with, as far as these tests use it. */
interface Environment {
  addFilter(name: string, filter: (value: string) => string): void;
  render(name: string, data: object): string;
}
const lib = eleventysNunjucks("nunjucks") as NunjucksLib & {
  Environment: new (loader: unknown, opts: object) => Environment;
  FileSystemLoader: new (dir: string) => unknown;
};

/** Renders page.njk of `templates` with a new environment kept in `store`; counts what Nunjucks compiled. */
function render(templates: string, store: string | undefined, opts: { autoescape?: boolean } = {}) {
  const env = new lib.Environment(new lib.FileSystemLoader(templates), opts);
  env.addFilter("teriak", (s: string) => `${s}!`);
  if (store) keepCompiledTemplates(lib, env, store);
  const compile = lib.compiler.compile;
  let compiled = 0;
  lib.compiler.compile = (...args) => {
    compiled++;
    return compile(...args);
  };
  try {
    return { html: env.render("page.njk", { nama: "<Dinkes>" }), compiled };
  } finally {
    lib.compiler.compile = compile;
  }
}

/** The same render in a process of its own (the next build's): its output and how many it compiled. */
function renderInNewProcess(templates: string, store: string): { html: string; compiled: number } {
  const script = `
    import { eleventysNunjucks, keepCompiledTemplates } from ${JSON.stringify(join(toolsRepoRoot, "tools/generator/compiled-templates.ts"))};
    const nunjucks = eleventysNunjucks("nunjucks");
    const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(${JSON.stringify(templates)}), {});
    env.addFilter("teriak", (s) => s + "!");
    keepCompiledTemplates(nunjucks, env, ${JSON.stringify(store)});
    const compile = nunjucks.compiler.compile;
    let compiled = 0;
    nunjucks.compiler.compile = (...args) => { compiled++; return compile(...args); };
    console.log(JSON.stringify({ html: env.render("page.njk", { nama: "<Dinkes>" }), compiled }));`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: toolsRepoRoot,
    encoding: "utf8",
  });
  assert.equal(child.status, 0, child.stderr);
  return JSON.parse(child.stdout) as { html: string; compiled: number };
}

describe("templates compiled once (compiled-templates.ts)", () => {
  let dir: string;
  let templates: string;
  let store: string;
  const storedFiles = async () => {
    const [version] = await readdir(store);
    return readdir(join(store, version!));
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-njk-"));
    templates = join(dir, "templates");
    store = join(dir, "store");
    await mkdir(templates);
    await writeFile(join(templates, "page.njk"), '<h1>{{ nama | teriak }}</h1>{% include "part.njk" %}');
    await writeFile(join(templates, "part.njk"), "<p>{{ nama }}</p>");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("renders as Nunjucks does, and the next environment and the next process compile nothing", async () => {
    const plain = render(templates, undefined);
    assert.equal(plain.html, "<h1>&lt;Dinkes&gt;!</h1><p>&lt;Dinkes&gt;</p>");
    assert.equal(plain.compiled, 2, "an environment not kept compiles as before");
    const first = render(templates, store);
    assert.deepEqual(first, plain);
    assert.equal((await storedFiles()).length, 2, "the page and its include");
    assert.deepEqual(render(templates, store), { html: plain.html, compiled: 0 });
    assert.deepEqual(renderInNewProcess(templates, store), { html: plain.html, compiled: 0 });
  });

  it("compiles a template again once it is edited, and keeps only its new code", async () => {
    render(templates, store);
    await writeFile(join(templates, "part.njk"), "<p>{{ nama }} (diubah)</p>");
    const edited = render(templates, store);
    assert.deepEqual(edited, { html: "<h1>&lt;Dinkes&gt;!</h1><p>&lt;Dinkes&gt; (diubah)</p>", compiled: 1 });
    assert.equal((await storedFiles()).length, 2, "the part's old code is gone");
    assert.deepEqual(renderInNewProcess(templates, store), { html: edited.html, compiled: 0 });
  });

  it("keeps apart what another environment's options compile to (no escaping)", () => {
    const raw = render(templates, store, { autoescape: false });
    assert.equal(raw.html, "<h1><Dinkes>!</h1><p><Dinkes> (diubah)</p>");
    assert.equal(raw.compiled, 2);
    assert.match(render(templates, store).html, /&lt;Dinkes&gt;/, "the escaping environment's code is still its own");
  });

  it("compiles again over stored code that is damaged or not a template's", async () => {
    const [version] = await readdir(store);
    const names = await readdir(join(store, version!));
    assert.equal(names.length, 4, "two templates, each for two environments' options");
    for (const [i, name] of names.entries())
      await writeFile(
        join(store, version!, name),
        i % 2 ? "this is not JavaScript {" : "return { root: 'not a function' };",
      );
    assert.deepEqual(renderInNewProcess(templates, store), {
      html: "<h1>&lt;Dinkes&gt;!</h1><p>&lt;Dinkes&gt; (diubah)</p>",
      compiled: 2,
    });
  });
});

import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { defaultSchemaDir, toolsRepoRoot } from "../core/workspace.ts";
import { loadSchemas, schemaIds } from "../schema/schemas.ts";
import { compileSchemas, validateAgainst } from "./schema-validator.ts";

const cacheDir = join(toolsRepoRoot, ".cache", "compiled");

/** A copy of the schemas with a word of its own in site.json's title: validators no run shares. */
async function schemaCopy(): Promise<{ dir: string; word: string; dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "portal-schemas-"));
  await cp(defaultSchemaDir(), dir, { recursive: true });
  const word = `uji-${randomUUID()}`;
  const file = join(dir, "site.schema.json");
  const site = JSON.parse(await readFile(file, "utf8"));
  await writeFile(file, JSON.stringify({ ...site, title: `${site.title} ${word}` }));
  const dispose = async () => {
    await rm(dir, { recursive: true, force: true });
    for (const file of await cachedWith(word)) await rm(file, { force: true });
  };
  return { dir, word, dispose };
}

/** The cached validators whose code holds `word`. */
async function cachedWith(word: string): Promise<string[]> {
  const names = (await readdir(cacheDir).catch(() => [] as string[])).filter((n) => /^validators-\w+\.js$/.test(n));
  const holding: string[] = [];
  for (const name of names)
    if ((await readFile(join(cacheDir, name), "utf8").catch(() => "")).includes(word))
      holding.push(join(cacheDir, name));
  return holding;
}

// A careless site.json: wrong types, a missing field, an unknown one, a bad e-mail.
const careless = { slug: "Dinkes!", name: 5, type: "dinas", email: "bukan-email", extra: true };

describe("the schemas' validators, compiled once into .cache/compiled", () => {
  it("finds the same problems from the cached code as from ajv's compiling", async () => {
    const copy = await schemaCopy();
    try {
      const fresh = validateAgainst(schemaIds.site, careless, "sites/x/site.json", undefined, loadSchemas(copy.dir));
      const [file, ...more] = await cachedWith(copy.word);
      assert.ok(file, "the validators are written");
      assert.deepEqual(more, []);
      // A set loaded again reads the file: the same problems, every one of them.
      const cached = validateAgainst(schemaIds.site, careless, "sites/x/site.json", undefined, loadSchemas(copy.dir));
      assert.deepEqual(cached, fresh);
      assert.deepEqual(
        new Set(fresh.map((p) => p.code)),
        new Set(["pattern", "type", "required", "unknown-field", "format"]),
      );
    } finally {
      await copy.dispose();
    }
  });

  it("compiles again over a cached file cut short, and repairs it", async () => {
    const copy = await schemaCopy();
    try {
      const set = () => loadSchemas(copy.dir);
      const expected = validateAgainst(schemaIds.site, careless, "site.json", undefined, set());
      const [file] = await cachedWith(copy.word);
      const whole = await readFile(file!, "utf8");
      await writeFile(file!, whole.slice(0, whole.length / 2));
      assert.deepEqual(validateAgainst(schemaIds.site, careless, "site.json", undefined, set()), expected);
      assert.equal(await readFile(file!, "utf8"), whole);
    } finally {
      await copy.dispose();
    }
  });

  it("refuses a schema ajv's strict mode refuses, naming what is wrong, and writes nothing for it", async () => {
    const copy = await schemaCopy();
    try {
      const file = join(copy.dir, "content", "berita.schema.json");
      const berita = JSON.parse(await readFile(file, "utf8"));
      berita.properties.title.maxLenght = 10;
      await writeFile(file, JSON.stringify(berita));
      assert.throws(() => compileSchemas(loadSchemas(copy.dir)), /strict mode: unknown keyword: "maxLenght"/);
      assert.deepEqual(await cachedWith(copy.word), []);
    } finally {
      await copy.dispose();
    }
  });
});

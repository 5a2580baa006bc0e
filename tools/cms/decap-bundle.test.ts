import assert from "node:assert/strict";
import { watch } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { test } from "node:test";
import { decapBundle } from "./decap-bundle.ts";

test("sites asking for the CMS at once share one build of it; a bundle gone later is built again", async () => {
  const cacheDir = await mkdtemp(join(tmpdir(), "decap-bundle-"));
  try {
    const folder = join(cacheDir, "decap");
    await mkdir(folder);
    // Every build writes a folder of its own beside the bundle's (`<key>.<pid>-<thread>-<time>`), then
    // renames it: the folders that appear are the builds that ran.
    const written = new Set<string>();
    const watcher = watch(folder, (_event, name) => {
      if (name?.includes(".")) written.add(name);
    });
    try {
      // As publishing asks: eight sites at a time.
      const bundles = await Promise.all(Array.from({ length: 8 }, () => decapBundle(undefined, cacheDir)));
      assert.equal(new Set(bundles.map((b) => b.dir)).size, 1);
      const [bundle] = bundles;
      assert.ok(bundle!.files.includes("decap-cms.js"), bundle!.files.join(", "));
      assert.ok((await stat(join(bundle!.dir, "decap-cms.js"))).size > 100_000);
      assert.equal(written.size, 1, [...written].join(", "));
      assert.deepEqual(await readdir(folder), [basename(bundle!.dir)]);

      // Not remembered past its build: the cache is the only memory.
      await rm(bundle!.dir, { recursive: true });
      written.clear();
      const again = await decapBundle(undefined, cacheDir);
      assert.equal(again.dir, bundle!.dir);
      assert.ok(again.files.includes("decap-cms.js"));
      assert.equal(written.size, 1, [...written].join(", "));
    } finally {
      watcher.close();
    }
  } finally {
    await rm(cacheDir, { recursive: true, force: true });
  }
});

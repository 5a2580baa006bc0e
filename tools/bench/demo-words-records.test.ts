import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { hubSearchShare } from "../pipeline/stages/hub-search-records.ts";
import { demoWordsRecords } from "./demo-words-records.ts";

describe("a regency's hub search records in the demo's own words", () => {
  const sites = join(toolsRepoRoot, "sites");

  it("gives every unit its full share, the same records at every run, in many words", async () => {
    const records = await demoWordsRecords(sites, 39);
    assert.equal(records.length, 39 * hubSearchShare(39));
    assert.deepEqual(await demoWordsRecords(sites, 39), records, "the same at every run");
    const titles = records.map((r) => /<h1>(.*?)<\/h1>/.exec(r.html)![1]!);
    // Drawn from the demo's hundreds of titles, not a few repeated.
    assert.ok(new Set(titles).size > 300, String(new Set(titles).size));
    assert.ok(titles.includes("Penerbitan Akta Kelahiran"), "a title of the demo");
    const words = new Set(
      records.flatMap((r) =>
        r.html
          .replace(/<[^>]+>/g, " ")
          .toLowerCase()
          .split(/\W+/),
      ),
    );
    assert.ok(words.size > 1000, String(words.size));
    assert.match(records[0]!.html, /data-pagefind-filter="unit\[content\]"[^>]*content="Unit Contoh 1"/);
    assert.equal((await demoWordsRecords(sites, 499)).length, 499 * hubSearchShare(499));
  });

  it("says where it found no words", async () => {
    await assert.rejects(demoWordsRecords(join(toolsRepoRoot, "tools/bench"), 3), /no titles or sentences/);
  });
});

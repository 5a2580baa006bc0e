import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type ContentFact, hubFactsPath, hubFactsText, readPublishedUnit } from "./hub-facts.ts";
import { manifestCopyPath } from "./manifest-format.ts";

const manifest = (generated: string) =>
  JSON.stringify({
    version: 1,
    generated,
    site: { slug: "dinkes", name: "Dinas Kesehatan", url: "https://dinkes.paserkab.go.id/" },
    items: [{ type: "berita", title: "Posyandu", url: "https://dinkes.paserkab.go.id/berita/posyandu/" }],
  });
const fact = (type: string, file: string): ContentFact => ({ type, file, data: { title: file }, fillIn: false });

describe("what a unit's build keeps for the hub", () => {
  it("is the same text whenever the unit is built from the same content, in whatever order it was read", () => {
    const first = hubFactsText(manifest("2026-12-05T01:00:00.000Z"), [fact("profil", "visi"), fact("berita", "b")]);
    const again = hubFactsText(manifest("2026-12-05T09:30:00.000Z"), [fact("berita", "b"), fact("profil", "visi")]);
    assert.equal(first, again);
    const parsed = JSON.parse(first);
    assert.equal(parsed.manifest.generated, undefined, "not when it was built");
    assert.deepEqual(
      parsed.content.map((c: ContentFact) => `${c.type}/${c.file}`),
      ["berita/b", "profil/visi"],
    );
    assert.notEqual(hubFactsText(manifest("x"), [fact("berita", "c")]), first, "a new file is a change");
  });

  describe("read back by the hub", () => {
    let dist: string;
    before(async () => {
      dist = await mkdtemp(join(tmpdir(), "portal-hub-facts-"));
    });
    after(() => rm(dist, { recursive: true, force: true }));

    it("from the facts file, else a manifest of a dist/ written before there were facts, else nothing", async () => {
      assert.equal(readPublishedUnit(dist, "dinkes"), undefined);
      await mkdir(join(dist, "dinkes"), { recursive: true });
      await writeFile(join(dist, "dinkes/manifest.json"), manifest("2026-01-01T00:00:00.000Z"));
      assert.equal(readPublishedUnit(dist, "dinkes")?.manifest.items[0]?.title, "Posyandu");
      assert.equal(readPublishedUnit(dist, "dinkes")?.content, undefined, "a manifest alone has no content facts");
      await mkdir(join(dist, ".manifests"), { recursive: true });
      await writeFile(hubFactsPath(dist, "dinkes"), hubFactsText(manifest("x"), [fact("berita", "b")]));
      assert.deepEqual(readPublishedUnit(dist, "dinkes")?.content, [fact("berita", "b")]);
    });

    it("names the file that cannot be parsed, and how to mend it", async () => {
      await mkdir(join(dist, ".manifests"), { recursive: true });
      await writeFile(hubFactsPath(dist, "dlh"), '{"version":1,');
      assert.throws(
        () => readPublishedUnit(dist, "dlh"),
        /\.manifests\/dlh\.hub\.json cannot be read .*build the unit again \(npm run build -- dlh\)/,
      );
      await writeFile(manifestCopyPath(dist, "dishub"), "");
      assert.throws(() => readPublishedUnit(dist, "dishub"), /\.manifests\/dishub\.json cannot be read/);
    });
  });
});

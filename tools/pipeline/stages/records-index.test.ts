import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { pagefindFragments } from "../../test/pagefind-fragments.ts";
import { placeRecordsIndex, recordPart, recordsDigest, recordsIndexParts, stageRecordsIndex } from "./records-index.ts";
import { closeSearchProcess, type SearchRecord, type StartedIndex, startSearchIndex } from "./search-index.ts";

const record = (n: number, title: string): SearchRecord => ({
  url: `https://dinkes.paserkab.go.id/berita/kabar-${n}/`,
  html: `<!doctype html><html lang="id"><head><meta data-pagefind-filter="unit[content]" data-pagefind-meta="unit[content]" content="Dinas Kesehatan"></head><body><main data-pagefind-body><h1>${title}</h1><p>Ringkasan ${n}.</p></main></body></html>`,
});
const records = (title: string) => [record(1, title), record(2, "Posyandu Serentak"), record(3, "Imunisasi Anak")];
/** The part dinkes's records are kept in: its folder of the units' index. */
const part = String(recordPart(record(1, "")));

describe("the hub's index of the units' records, kept by its content", () => {
  const dirs: string[] = [];
  after(async () => {
    await closeSearchProcess();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });
  async function scratch(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "records-index-"));
    dirs.push(dir);
    return dir;
  }

  /** Places the records' index at `out`, counting the indexes Pagefind had to start. */
  async function place(dir: string, out: string, list: readonly SearchRecord[], started = { count: 0 }) {
    await placeRecordsIndex({
      records: list,
      outDir: join(dir, out),
      cacheDir: join(dir, ".cache"),
      start: (r) => {
        started.count++;
        return startSearchIndex(r);
      },
    });
    return started;
  }
  const entries = async (dir: string) => (await readdir(join(dir, ".cache/search")).catch(() => [])).sort();

  it("has Pagefind write the index of new records once, and places the same records' index from the cache", async () => {
    const dir = await scratch();
    const first = await place(dir, "a", records("Vaksinasi Massal"));
    assert.equal(first.count, 1);
    assert.deepEqual(await readdir(join(dir, "a")), [part], "one unit's records: one part");
    assert.deepEqual((await pagefindFragments(join(dir, "a", part))).map((f) => f.meta.title).sort(), [
      "Imunisasi Anak",
      "Posyandu Serentak",
      "Vaksinasi Massal",
    ]);
    // Only what a merged index reads: no script, no WebAssembly (the hub's own index has them).
    const files = await readdir(join(dir, "a", part));
    assert.ok(files.includes("pagefind-entry.json"), files.join());
    assert.ok(!files.some((f) => /\.js$|^wasm\./.test(f)), files.join());
    assert.deepEqual(await entries(dir), [recordsDigest(records("Vaksinasi Massal"))]);

    const again = await place(dir, "b", records("Vaksinasi Massal"));
    assert.equal(again.count, 0, "the same records: nothing for Pagefind");
    const [fragment] = await readdir(join(dir, "b", part, "fragment"));
    const [published, kept] = await Promise.all([
      stat(join(dir, "b", part, "fragment", fragment!)),
      stat(join(dir, ".cache/search", recordsDigest(records("Vaksinasi Massal")), "fragment", fragment!)),
    ]);
    assert.equal(published.ino, kept.ino, "linked from the cache, not written again");

    // One title changed: a new index, with the new title.
    const changed = await place(dir, "c", records("Vaksinasi Massal Tahap Dua"));
    assert.equal(changed.count, 1);
    assert.ok(
      (await pagefindFragments(join(dir, "c", part))).some((f) => f.meta.title === "Vaksinasi Massal Tahap Dua"),
    );
    assert.equal((await entries(dir)).length, 2);
  });

  it("keeps the three indexes of each part used last", async () => {
    const dir = await scratch();
    const kept = 3 * recordsIndexParts;
    const titles = Array.from({ length: kept + 1 }, (_, i) => `Judul ${i}`);
    for (const [i, title] of titles.entries()) await place(dir, `out-${i}`, records(title));
    const digest = (title: string) => recordsDigest(records(title));
    assert.deepEqual(await entries(dir), titles.slice(1).map(digest).sort());
    // Used again, the oldest kept is newer than the next, which goes when one more is written.
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await place(dir, "again", records(titles[1]!))).count, 0);
    await place(dir, "more", records("Lagi"));
    assert.deepEqual(await entries(dir), [titles[1]!, ...titles.slice(3), "Lagi"].map(digest).sort());
  });

  it("writes again only the part of the unit whose record changed, and merges nothing of a part with no record", async () => {
    const dir = await scratch();
    // Units whose records fall in two different parts (by their subdomain).
    const hosts = ["dinkes", "dlh", "disdik", "bappeda", "dpmptsp", "kec-tanah-grogot", "rsud"];
    const byPart = new Map<number, string>();
    for (const host of hosts)
      if (!byPart.has(recordPart({ url: `https://${host}.paserkab.go.id/` })))
        byPart.set(recordPart({ url: `https://${host}.paserkab.go.id/` }), host);
    assert.ok(byPart.size >= 2, "the units spread over parts");
    const [[partA, a], [partB, b]] = [...byPart.entries()] as [[number, string], [number, string]];
    const unit = (host: string, title: string): SearchRecord => ({
      url: `https://${host}.paserkab.go.id/berita/satu/`,
      html: record(1, title).html,
    });
    const first = await place(dir, "one", [unit(a, "Awal A"), unit(b, "Awal B")]);
    assert.equal(first.count, 2, "an index for each part");
    assert.deepEqual((await readdir(join(dir, "one"))).sort(), [String(partA), String(partB)].sort());
    const second = await place(dir, "two", [unit(a, "Awal A"), unit(b, "Baru B")]);
    assert.equal(second.count, 1, "only the changed unit's part");
    const titles = async (out: string, p: number) =>
      (await pagefindFragments(join(dir, out, String(p)))).map((f) => f.meta.title);
    assert.deepEqual(await titles("two", partA), ["Awal A"]);
    assert.deepEqual(await titles("two", partB), ["Baru B"]);
  });

  it("leaves nothing in the cache when Pagefind fails, and says why", async () => {
    const dir = await scratch();
    const failing = async (): Promise<StartedIndex> => ({ error: "Pagefind could not start an index: mati" });
    await assert.rejects(
      placeRecordsIndex({
        records: records("Gagal"),
        outDir: join(dir, "out"),
        cacheDir: join(dir, ".cache"),
        start: failing,
      }),
      /Pagefind could not start an index: mati/,
    );
    assert.deepEqual(await entries(dir), []);
  });

  it("writes the index straight into the hub when the cache cannot be written, and tries the cache again next time", async () => {
    const dir = await scratch();
    await mkdir(join(dir, ".cache"), { recursive: true });
    // A file where the cache's folder should be (a careless hand, a broken restore).
    await writeFile(join(dir, ".cache/search"), "bukan folder");
    const first = await place(dir, "out", records("Tanpa Cache"));
    assert.equal(first.count, 1);
    assert.ok((await pagefindFragments(join(dir, "out", part))).some((f) => f.meta.title === "Tanpa Cache"));
    assert.ok(!(await readdir(join(dir, "out", part))).some((f) => /\.js$|^wasm\./.test(f)));
    await rm(join(dir, ".cache/search"));
    assert.equal((await place(dir, "again", records("Tanpa Cache"))).count, 1);
    assert.equal((await place(dir, "third", records("Tanpa Cache"))).count, 0, "kept once it could be");
  });

  it("stages the index in a folder of its own while the hub renders, then moves it into the hub in one rename", async () => {
    const dir = await scratch();
    const staging = join(dir, "dist/.staging");
    const staged = await stageRecordsIndex({
      records: records("Bertahap"),
      cacheDir: join(dir, ".cache"),
      stagingDir: staging,
      start: startSearchIndex,
    });
    assert.ok("folder" in staged, JSON.stringify(staged));
    // Named as a build's staging run, so that the debris stage of a later build clears it if this one dies.
    assert.match(staged.folder, new RegExp(`/run-${process.pid}-\\d+$`));
    await placeRecordsIndex({
      records: records("Bertahap"),
      staged: staged.folder,
      outDir: join(dir, "dist/portal/pagefind/units"),
      cacheDir: join(dir, ".cache"),
      start: () => assert.fail("staged: nothing for Pagefind"),
    });
    assert.ok(
      (await pagefindFragments(join(dir, "dist/portal/pagefind/units", part))).some((f) => f.meta.title === "Bertahap"),
    );
    assert.deepEqual(await readdir(staging), []);
    // A failure is an answer, not a rejection: the hub's indexing then places the index itself.
    const failed = await stageRecordsIndex({
      records: records("Gagal Bertahap"),
      cacheDir: join(dir, ".cache"),
      stagingDir: staging,
      start: async () => ({ error: "Pagefind could not start an index: mati" }),
    });
    assert.deepEqual(failed, { error: "Pagefind could not start an index: mati" });
    assert.deepEqual(await readdir(staging), []);
  });

  it("names records apart by every byte of their address and text, and by nothing else", () => {
    const base = records("Sama");
    assert.equal(recordsDigest(base), recordsDigest(records("Sama")));
    assert.notEqual(recordsDigest(base), recordsDigest(records("Sama ")));
    assert.notEqual(recordsDigest(base), recordsDigest([...base].reverse()), "the order is the index's too");
    assert.notEqual(recordsDigest(base), recordsDigest([{ ...base[0]!, url: `${base[0]!.url}x` }, ...base.slice(1)]));
    // A record's text that would end one record and start another does not make the same digest.
    const joined = [{ url: "a", html: 'b"\n"c d' }];
    const split = [
      { url: "a", html: "b" },
      { url: "c", html: "d" },
    ];
    assert.notEqual(recordsDigest(joined), recordsDigest(split));
  });
});

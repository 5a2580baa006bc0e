import assert from "node:assert/strict";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { pagefindFragments } from "../../test/pagefind-fragments.ts";
import { indexChunkSize, indexChunkSizeVariable } from "./pagefind-environment.ts";
import { searchableGlob, writeSearchIndexes } from "./search-index.ts";

describe("which pages of a site Pagefind reads", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** A site folder of marked (searchable) pages and unmarked ones, at these paths. */
  async function site(pages: Record<string, boolean>): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "search-index-"));
    dirs.push(dir);
    for (const [path, marked] of Object.entries(pages)) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      const body = `<h1>Halaman ${path}</h1><p>pelayanan publik</p>`;
      await writeFile(
        join(dir, path),
        `<!doctype html><html lang="id"><head><title>${path}</title></head><body>${marked ? `<main data-pagefind-body>${body}</main>` : body}</body></html>`,
      );
    }
    return dir;
  }

  it("names the searchable pages only when that leaves out a quarter of the site or more, and at most 200", () => {
    const paths = ["berita/a/index.html", "profil/index.html"];
    assert.equal(searchableGlob({ paths, pages: 10 }), "{berita/a/index.html,profil/index.html}");
    assert.equal(searchableGlob({ paths, pages: 2 }), undefined, "every page is searchable: read the folder");
    const many = Array.from({ length: 201 }, (_, i) => `berita/b-${i}/index.html`);
    assert.equal(searchableGlob({ paths: many, pages: 2000 }), undefined);
    assert.ok(searchableGlob({ paths: many.slice(1), pages: 2000 }));
  });

  it("never names a path the pattern would read as syntax or as leaving the folder", () => {
    for (const hostile of [
      "berita/{a,b}/index.html",
      "berita/a,b/index.html",
      "berita/*/index.html",
      "berita/?/index.html",
      "berita/[ab]/index.html",
      "../luar/index.html",
      "/etc/index.html",
      "berita/a b/index.html",
      "berita/é/index.html",
      "berita/<a:b>/index.html",
      "berita/!a/index.html",
    ])
      assert.equal(searchableGlob({ paths: ["profil/index.html", hostile], pages: 100 }), undefined, hostile);
  });

  it("indexes only the pages named when it names them, and every marked page when it cannot", async () => {
    const dir = await site({
      "index.html": false,
      "berita/index.html": false,
      "berita/a/index.html": true,
      "berita/b/index.html": true,
      "berita/{x,y}/index.html": true,
    });
    // Named: a page marked but not named is not read (the build names every marked page it wrote).
    const named = await writeSearchIndexes([
      { slug: "dinkes", dir, searchable: { paths: ["berita/a/index.html"], pages: 5 } },
    ]);
    assert.deepEqual(named.get("dinkes"), { ok: true, pages: 1 });
    assert.deepEqual(
      (await pagefindFragments(join(dir, "pagefind"))).map((f) => f.url),
      ["/berita/a/"],
    );
    // A name with a pattern's syntax in it: the whole folder is read, its marked pages kept.
    const whole = await writeSearchIndexes([
      {
        slug: "dinkes",
        dir,
        searchable: { paths: ["berita/a/index.html", "berita/b/index.html", "berita/{x,y}/index.html"], pages: 5 },
      },
    ]);
    assert.deepEqual(whole.get("dinkes"), { ok: true, pages: 3 });
    // Nothing searchable: no page is read, not even the unmarked ones whole.
    const none = await writeSearchIndexes([{ slug: "dinkes", dir, searchable: { paths: [], pages: 5 } }]);
    assert.deepEqual(none.get("dinkes"), { ok: true, pages: 0 });
  });
});

describe("the size of Pagefind's word index files", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("splits a site's word index into files of about indexChunkSize word locations, not Pagefind's 20,000", async () => {
    // Pagefind reads the size from its environment only, under a name it calls unstable
    // (pagefind-environment.ts): a version that stops reading it writes one or two files here.
    assert.equal(process.env[indexChunkSizeVariable], String(indexChunkSize));
    const dir = await mkdtemp(join(tmpdir(), "search-chunks-"));
    dirs.push(dir);
    // 200 pages of 60 words each found once: 24,000 locations as Pagefind counts them (one more a page a word).
    for (let page = 0; page < 200; page++) {
      const words = Array.from({ length: 60 }, (_, w) => `kata${page}x${w}`).join(" ");
      await mkdir(join(dir, `halaman-${page}`), { recursive: true });
      await writeFile(
        join(dir, `halaman-${page}/index.html`),
        `<!doctype html><html lang="id"><head><title>Halaman ${page}</title></head><body><main data-pagefind-body><p>${words}</p></main></body></html>`,
      );
    }
    const results = await writeSearchIndexes([{ slug: "dinkes", dir }]);
    assert.deepEqual(results.get("dinkes"), { ok: true, pages: 200 });
    const chunks = (await readdir(join(dir, "pagefind/index"))).filter((f) => f.endsWith(".pf_index"));
    assert.ok(chunks.length >= 24_000 / indexChunkSize - 1, `${chunks.length} files: ${chunks.join(", ")}`);
  });
});

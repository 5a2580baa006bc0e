import assert from "node:assert/strict";
import { formatProblem } from "../problems/problem.ts";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { Progress } from "../core/progress.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { pagefindFragments, unitsIndexFragments } from "../test/pagefind-fragments.ts";
import { decodeHTML } from "entities";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { buildSites, inBatches, taperedBatches, type BuildReport } from "./build-sites.ts";
import { forgetCachedFiles } from "./eleventy-cache.ts";

const now = new Date("2026-11-27T10:00:00+08:00");

describe("photos without AVIF", () => {
  it("writes WebP and JPEG only when portal.json's images.avif is false, or when asked (npm start), then quickly", async () => {
    const files = new Map<string, string[]>();
    for (const how of ["portal.json", "option"] as const) {
      const ws = await tempWorkspace(fixtures.mini);
      try {
        if (how === "portal.json") {
          const file = join(ws.root, "portal.json");
          await writeFile(
            file,
            JSON.stringify({ ...JSON.parse(await readFile(file, "utf8")), images: { avif: false } }),
          );
        }
        const report = await buildSites(ws, ["dinkes"], {
          now,
          ...(how === "option" ? { quickImages: true as const } : {}),
        });
        assert.ok(
          report.results.every((r) => r.ok),
          JSON.stringify(report),
        );
        const html = await readFile(join(ws.distDir, "dinkes/berita/posyandu-serentak/index.html"), "utf8");
        const pictures = html.match(/<picture>.*?<\/picture>/gs) ?? [];
        assert.equal(pictures.length, 2, how);
        for (const picture of pictures) {
          assert.doesNotMatch(picture, /avif/, how);
          assert.match(picture, /type="image\/webp" srcset="[^"]*360w, [^"]*720w, [^"]*1200w"/, how);
        }
        const published = await readdir(join(ws.distDir, "dinkes/img"));
        assert.ok(published.length > 0 && !published.some((f) => f.endsWith(".avif")), `${how}: ${published.join()}`);
        files.set(how, published.sort());
      } finally {
        await ws.dispose();
      }
    }
    // npm start's settings (image-options.ts "quick") reach the encoder: eleventy-img names its
    // files by their source and encoding options, so the same photos are other files.
    const [published, quick] = [files.get("portal.json")!, files.get("option")!];
    assert.equal(quick.length, published.length, `${quick.join()} / ${published.join()}`);
    assert.deepEqual(
      quick.filter((f) => published.includes(f)),
      [],
    );
  });
});

describe("building the mini fixture", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let report: BuildReport;
  const page = (path: string) => readFile(join(ws.distDir, "dinkes", path), "utf8");

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    report = await buildSites(ws, undefined, { now });
  });
  after(() => ws.dispose());

  it("builds every site", () => {
    assert.deepEqual(report.fatal, []);
    assert.deepEqual(
      report.results.map((r) => [r.slug, r.ok, r.problems]),
      [
        ["dinkes", true, []],
        ["portal", true, []],
      ],
    );
  });

  it("writes a home page, a paginated list and a detail page for every content type", async () => {
    for (const type of ["berita", "pengumuman", "agenda", "dokumen", "layanan", "pejabat", "galeri"]) {
      assert.ok(existsSync(join(ws.distDir, "dinkes", type, "index.html")), `${type} list`);
    }
    for (const path of [
      "index.html",
      "profil/index.html",
      "berita/posyandu-serentak/index.html",
      "pejabat/kepala-dinas/index.html",
      "galeri/posyandu/index.html",
      "404.html",
    ]) {
      assert.ok(existsSync(join(ws.distDir, "dinkes", path)), path);
    }
  });

  it("shows an editor's template syntax and HTML as text, never running it", async () => {
    const html = await page("profil/index.html");
    assert.match(html, /\{\{ 7 \* 7 \}\}/);
    assert.doesNotMatch(html, /\b49\b/);
    assert.match(html, /&lt;script&gt;alert/);
    assert.doesNotMatch(html, /<script>alert/);
  });

  it("names on each content page the Git version of the file it was built from", async () => {
    for (const [path, source] of [
      ["berita/posyandu-serentak/index.html", "content/berita/posyandu-serentak.md"],
      ["profil/index.html", "content/halaman/profil.md"],
    ]) {
      const git = spawnSync("git", ["hash-object", join(ws.sitesDir, "dinkes", source!)], { encoding: "utf8" });
      assert.equal(git.status, 0, git.stderr);
      assert.match(await page(path!), new RegExp(`<meta name="portal:versi" content="${git.stdout.trim()}">`), path);
    }
    assert.doesNotMatch(
      await page("berita/index.html"),
      /portal:versi" content="[0-9a-f]/,
      "a list has no file of its own",
    );
  });

  it("writes dates in Indonesian", async () => {
    assert.match(await page("berita/posyandu-serentak/index.html"), /Minggu, 17 Agustus 2025/);
    assert.match(await page("agenda/rapat-koordinasi/index.html"), /pukul 09\.00 WITA/);
  });

  it("serves content images as AVIF, WebP and JPEG in several widths with their size set", async () => {
    const html = await page("berita/posyandu-serentak/index.html");
    const pictures = html.match(/<picture>.*?<\/picture>/gs) ?? [];
    assert.equal(pictures.length, 2, "cover and body image");
    for (const picture of pictures) {
      assert.match(picture, /type="image\/avif" srcset="[^"]*360w, [^"]*720w, [^"]*1200w"/);
      assert.match(picture, /type="image\/webp"/);
      assert.match(picture, /<img [^>]*width="1200" height="800"/);
    }
    assert.match(pictures[0]!, /loading="eager"/, "the cover is above the fold");
    assert.match(pictures[1]!, /loading="lazy"/, "body images load lazily");
    const used = [...html.matchAll(/\/img\/([^" ,]+)/g)].map((m) => m[1]!);
    for (const name of used) assert.ok(existsSync(join(ws.distDir, "dinkes", "img", name)), `img/${name} is published`);
  });

  it("publishes documents but never the original photos", async () => {
    assert.ok(existsSync(join(ws.distDir, "dinkes/media/dokumen/jadwal.pdf")));
    assert.ok(!existsSync(join(ws.distDir, "dinkes/media/berita/posyandu.jpg")));
  });

  it("generates the Daftar Informasi Publik from the documents", async () => {
    const html = await page("informasi-publik/index.html");
    assert.match(html, /Rencana Strategis Dinas Kesehatan 2021–2026/);
    assert.match(html, /secara berkala/);
    // One landmark per name (issue 24: landmark-unique on every DIP page).
    const names = [...html.matchAll(/aria-labelledby="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(names, [...new Set(names)]);
    assert.ok(names.includes("dip-berkala"), names.join(" "));
  });

  it("writes a manifest of every published item for the hub", async () => {
    const manifest = JSON.parse(await page("manifest.json"));
    assert.equal(manifest.version, 1);
    assert.equal(manifest.site.url, "https://dinkes.paserkab.go.id/");
    const news = manifest.items.find((i: { type: string }) => i.type === "berita");
    assert.deepEqual(
      { title: news.title, date: news.date, url: news.url },
      {
        title: "Posyandu Serentak di 10 Kecamatan",
        date: "2025-08-16T16:00:00.000Z",
        url: "https://dinkes.paserkab.go.id/berita/posyandu-serentak/",
      },
    );
    assert.match(news.image, /^https:\/\/dinkes\.paserkab\.go\.id\/img\/.+-1200\.jpeg$/);
    assert.deepEqual(
      new Set(manifest.items.map((i: { type: string }) => i.type)),
      new Set(["agenda", "berita", "dokumen", "galeri", "halaman", "layanan", "pejabat", "pengumuman"]),
    );
  });

  it("indexes each site's content pages for search, and the hub's search holds a record of every unit's page", async () => {
    const entry = JSON.parse(await page("pagefind/pagefind-entry.json"));
    // The mini fixture's dinkes has one item of each of the eight types; lists and home are not indexed.
    assert.equal(entry.languages.id.page_count, 8);
    assert.ok(existsSync(join(ws.distDir, "dinkes/pagefind/pagefind.js")));
    assert.ok(
      !existsSync(join(ws.distDir, "dinkes/pagefind/pagefind-ui.js")),
      "Pagefind's own interfaces are not published",
    );
    const manifest = JSON.parse(await page("manifest.json"));
    assert.equal(manifest.site.search, "https://dinkes.paserkab.go.id/pagefind/");
    // The hub's search: each of dinkes's eight pages as a record, with the same unit and type
    // filters as on dinkes's own pages, at dinkes's address. The units' index holds them, but for
    // what is dated from the week before this build's on (here the coming meeting, in 2099), which
    // the hub's own index holds beside its pages (hub-search-records.ts).
    const own = await pagefindFragments(join(ws.distDir, "dinkes/pagefind"));
    const units = await unitsIndexFragments(join(ws.distDir, "portal/pagefind/units"));
    const hubOwn = await pagefindFragments(join(ws.distDir, "portal/pagefind"));
    const ofDinkes = (fragments: typeof own) =>
      fragments.filter((f) => f.url.startsWith("https://dinkes.paserkab.go.id/"));
    assert.deepEqual(
      ofDinkes(hubOwn).map((f) => f.url),
      ["https://dinkes.paserkab.go.id/agenda/rapat-koordinasi/"],
    );
    const records = [...ofDinkes(units), ...ofDinkes(hubOwn)].sort((a, b) => a.url.localeCompare(b.url));
    assert.deepEqual(
      records.map((r) => r.url),
      own.map((f) => `https://dinkes.paserkab.go.id${f.url}`).sort(),
    );
    for (const record of records) {
      const page = own.find((f) => record.url.endsWith(f.url))!;
      assert.deepEqual(record.filters, page.filters, record.url);
      assert.equal(record.meta.title, page.meta.title, record.url);
      assert.equal(record.meta.unit, "Dinas Kesehatan");
    }
    // The hub's own pages are there too, at their own addresses.
    assert.ok(
      hubOwn.some((f) => f.url.startsWith("/")),
      hubOwn.map((f) => f.url).join(),
    );
    const hubSearch = await readFile(join(ws.distDir, "portal/cari/index.html"), "utf8");
    assert.doesNotMatch(hubSearch, /data-indexes/);
    // It merges each part of the units' index that holds records, and names no other (records-index.ts).
    const named = JSON.parse(decodeHTML(/data-units-indexes="([^"]+)"/.exec(hubSearch)?.[1] ?? "[]")) as string[];
    assert.ok(named.length > 0 && named.every((folder) => /^\/pagefind\/units\/\d+\/$/.test(folder)), named.join());
    assert.deepEqual(
      named,
      (await readdir(join(ws.distDir, "portal/pagefind/units"))).sort().map((part) => `/pagefind/units/${part}/`),
    );
    assert.doesNotMatch(await page("cari/index.html"), /data-units-index/);
    assert.match(hubSearch, /<option value="dinkes">Dinas Kesehatan<\/option>/);
    // A chosen unit's own search, which holds all its pages (search.js links to it).
    assert.match(
      hubSearch,
      /<select id="f-unit" name="unit" data-hub="portal" data-unit-search="https:\/\/\{slug\}\.paserkab\.go\.id\/cari\/">/,
    );
    assert.match(await page("cari/index.html"), /<a id="search-everywhere" href="https:\/\/paserkab\.go\.id\/cari\/">/);
  });

  it("writes Atom and JSON feeds, a sitemap and robots.txt", async () => {
    const atom = await page("feed.xml");
    assert.match(
      atom,
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom" xml:lang="id">/,
    );
    assert.match(atom, /<title>Posyandu Serentak di 10 Kecamatan<\/title>/);
    const json = JSON.parse(await page("feed.json"));
    assert.equal(json.items.length, 2);
    // Both feeds date every item at the same instant (a day is its midnight in WITA).
    for (const item of json.items as { url: string; date_published: string }[]) {
      const entry = atom
        .split("<entry>")
        .find((e) => e.includes(`<id>${item.url}</id>`) || e.includes(`href="${item.url}"`));
      assert.ok(entry, item.url);
      assert.equal(/<updated>([^<]+)<\/updated>/.exec(entry)![1], item.date_published, item.url);
      assert.match(item.date_published, /T16:00:00\.000Z$/);
    }
    assert.match(
      await page("sitemap.xml"),
      /<loc>https:\/\/dinkes\.paserkab\.go\.id\/berita\/posyandu-serentak\/<\/loc>/,
    );
    assert.match(await page("robots.txt"), /Sitemap: https:\/\/dinkes\.paserkab\.go\.id\/sitemap\.xml/);
  });

  it("sets Open Graph tags with an absolute image", async () => {
    const html = await page("berita/posyandu-serentak/index.html");
    assert.match(html, /<meta property="og:title" content="Posyandu Serentak di 10 Kecamatan">/);
    assert.match(
      html,
      /<meta property="og:image" content="https:\/\/dinkes\.paserkab\.go\.id\/img\/[^"]+-1200\.jpeg">/,
    );
  });

  it("publishes a page's images again when the same process builds again (layouts are not shared between runs)", async () => {
    await buildSites(ws, ["dinkes"], { now });
    const html = await page("berita/posyandu-serentak/index.html");
    const used = [...html.matchAll(/\/img\/([^" ,]+)/g)].map((m) => m[1]!);
    assert.ok(used.length > 0);
    for (const name of used) assert.ok(existsSync(join(ws.distDir, "dinkes", "img", name)), `img/${name} is published`);
  });

  it("shows on the hub what the units publish, read from their manifests", async () => {
    const hub = await readFile(join(ws.distDir, "portal/index.html"), "utf8");
    assert.match(
      hub,
      /<a href="https:\/\/dinkes\.paserkab\.go\.id\/berita\/posyandu-serentak\/">Posyandu Serentak di 10 Kecamatan<\/a>/,
    );
    assert.match(hub, /Agenda mendatang di seluruh perangkat daerah/);
    // Citizens get the unit's office in the directory; how alive its site is belongs to the
    // desk's dashboard. The fixture's last news is from August 2025, more than 180 days before
    // the pinned "today".
    assert.doesNotMatch(hub, /Lama tidak diperbarui|lama tidak diperbarui/);
    const directory = await readFile(join(ws.distDir, "portal/direktori/index.html"), "utf8");
    assert.match(directory, /<a href="https:\/\/dinkes\.paserkab\.go\.id\/">Dinas Kesehatan<\/a><\/h3>/);
    assert.match(directory, /href="tel:054321100"/);
    assert.match(await readFile(join(ws.distDir, "portal/status/index.html"), "utf8"), /Lama tidak diperbarui/);
  });

  it("writes the hub's list of each type, whose unit filter leads to the units' own lists", async () => {
    for (const path of ["kabar/semua", "kabar/berita", "kabar/pengumuman", "kabar/agenda"]) {
      assert.ok(existsSync(join(ws.distDir, "portal", path, "index.html")), path);
    }
    // No page of the hub per unit: a unit's whole list is its own site's.
    assert.equal(existsSync(join(ws.distDir, "portal/kabar/berita/dinkes")), false);
    const list = await readFile(join(ws.distDir, "portal/kabar/berita/index.html"), "utf8");
    assert.match(
      list,
      /<a href="https:\/\/dinkes\.paserkab\.go\.id\/berita\/posyandu-serentak\/">Posyandu Serentak di 10 Kecamatan<\/a>/,
    );
    assert.doesNotMatch(list, /jadwal-vaksinasi/, "announcements are filtered out");
    assert.match(list, /<li><a href="https:\/\/dinkes\.paserkab\.go\.id\/berita\/">Dinkes<\/a><\/li>/);
    const all = await readFile(join(ws.distDir, "portal/kabar/semua/index.html"), "utf8");
    assert.match(
      all,
      /<li><a href="https:\/\/dinkes\.paserkab\.go\.id\/">Dinkes<\/a><\/li>/,
      "every type: the unit's home",
    );
    assert.ok(existsSync(join(ws.distDir, "dinkes/berita/index.html")), "the list the filter leads to");
    // Headings in order: the cards' titles are one level below the page's h1 (issue 24: 114 pages skipped to h3).
    assert.match(list, /<h2 class="card-title"><a href="https:\/\/dinkes/);
    assert.doesNotMatch(list, /<h3 class="card-title">/);
    const home = await readFile(join(ws.distDir, "portal/index.html"), "utf8");
    assert.match(home, /<h3 class="card-title">/, "under the home's h2 sections, h3");
  });

  it("gives the hub feeds of every unit's news and announcements", async () => {
    const atom = await readFile(join(ws.distDir, "portal/feed.xml"), "utf8");
    assert.match(atom, /^<\?xml version="1.0" encoding="utf-8"\?>/);
    assert.match(
      atom,
      /<link href="https:\/\/dinkes\.paserkab\.go\.id\/berita\/posyandu-serentak\/"\/>\s*<id>[^<]+<\/id>\s*<updated>2025-08-16T16:00:00\.000Z<\/updated>\s*<author><name>Dinkes<\/name>/,
    );
    const json = JSON.parse(await readFile(join(ws.distDir, "portal/feed.json"), "utf8"));
    assert.deepEqual(json.items.map((i: { url: string }) => i.url).sort(), [
      "https://dinkes.paserkab.go.id/berita/posyandu-serentak/",
      "https://dinkes.paserkab.go.id/pengumuman/jadwal-vaksinasi/",
    ]);
  });

  it("reuses encoded images on the next build", async () => {
    const cache = join(ws.cacheDir, "img");
    const before = new Map(
      await Promise.all((await readdir(cache)).map(async (f) => [f, (await stat(join(cache, f))).mtimeMs] as const)),
    );
    // The next build is a new process, as in CI or the next `npm run build`.
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "build", "--root", ws.root, "dinkes"],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 0, run.stderr);
    for (const [f, mtime] of before) assert.equal((await stat(join(cache, f))).mtimeMs, mtime, `${f} was re-encoded`);
  });

  it("shows a photo replaced under the same name, and encodes again what left the image cache", async () => {
    // The next build answers from what eleventy-img answered before for the same bytes
    // (generator/image-results.ts): never for other bytes, never naming files no longer there.
    const page = join(ws.distDir, "dinkes/berita/posyandu-serentak/index.html");
    const encodedIn = async () => {
      const html = await readFile(page, "utf8");
      return {
        body: new Set([...html.matchAll(/\/img\/([\w-]+)-\d+\.(?:avif|webp|jpeg)/g)].map((m) => m[1]!)),
        share: /<meta property="og:image" content="[^"]*\/img\/([\w-]+)-1200\.jpeg"/.exec(html)?.[1],
      };
    };
    const build = () =>
      spawnSync(
        process.execPath,
        ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "build", "--root", ws.root, "dinkes"],
        { encoding: "utf8" },
      );
    const published = async () => {
      const html = await readFile(page, "utf8");
      for (const m of html.matchAll(/\/img\/([\w.-]+\.(?:avif|webp|jpeg))/g))
        assert.ok(existsSync(join(ws.distDir, "dinkes/img", m[1]!)), `${m[1]} is named but not published`);
    };
    const before = await encodedIn();
    assert.ok(before.body.size > 0 && before.share);
    const photo = join(ws.root, "sites/dinkes/media/berita/posyandu.jpg");
    const original = await readFile(photo);
    try {
      await sharp({ create: { width: 900, height: 600, channels: 3, background: "#2a7f62" } })
        .jpeg()
        .toFile(photo);
      const run = build();
      assert.equal(run.status, 0, run.stderr);
      const after = await encodedIn();
      assert.ok(after.body.size > 0);
      for (const hash of after.body) assert.ok(!before.body.has(hash), `the old photo's ${hash} is still shown`);
      assert.notEqual(after.share, before.share);
      await published();
    } finally {
      await writeFile(photo, original);
    }
    // The original's encoded files removed from the cache: its recorded answer names them, so
    // eleventy-img encodes it again rather than publishing a page that names missing files.
    const cache = join(ws.cacheDir, "img");
    for (const name of await readdir(cache)) if (before.body.has(name.split("-")[0]!)) await rm(join(cache, name));
    const again = build();
    assert.equal(again.status, 0, again.stderr);
    assert.deepEqual((await encodedIn()).body, before.body);
    await published();
  });
});

describe("a site with broken content", () => {
  it("fails alone: the other sites build and the command exits 1 naming it", async () => {
    const ws = await tempWorkspace(fixtures.broken);
    try {
      const run = spawnSync(
        process.execPath,
        ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "build", "--root", ws.root],
        { encoding: "utf8" },
      );
      assert.equal(run.status, 1);
      assert.match(run.stdout, /✔ baik:/);
      assert.match(run.stdout, /✔ portal:/);
      assert.match(
        run.stderr,
        /✘ rusak: gagal\n(?: {2}.+\n)* {2}sites\/rusak\/content\/berita\/bukan-utf8\.md:6: berkas bukan teks UTF-8/,
      );
      assert.match(run.stderr, /situs gagal: .*rusak/);
      assert.ok(existsSync(join(ws.distDir, "baik/index.html")));
      assert.ok(!existsSync(join(ws.distDir, "rusak")));
    } finally {
      await ws.dispose();
    }
  });

  it("fails only the site of a corrupt photo, which would otherwise crash the image encoder", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    try {
      // A photo's name and size, but not a photo inside.
      await writeFile(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg"), Buffer.alloc(30_000, 7));
      const report = await buildSites(ws, undefined, { now });
      assert.deepEqual(
        report.results.map((r) => [r.slug, r.ok]),
        [
          ["dinkes", false],
          ["portal", true],
        ],
      );
      assert.match(
        report.results[0]!.problems.map(formatProblem).join("\n"),
        /posyandu\.jpg: berkas gambar rusak atau bukan gambar/,
      );
      assert.ok(existsSync(join(ws.distDir, "portal/index.html")));
      assert.ok(!existsSync(join(ws.distDir, "dinkes")));
    } finally {
      await ws.dispose();
    }
  });

  it("resolves a link to another unit's page for where the build is served, and fails the site of a broken one", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    try {
      const profile = join(ws.sitesDir, "portal/content/halaman/profil.md");
      await writeFile(
        profile,
        `${await readFile(profile, "utf8")}\nLihat [berita Dinkes](site:dinkes/berita/posyandu-serentak#foto) dan [Renstra](site:dinkes/media/dokumen/jadwal.pdf).\n`,
      );
      const local = { protocol: "http:" as const, apex: "localhost:8080" };
      let report = await buildSites(ws, undefined, { now, base: local });
      assert.deepEqual(
        report.results.map((r) => [r.slug, r.ok]),
        [
          ["dinkes", true],
          ["portal", true],
        ],
      );
      const html = await readFile(join(ws.distDir, "portal/profil/index.html"), "utf8");
      assert.match(
        html,
        /<a href="http:\/\/dinkes\.localhost:8080\/berita\/posyandu-serentak\/#foto">berita Dinkes<\/a>/,
      );
      assert.match(html, /<a href="http:\/\/dinkes\.localhost:8080\/media\/dokumen\/jadwal\.pdf">Renstra<\/a>/);

      await writeFile(profile, `${await readFile(profile, "utf8")}\n[Berita lama](site:dinkes/berita/posyandu-lama)\n`);
      report = await buildSites(ws, undefined, { now, base: local });
      assert.deepEqual(
        report.results.map((r) => [r.slug, r.ok]),
        [
          ["dinkes", true],
          ["portal", false],
        ],
      );
      assert.match(
        report.results[1]!.problems.map(formatProblem).join("\n"),
        /^sites\/portal\/content\/halaman\/profil\.md:\d+: tautan "site:dinkes\/berita\/posyandu-lama" tidak menuju halaman yang ada/,
      );
      // The last good build of the hub stays published.
      assert.match(await readFile(join(ws.distDir, "portal/profil/index.html"), "utf8"), /berita Dinkes/);
    } finally {
      await ws.dispose();
    }
  });

  it("links a new unit from the hub's directory as soon as its folder exists", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    try {
      await mkdir(join(ws.sitesDir, "dlh"));
      await writeFile(
        join(ws.sitesDir, "dlh/site.json"),
        JSON.stringify({
          slug: "dlh",
          name: "Dinas Lingkungan Hidup",
          short_name: "DLH",
          type: "dinas",
          address: "Jl. Modang No. 1, Tanah Grogot",
          phone: "(0543) 21001",
          email: "dlh@paserkab.go.id",
          status: "planned",
        }),
      );
      await buildSites(ws, ["dinkes", "portal"], { now });
      assert.match(
        await readFile(join(ws.distDir, "portal/direktori/index.html"), "utf8"),
        /<a href="https:\/\/dlh\.paserkab\.go\.id\/">Dinas Lingkungan Hidup<\/a>/,
      );
      // Built with nothing in it yet: its search still loads (an empty index), and the hub's
      // search has nothing of it, nor offers it as a filter.
      const report = await buildSites(ws, ["dlh", "portal"], { now });
      assert.ok(
        report.results.every((r) => r.ok),
        JSON.stringify(report),
      );
      assert.deepEqual(
        JSON.parse(await readFile(join(ws.distDir, "dlh/pagefind/pagefind-entry.json"), "utf8")).languages,
        {},
      );
      assert.ok(existsSync(join(ws.distDir, "dlh/pagefind/wasm.unknown.pagefind")));
      const hubSearch = await readFile(join(ws.distDir, "portal/cari/index.html"), "utf8");
      assert.match(hubSearch, /<option value="dinkes"[ >]/);
      assert.doesNotMatch(hubSearch, /<option value="dlh"[ >]/);
      const urls = (await unitsIndexFragments(join(ws.distDir, "portal/pagefind/units"))).map((f) => f.url);
      assert.ok(
        urls.some((u) => u.startsWith("https://dinkes.paserkab.go.id/")),
        urls.join(),
      );
      assert.ok(!urls.some((u) => u.includes("dlh.")), urls.join());
    } finally {
      await ws.dispose();
    }
  });

  it("shows DKISP's broadcast on every page of every site during its window only", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    try {
      const dir = join(ws.sitesDir, "portal/content/siaran");
      await mkdir(dir, { recursive: true });
      await writeFile(
        join(dir, "banjir.md"),
        "---\ntitle: Siaga banjir Sungai Kandilo\nstart: 2026-11-27 06:00\nend: 2026-11-28 18:00\nlevel: darurat\nsummary: Warga bantaran sungai diminta mengungsi ke posko terdekat.\n---\nIkuti arahan petugas BPBD.\n",
      );
      await writeFile(
        join(dir, "libur.md"),
        "---\ntitle: Libur tahun baru\nstart: 2026-01-01 00:00\nend: 2026-01-02 00:00\nlevel: info\n---\n",
      );
      const report = await buildSites(ws, undefined, { now });
      assert.deepEqual(
        report.results.map((r) => r.ok),
        [true, true],
      );
      for (const path of ["dinkes/index.html", "dinkes/berita/posyandu-serentak/index.html", "portal/index.html"]) {
        const html = await readFile(join(ws.distDir, path), "utf8");
        assert.match(
          html,
          /<section class="broadcast level-darurat"[^>]*>\s*<p><strong>Darurat:<\/strong> <a href="https:\/\/paserkab\.go\.id\/siaran\/banjir\/">Siaga banjir Sungai Kandilo<\/a>/,
          path,
        );
        assert.doesNotMatch(html, /Libur tahun baru/, path);
      }
      assert.ok(existsSync(join(ws.distDir, "portal/siaran/banjir/index.html")));
      assert.ok(!existsSync(join(ws.distDir, "dinkes/siaran")), "units have no broadcast list");
    } finally {
      await ws.dispose();
    }
  });

  it("never replaces a good earlier build with partial output", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    try {
      await buildSites(ws, ["dinkes"], { now });
      const good = await readFile(join(ws.distDir, "dinkes/index.html"), "utf8");
      await writeFile(join(ws.sitesDir, "dinkes/content/berita/rusak.md"), "---\ntitle: Tanpa tanggal\n---\n");
      const report = await buildSites(ws, ["dinkes"], { now });
      assert.equal(report.results[0]?.ok, false);
      assert.equal(await readFile(join(ws.distDir, "dinkes/index.html"), "utf8"), good);
      assert.deepEqual(existsSync(join(ws.distDir, ".staging")) ? await readdir(join(ws.distDir, ".staging")) : [], []);
    } finally {
      await ws.dispose();
    }
  });
});

describe("building the units in batches", () => {
  /** The mini fixture with three more units, copies of dinkes under other names. */
  async function withUnits(): Promise<Awaited<ReturnType<typeof tempWorkspace>>> {
    const ws = await tempWorkspace(fixtures.mini);
    for (const [slug, name] of [
      ["dlh", "Dinas Lingkungan Hidup"],
      ["dishub", "Dinas Perhubungan"],
      ["bappeda", "Badan Perencanaan Pembangunan Daerah"],
    ] as const) {
      await cp(join(ws.sitesDir, "dinkes"), join(ws.sitesDir, slug), { recursive: true });
      const site = JSON.parse(await readFile(join(ws.sitesDir, slug, "site.json"), "utf8"));
      await writeFile(
        join(ws.sitesDir, slug, "site.json"),
        JSON.stringify({ ...site, slug, name, short_name: slug.toUpperCase(), email: `${slug}@paserkab.go.id` }),
      );
    }
    return ws;
  }

  /**
   * What validation cannot see: a copy of the theme whose layout breaks on one site's pages (a
   * template calling what does not exist).
   */
  async function themeBreakingOn(ws: Awaited<ReturnType<typeof tempWorkspace>>, slug: string): Promise<string> {
    const theme = join(ws.root, "theme-copy");
    await cp(ws.themeDir, theme, { recursive: true });
    const base = join(theme, "_includes/layouts/base.njk");
    await writeFile(
      base,
      `{% if site.slug == "${slug}" %}{{ nothingCalledThis() }}{% endif %}\n${await readFile(base, "utf8")}`,
    );
    return theme;
  }

  /** Each site's outcome, in the report's order: every site of withUnits ok but those named. */
  const outcomes = (report: BuildReport, failed: readonly string[]) => {
    assert.deepEqual(
      report.results.map((r) => [r.slug, r.ok]),
      ["bappeda", "dinkes", "dishub", "dlh", "portal"].map((slug) => [slug, !failed.includes(slug)]),
    );
  };

  /** The unit's next publishing fails: where its published folder would go aside is taken. */
  const blockPublishing = (ws: Awaited<ReturnType<typeof tempWorkspace>>, slug: string) =>
    mkdir(join(ws.distDir, `${slug}.old-${process.pid}`, "taken"), { recursive: true });

  /** Every file of a built dist/ with its bytes, but for what differs from run to run. */
  async function contents(dist: string): Promise<Map<string, string>> {
    const files = (await readdir(dist, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dist.length + 1))
      // Pagefind's index and entry files are not byte-stable between runs (compare-dist.ts); its fragments are.
      .filter((f) => !/\/pagefind\/(?:units\/\d+\/)?(?:index\/|filter\/|pagefind\.|pagefind-entry\.json)/.test(f));
    const out = new Map<string, string>();
    for (const f of files.sort()) {
      let text = await readFile(join(dist, f), "utf8");
      if (/manifest\.json$|^\.manifests\//.test(f)) text = text.replace(/"generated":\s*"[^"]*"/, "");
      if (f.endsWith("status/index.html")) text = text.replace(/\d+ \S+ \d{4} pukul \d\d\.\d\d \w+\./, "(waktu)");
      out.set(f, text);
    }
    return out;
  }

  it("shows each unit its own logo where units' logos share a file name, in one run", async () => {
    const ws = await withUnits();
    try {
      // Two different pictures at the same address of each unit's media: the page's <img> tag is
      // the same text on both units' pages, and each page must still show its own unit's file.
      for (const [slug, colour] of [
        ["dinkes", { r: 200, g: 30, b: 30 }],
        ["dlh", { r: 30, g: 160, b: 60 }],
      ] as const) {
        await mkdir(join(ws.sitesDir, slug, "media"), { recursive: true });
        await sharp({ create: { width: 120, height: 120, channels: 3, background: colour } })
          .png()
          .toFile(join(ws.sitesDir, slug, "media", "logo.png"));
        const site = JSON.parse(await readFile(join(ws.sitesDir, slug, "site.json"), "utf8"));
        await writeFile(join(ws.sitesDir, slug, "site.json"), JSON.stringify({ ...site, logo: "/media/logo.png" }));
      }
      const report = await buildSites(ws, undefined, { now });
      assert.ok(
        report.results.every((r) => r.ok),
        JSON.stringify(report.results.filter((r) => !r.ok)),
      );
      const logoOf = async (slug: string, path: string) => {
        const html = await readFile(join(ws.distDir, slug, path), "utf8");
        const srcset = /<a class="unit"[\s\S]*?<source[^>]*srcset="([^"]+)"/.exec(html)?.[1];
        assert.ok(srcset, `${slug}/${path} shows a logo`);
        return srcset;
      };
      const [dinkes, dlh] = [await logoOf("dinkes", "index.html"), await logoOf("dlh", "index.html")];
      assert.notEqual(dinkes, dlh);
      // The same on every page of the unit, and published with it.
      assert.equal(await logoOf("dinkes", "berita/index.html"), dinkes);
      assert.equal(await logoOf("dlh", "berita/index.html"), dlh);
      for (const [slug, srcset] of [
        ["dinkes", dinkes],
        ["dlh", dlh],
      ] as const)
        assert.ok(existsSync(join(ws.distDir, slug, srcset.split(" ")[0]!)), `${slug} publishes ${srcset}`);
    } finally {
      await ws.dispose();
    }
  });

  /**
   * Builds the workspace in one run, then again with each unit a batch of its own, and checks that
   * both report and publish the same; returns the files of the first.
   */
  async function sameAsOneRun(ws: Awaited<ReturnType<typeof withUnits>>): Promise<Map<string, string>> {
    const one = await buildSites(ws, undefined, { now });
    assert.ok(
      one.results.every((r) => r.ok),
      JSON.stringify(one.results),
    );
    const whole = await contents(ws.distDir);
    await rm(ws.distDir, { recursive: true, force: true });
    // One content file per batch at most: each unit is a batch of its own.
    const batched = await buildSites(ws, undefined, { now, batchContentFiles: 1 });
    assert.deepEqual(
      batched.results.map((r) => [r.slug, r.ok, r.pages]),
      one.results.map((r) => [r.slug, r.ok, r.pages]),
    );
    const parts = await contents(ws.distDir);
    assert.deepEqual([...parts.keys()], [...whole.keys()]);
    for (const [file, text] of whole) assert.equal(parts.get(file), text, file);
    return whole;
  }

  it("publishes what one run publishes, each batch indexed and published beside the next one's render", async () => {
    const ws = await withUnits();
    try {
      await sameAsOneRun(ws);
      assert.ok(existsSync(join(ws.distDir, "dlh/pagefind/pagefind-entry.json")));
      assert.deepEqual(await readdir(join(ws.distDir, ".staging")).catch(() => []), []);
    } finally {
      await ws.dispose();
    }
  });

  it("publishes an archived unit inside the hub alike, whether the units are validated at once or batch by batch", async () => {
    const ws = await withUnits();
    try {
      const siteFile = join(ws.sitesDir, "dlh/site.json");
      const site = JSON.parse(await readFile(siteFile, "utf8"));
      await writeFile(
        siteFile,
        JSON.stringify({ ...site, status: "retired", retired_on: "2025-09-01", successor: "dinkes", archived: true }),
      );
      const whole = await sameAsOneRun(ws);
      assert.ok(whole.has("portal/arsip/dlh/index.html"), [...whole.keys()].filter((f) => f.includes("arsip")).join());
    } finally {
      await ws.dispose();
    }
  });

  it("validates each batch's units just before it renders them, and fails a later unit's problems and a taken name alone", async () => {
    const ws = await withUnits();
    try {
      // dlh's news loses its date; dishub takes bappeda's name (neither is in Git: both are told).
      const post = join(ws.sitesDir, "dlh/content/berita/posyandu-serentak.md");
      await writeFile(post, (await readFile(post, "utf8")).replace(/^date: .*\n/m, ""));
      const siteFile = join(ws.sitesDir, "dishub/site.json");
      const site = JSON.parse(await readFile(siteFile, "utf8"));
      await writeFile(siteFile, JSON.stringify({ ...site, name: "Badan Perencanaan Pembangunan Daerah" }));
      const progress = new Progress();
      const stages: string[] = [];
      progress.onStage((stage) => stages.push(stage));
      const report = await buildSites(ws, undefined, { now, batchContentFiles: 1, progress });
      assert.deepEqual(
        report.results.map((r) => [r.slug, r.ok, r.problems.map((p) => p.code).join()]),
        [
          ["bappeda", false, "duplicate-site"],
          ["dinkes", true, ""],
          ["dishub", false, "duplicate-site"],
          ["dlh", false, "required"],
          ["portal", true, ""],
        ],
      );
      // Validation, then a render, then validation again: the later batches are read after the first renders.
      const firstRender = stages.indexOf("eleventy");
      assert.ok(firstRender > 0 && stages.indexOf("validate", firstRender) > firstRender, stages.join(" → "));
      assert.ok(existsSync(join(ws.distDir, "dinkes/index.html")));
      for (const slug of ["bappeda", "dishub", "dlh"]) assert.ok(!existsSync(join(ws.distDir, slug)), slug);
    } finally {
      await ws.dispose();
    }
  });

  it("fails only the unit whose render fails, in a batch of several, and publishes the others", async () => {
    const ws = await withUnits();
    try {
      const theme = await themeBreakingOn(ws, "dishub");
      // Two units a batch: dishub fails with bappeda's batch, which is then rendered site by site.
      const report = await buildSites({ ...ws, themeDir: theme }, undefined, { now, batchContentFiles: 16 });
      outcomes(report, ["dishub"]);
      assert.match(report.results[2]!.problems.map(formatProblem).join("\n"), /nothingCalledThis/);
      for (const slug of ["bappeda", "dinkes", "dlh"]) {
        assert.ok(existsSync(join(ws.distDir, slug, "index.html")), slug);
        assert.ok(existsSync(join(ws.distDir, slug, "pagefind/pagefind-entry.json")), slug);
        assert.ok(existsSync(join(ws.distDir, ".manifests", `${slug}.json`)), slug);
      }
      assert.ok(!existsSync(join(ws.distDir, "dishub")));
      assert.deepEqual(await readdir(join(ws.distDir, ".staging")).catch(() => []), []);
    } finally {
      await ws.dispose();
    }
  });

  it("renders the hub again from what is published when a unit it was rendered from fails to publish", async () => {
    const ws = await withUnits();
    try {
      const first = await buildSites(ws, undefined, { now, batchContentFiles: 1 });
      assert.ok(
        first.results.every((r) => r.ok),
        JSON.stringify(first.results),
      );
      // dlh's news gets a new title, and its site cannot be swapped this time (where its
      // published folder goes aside is taken): it renders, then fails to publish.
      const post = join(ws.sitesDir, "dlh/content/berita/posyandu-serentak.md");
      await writeFile(
        post,
        (await readFile(post, "utf8")).replace(/^title: .*$/m, "title: Judul Baru Yang Belum Terbit"),
      );
      // (Eleventy keeps what it read in this process until told, as `npm start` tells it.)
      await forgetCachedFiles([post]);
      await blockPublishing(ws, "dlh");
      const report = await buildSites(ws, undefined, { now, batchContentFiles: 1 });
      outcomes(report, ["dlh"]);
      // The hub shows what is published: dlh's news under its old title, in its pages and its search.
      const news = await readFile(join(ws.distDir, "portal/kabar/berita/index.html"), "utf8");
      assert.match(news, /Posyandu Serentak di 10 Kecamatan/);
      assert.doesNotMatch(news, /Judul Baru/);
      const records = JSON.stringify(await unitsIndexFragments(join(ws.distDir, "portal/pagefind/units")));
      assert.match(records, /\/\/dlh\./);
      assert.doesNotMatch(records, /Judul Baru/);
      assert.doesNotMatch(await readFile(join(ws.distDir, "dlh/index.html"), "utf8"), /Judul Baru/);
      assert.deepEqual(await readdir(join(ws.distDir, ".staging")).catch(() => []), []);
    } finally {
      await ws.dispose();
    }
  });
  it("builds the hub alone from what the units' last builds kept, its index given their records at the start: as a build of all does", async () => {
    const ws = await withUnits();
    try {
      assert.ok((await buildSites(ws, undefined, { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      // An edit's build as Nx runs it: the unit alone, then the hub alone, from dlh's facts.
      const post = join(ws.sitesDir, "dlh/content/berita/posyandu-serentak.md");
      await writeFile(post, (await readFile(post, "utf8")).replace(/^title: .*$/m, "title: Judul Baru Dari DLH"));
      await forgetCachedFiles([post]);
      assert.ok((await buildSites(ws, ["dlh"], { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      const alone = await buildSites(ws, ["portal"], { now, batchContentFiles: 1 });
      assert.deepEqual(
        alone.results.map((r) => [r.slug, r.ok]),
        [["portal", true]],
      );
      const hubOf = async () => new Map([...(await contents(ws.distDir))].filter(([f]) => f.startsWith("portal/")));
      const hub = await hubOf();
      // The records' index, linked into a folder of the staging while the hub rendered, was moved in.
      const parts = await readdir(join(ws.distDir, "portal/pagefind/units"));
      assert.ok(
        parts.length > 0 &&
          parts.every((p) => existsSync(join(ws.distDir, "portal/pagefind/units", p, "pagefind-entry.json"))),
      );
      assert.deepEqual(await readdir(join(ws.distDir, ".staging")).catch(() => []), []);
      assert.match(hub.get("portal/kabar/berita/index.html") ?? "", /Judul Baru Dari DLH/);
      assert.match(
        JSON.stringify(await unitsIndexFragments(join(ws.distDir, "portal/pagefind/units"))),
        /Judul Baru Dari DLH/,
      );
      await rm(ws.distDir, { recursive: true, force: true });
      assert.ok((await buildSites(ws, undefined, { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      const whole = await hubOf();
      assert.deepEqual([...hub.keys()], [...whole.keys()]);
      for (const [file, text] of whole) assert.equal(hub.get(file), text, file);
    } finally {
      await ws.dispose();
    }
  });

  it("writes a recent item's new title into the hub's own index, its units' index taken unchanged from the cache", async () => {
    const ws = await withUnits();
    try {
      assert.ok((await buildSites(ws, undefined, { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      const kept = () => readdir(join(ws.cacheDir, "search")).then((names) => names.sort());
      const before = await kept();
      const parts = await readdir(join(ws.distDir, "portal/pagefind/units"));
      assert.equal(before.length, parts.length, "an index kept for each part");
      const unitsEntry = () =>
        Promise.all(
          parts.map((p) => readFile(join(ws.distDir, "portal/pagefind/units", p, "pagefind-entry.json"), "utf8")),
        );
      const entryBefore = await unitsEntry();
      /** An edit's build as Nx runs it: the unit alone, then the hub alone, from dlh's facts. */
      const retitle = async (file: string, title: string) => {
        const path = join(ws.sitesDir, "dlh/content", file);
        await writeFile(path, (await readFile(path, "utf8")).replace(/^title: .*$/m, `title: ${title}`));
        await forgetCachedFiles([path]);
        for (const only of [["dlh"], ["portal"]])
          assert.ok((await buildSites(ws, only, { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      };
      // The coming meeting is dated after the start of the week before `now`'s.
      await retitle("agenda/rapat-koordinasi.md", "Rapat Terbaru Dari DLH");
      assert.deepEqual(await kept(), before, "no new index of the units' records");
      assert.deepEqual(await unitsEntry(), entryBefore);
      const found = async (dir: string) =>
        JSON.stringify(
          dir === "pagefind/units"
            ? await unitsIndexFragments(join(ws.distDir, "portal", dir))
            : await pagefindFragments(join(ws.distDir, "portal", dir)),
        );
      assert.match(await found("pagefind"), /Rapat Terbaru Dari DLH/);
      assert.doesNotMatch(await found("pagefind/units"), /Rapat Terbaru Dari DLH/);
      // An older post's title is in the units' index: dlh's part of it is written again, and only that.
      await retitle("berita/posyandu-serentak.md", "Berita Lama Dari DLH");
      assert.equal((await kept()).length, before.length + 1);
      assert.match(await found("pagefind/units"), /Berita Lama Dari DLH/);
      assert.doesNotMatch(await found("pagefind"), /Berita Lama Dari DLH/);
    } finally {
      await ws.dispose();
    }
  });

  it("reports a hub that fails to render once, though it was rendered twice", async () => {
    const ws = await withUnits();
    try {
      assert.ok((await buildSites(ws, undefined, { now, batchContentFiles: 1 })).results.every((r) => r.ok));
      // The hub's pages break, and dlh fails to publish.
      const theme = await themeBreakingOn(ws, "portal");
      await blockPublishing(ws, "dlh");
      const reported: string[] = [];
      const report = await buildSites({ ...ws, themeDir: theme }, undefined, {
        now,
        batchContentFiles: 1,
        onResult: (r) => reported.push(`${r.slug} ${r.ok}`),
      });
      assert.deepEqual(
        reported.filter((line) => line.startsWith("portal")),
        ["portal false"],
      );
      outcomes(report, ["dlh", "portal"]);
      assert.match(report.results[4]!.problems.map(formatProblem).join("\n"), /nothingCalledThis/);
      assert.deepEqual(await readdir(join(ws.distDir, ".staging")).catch(() => []), []);
    } finally {
      await ws.dispose();
    }
  });
});

describe("taperedBatches", () => {
  const units = (n: number) => Array.from({ length: n }, (_, i) => `unit${String(i).padStart(3, "0")}`);
  const sizes = (batches: string[][]) => batches.map((b) => b.length);

  it("makes even runs of about the size, the last one cut to a half and two quarters, every site once in order", () => {
    const regency = taperedBatches(units(40), () => 106, 1000);
    assert.deepEqual(sizes(regency), [8, 8, 8, 8, 4, 2, 2]);
    assert.deepEqual(regency.flat(), units(40));
    const national = taperedBatches(units(500), () => 16, 1000);
    assert.deepEqual(sizes(national), [63, 62, 63, 62, 63, 62, 63, 31, 16, 15]);
    assert.deepEqual(national.flat(), units(500));
  });

  it("keeps a site heavier than the rest of its run whole", () => {
    const weights: Record<string, number> = { a: 1, b: 1, c: 100 };
    assert.deepEqual(
      taperedBatches(Object.keys(weights), (s) => weights[s]!, 60),
      [["a", "b"], ["c"]],
    );
  });
});

describe("inBatches", () => {
  it("cuts the sites in order into runs of about the size, a bigger site alone", () => {
    const sizes: Record<string, number> = { a: 3, b: 3, c: 5, d: 1, e: 0, f: 9 };
    const cut = inBatches(Object.keys(sizes), (s) => sizes[s]!, 6);
    assert.deepEqual(cut, [["a", "b"], ["c", "d"], ["e"], ["f"]]);
    assert.deepEqual(
      inBatches([], () => 1, 6),
      [],
    );
  });
});

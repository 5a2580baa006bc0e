import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { dateFilters } from "../../published/indonesian-dates.ts";
import type { ManifestItem } from "../../published/manifest-format.ts";
import { unitsIndexFragments } from "../../test/pagefind-fragments.ts";
import { xssVectors } from "../../test/xss-vectors.ts";
import { serviceFilter } from "../../published/search-filters.ts";
import { hubSearchRecords, hubSearchShare, hubSearchUnitCount } from "./hub-search-records.ts";
import { writeSearchIndexes } from "./search-index.ts";

const tanggal = dateFilters("Asia/Makassar").tanggal;
const titlesOf = (records: readonly { html: string }[]) => records.map((r) => /<h1>(.*?)<\/h1>/.exec(r.html)![1]);
const item = (over: Partial<ManifestItem>): ManifestItem => ({
  type: "berita",
  title: "Judul",
  url: "https://dinkes.paserkab.go.id/berita/judul/",
  ...over,
});

describe("the units' pages as records of the hub's search index", () => {
  const dirs: string[] = [];
  after(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  /** The records indexed by Pagefind, as the hub's build does it, then read back. */
  async function indexed(entries: Parameters<typeof hubSearchRecords>[0]) {
    const dir = await mkdtemp(join(tmpdir(), "hub-records-"));
    dirs.push(dir);
    const records = hubSearchRecords(entries, [["KK", "Kartu Keluarga"]], tanggal, 3000).older;
    const result = await writeSearchIndexes([
      { slug: "portal", dir, searchable: { paths: [], pages: 0 }, records: { records, cacheDir: join(dir, ".cache") } },
    ]);
    assert.deepEqual(result.get("portal"), { ok: true, pages: records.length });
    return unitsIndexFragments(join(dir, "pagefind/units"));
  }

  it("carries a service's names, its unit, type and date as the unit's own page does; leaves broadcasts out", async () => {
    const [service, news, ...rest] = await indexed([
      {
        unit: "Dinas Kependudukan dan Pencatatan Sipil",
        items: [
          item({
            type: "layanan",
            title: "Perubahan Kartu Keluarga",
            url: "https://disdukcapil.paserkab.go.id/layanan/kk/",
            summary: "Mengubah data KK.",
            extra: { aliases: ["ubah KK"] },
          }),
        ],
      },
      {
        unit: "Dinas Kesehatan",
        items: [
          item({ date: "2025-08-16T16:30:00.000Z", summary: "Ringkasan." }),
          item({ type: "siaran", title: "Siaran", url: "https://dinkes.paserkab.go.id/s/" }),
        ],
      },
    ]);
    assert.equal(rest.length, 0, "a broadcast has no page in any index");
    const byUrl = [service!, news!].sort((a, b) => a.url.localeCompare(b.url));
    const [kk, berita] = [byUrl.find((f) => f.url.includes("layanan"))!, byUrl.find((f) => f.url.includes("berita"))!];
    assert.equal(kk.url, "https://disdukcapil.paserkab.go.id/layanan/kk/");
    // The service filter too: the search page finds services first through it (search.js).
    assert.deepEqual(kk.filters, {
      unit: ["Dinas Kependudukan dan Pencatatan Sipil"],
      jenis: ["Layanan"],
      ...Object.fromEntries(Object.entries(serviceFilter).map(([name, value]) => [name, [value]])),
    });
    assert.equal(kk.meta.aliases, "ubah KK, KK, Kartu Keluarga");
    assert.match(kk.content, /Mengubah data KK\./);
    // A date in the regency's zone, as the unit's page shows it (00.30 WITA on the 17th).
    assert.equal(berita.meta.date, "17 Agustus 2025");
    assert.deepEqual(berita.filters.jenis, ["Berita"]);
    assert.deepEqual(Object.keys(berita.filters).sort(), ["jenis", "unit"], "only services carry the service filter");
  });

  it("gives each unit an equal share of the limit: its services, pages and documents first, then its newest", () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d)).toISOString();
    const units = [
      {
        unit: "A",
        items: [
          item({ type: "berita", title: "Lama", url: "https://a.x/berita/lama/", date: day(1) }),
          item({ type: "layanan", title: "KTP", url: "https://a.x/layanan/ktp/" }),
          item({ type: "berita", title: "Terbaru", url: "https://a.x/berita/terbaru/", date: day(20) }),
          item({ type: "halaman", title: "Kontak", url: "https://a.x/kontak/" }),
        ],
      },
      {
        unit: "B",
        items: [
          item({ type: "pengumuman", title: "Baru", url: "https://b.x/pengumuman/baru/", date: day(9) }),
          item({ type: "dokumen", title: "Renstra", url: "https://b.x/dokumen/renstra/", date: day(2) }),
          item({ type: "berita", title: "Tengah", url: "https://b.x/berita/tengah/", date: day(5) }),
        ],
      },
    ];
    const titles = (share: number) => titlesOf(hubSearchRecords(units, [], tanggal, share).older);
    assert.deepEqual(titles(10), ["KTP", "Kontak", "Terbaru", "Lama", "Renstra", "Baru", "Tengah"]);
    // A's newest news beyond its share is left out however new it is; B keeps its own.
    assert.deepEqual(titles(2), ["KTP", "Kontak", "Renstra", "Baru"]);
    assert.deepEqual(titles(1), ["KTP", "Renstra"], "past the share even standing pages are left out");
    // The limit shared by the units that can have a site, whatever they publish; at least one each.
    const registry = [
      { slug: "portal", status: "active" as const },
      { slug: "a", status: "active" as const },
      { slug: "b", status: "active" as const },
      { slug: "c", status: "retired" as const },
    ];
    assert.equal(hubSearchUnitCount(registry, "portal"), 2);
    assert.equal(hubSearchShare(2), 1500);
    assert.equal(hubSearchShare(7, 100), 14);
    assert.equal(hubSearchShare(4000), 1);
    assert.equal(hubSearchShare(0), 3000);
  });

  it("puts the items dated from the week before this one in the hub's own set, after the share is taken", () => {
    const at = (iso: string) => new Date(iso).toISOString();
    const from = new Date("2026-11-29T16:00:00.000Z");
    const units = [
      {
        unit: "A",
        items: [
          item({ type: "layanan", title: "KTP", url: "https://a.x/layanan/ktp/" }),
          item({ title: "Kemarin", url: "https://a.x/berita/kemarin/", date: at("2026-12-06T02:00:00Z") }),
          item({ title: "Tepat", url: "https://a.x/berita/tepat/", date: from.toISOString() }),
          item({ title: "Sedetik", url: "https://a.x/berita/sedetik/", date: at("2026-11-29T15:59:59Z") }),
          item({ title: "Terlalu", url: "https://a.x/berita/terlalu/", date: at("2026-12-05T00:00:00Z") }),
        ],
      },
      {
        unit: "B",
        items: [
          item({ type: "agenda", title: "Nanti", url: "https://b.x/agenda/nanti/", date: at("2027-03-01T00:00:00Z") }),
          item({ type: "dokumen", title: "Renstra", url: "https://b.x/dokumen/renstra/" }),
        ],
      },
    ];
    // Tepat is the boundary itself; Sedetik, a second before it.
    const sets = hubSearchRecords(units, [], tanggal, 5, from);
    assert.deepEqual(titlesOf(sets.recent), ["Kemarin", "Terlalu", "Tepat", "Nanti"]);
    assert.deepEqual(titlesOf(sets.older), ["KTP", "Sedetik", "Renstra"], "what has no date is older");
    const all = hubSearchRecords(units, [], tanggal, 5);
    assert.deepEqual(all.recent, [], "without a boundary every record is older");
    assert.deepEqual(titlesOf(all.older).sort(), [...titlesOf(sets.recent), ...titlesOf(sets.older)].sort());
    // A share of 3 (KTP and A's two newest) leaves Tepat out of both: the split never brings back what the share left.
    assert.deepEqual(titlesOf(hubSearchRecords(units, [], tanggal, 3, from).recent), ["Kemarin", "Terlalu", "Nanti"]);
  });

  it("keeps every hostile title, summary and unit name as text: nothing of it becomes markup", async () => {
    const entries = xssVectors.map((vector, i) => ({
      unit: `Unit "${vector}"`,
      items: [item({ title: `T${i} ${vector}`, summary: vector, url: `https://dinkes.paserkab.go.id/berita/x${i}/` })],
    }));
    const fragments = await indexed(entries);
    assert.equal(fragments.length, entries.length);
    for (const fragment of fragments) {
      const i = Number(/x(\d+)\/$/.exec(fragment.url)![1]);
      const vector = xssVectors[i]!;
      // Pagefind reads the text a reader sees: the vector itself, whole, never a tag it parsed.
      const spaced = (t: string) => t.replace(/\s+/g, " ").trim();
      assert.equal(spaced(fragment.meta.title ?? ""), spaced(`T${i} ${vector}`), vector);
      // One filter value, the whole name: a quote or a tag in it ends no attribute. (Pagefind
      // decodes an attribute's entities once more, as it does on the units' own pages.)
      assert.equal(fragment.filters.unit?.length, 1, vector);
      assert.ok(fragment.filters.unit[0]!.startsWith('Unit "') && fragment.filters.unit[0]!.endsWith('"'), vector);
      assert.deepEqual(Object.keys(fragment.filters).sort(), ["jenis", "unit"], vector);
    }
  });
});

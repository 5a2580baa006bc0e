import assert from "node:assert/strict";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { aliasBomb, hostileWorkspace, newsItem, type HostileWorkspace } from "../test/hostile-workspace.ts";

/** A problem line without its fix: the last parenthesised part, which may hold parentheses itself. */
function withoutFix(line: string): string {
  let depth = 0;
  for (let i = line.length - 1; i >= 0; i--) {
    if (line[i] === ")") depth++;
    else if (line[i] === "(" && --depth === 0) return line.slice(0, i).trimEnd();
  }
  return line;
}

/**
 * Validation is the contract: what a careless editor, a hasty developer or an attacker with one
 * unit's account can write is refused here, by file, line, field and fix, in Indonesian, before
 * a build could fail on it, publish it or reach outside the unit. One test per case of the
 * hostile-input issue (its table's rows: area, then what was written).
 */
describe("hostile input: what validation refuses", () => {
  let ws: HostileWorkspace;
  const berita = "sites/dlh/content/berita";
  const dinkesProblems = async () => (await ws.problems()).filter((p) => p.startsWith("sites/dinkes/"));
  before(async () => {
    ws = await hostileWorkspace();
  });
  after(() => ws.dispose());

  it("starts from a workspace with no problem", async () => {
    assert.deepEqual(await ws.problems(), []);
  });

  it("silence: the issue's reproduction, an image written relative to the Markdown file, fails validate in Indonesian", async () => {
    await ws.write(
      `${berita}/uji-gambar.md`,
      '---\ntitle: "Uji gambar relatif"\ndate: 2026-11-30\nsummary: "Uji gambar yang alamatnya relatif"\n---\n\nTeks.\n\n![foto kegiatan](foto.jpg)\n',
    );
    const run = ws.cli(["validate"]);
    assert.equal(run.status, 1, run.stdout);
    assert.match(
      run.stderr,
      /^sites\/dlh\/content\/berita\/uji-gambar\.md:9: "foto\.jpg" menunjuk ke luar folder media unit ini \(.*\/media\/.*\)$/m,
    );
    assert.match(run.stderr, /1 masalah di 1 situs/);
    await rm(join(ws.root, berita, "uji-gambar.md"));
  });

  it("silence: a suffixed, PDF, site.json and remote image reference each fail, with their lines", async () => {
    await ws.write(
      "sites/dinkes/content/berita/uji.md",
      newsItem(
        [
          "![a](/media/berita/posyandu.jpg?v=2)",
          "![b](/media/berita/posyandu.jpg#besar)",
          "![c](/media/dokumen/jadwal.pdf)",
          "![d](../../site.json)",
          "![e](https://judi.example/a.jpg)",
          "![f](//judi.example/a.jpg)",
          "![g](data:image/png;base64,iVBORw0KGgo=)",
        ].join("\n\n"),
      ),
    );
    const found = await dinkesProblems();
    // A query or fragment names the same file: accepted, and the build uses the file itself.
    assert.equal(found.filter((p) => /uji\.md:(7|9):/.test(p)).length, 0, found.join("\n"));
    assert.match(found.join("\n"), /uji\.md:11: "\/media\/dokumen\/jadwal\.pdf" bukan gambar/);
    assert.match(found.join("\n"), /uji\.md:13: "\.\.\/\.\.\/site\.json" menunjuk ke luar folder media/);
    assert.match(found.join("\n"), /uji\.md:15: gambar "https:\/\/judi\.example\/a\.jpg" diambil dari situs lain/);
    assert.match(found.join("\n"), /uji\.md:17: gambar "\/\/judi\.example\/a\.jpg" diambil dari situs lain/);
    assert.match(found.join("\n"), /uji\.md:19: alamat "data:image\/png;base64,iVBORw0KGgo=" tidak dapat dipakai/);
    await rm(join(ws.sitesDir, "dinkes/content/berita/uji.md"));
  });

  it("reach: a path out of the unit, another unit's media and /<unit>/media/ are refused, images and links alike", async () => {
    await writeFile(
      "/tmp/portal-luar.png",
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#f00" } })
        .png()
        .toBuffer(),
    );
    await ws.write(
      `${berita}/jangkau.md`,
      newsItem(
        [
          "![a](../../../../../../../../tmp/portal-luar.png)",
          "![b](../../../dinkes/media/berita/posyandu.jpg)",
          "![c](/dinkes/media/berita/posyandu.jpg)",
          "[d](../../../dinkes/media/dokumen/jadwal.pdf)",
          "[![e](/media/x/../../../dinkes/media/berita/posyandu.jpg)](https://paserkab.go.id/)",
          "![f][ref]",
          "",
          "[ref]: ../../../dinkes/media/berita/posyandu.jpg",
        ].join("\n\n"),
      ),
    );
    const found = (await ws.problems()).filter((p) => p.includes("jangkau.md"));
    for (const line of [7, 9, 11, 13, 15, 17])
      assert.match(
        found.join("\n"),
        new RegExp(`jangkau\\.md:${line}: .*menunjuk ke luar folder media unit ini`),
        `line ${line}:\n${found.join("\n")}`,
      );
    await rm(join(ws.root, berita, "jangkau.md"));
  });

  it("reach: media/dokumen/passwd.pdf as a symlink to /etc/passwd is refused by name", async () => {
    await symlink("/etc/passwd", join(ws.sitesDir, "dinkes/media/dokumen/passwd.pdf"));
    assert.deepEqual(await dinkesProblems(), [
      'sites/dinkes/media/dokumen/passwd.pdf: "passwd.pdf" adalah tautan simbolik (symlink), bukan berkas biasa (ganti dengan berkas aslinya (salin isinya ke sini), atau hapus)',
    ]);
    await rm(join(ws.sitesDir, "dinkes/media/dokumen/passwd.pdf"));
  });

  it("crash all: a YAML alias bomb (billion laughs, 9 levels) is refused at once, in a unit and in the hub's broadcasts", async () => {
    await ws.write(`${berita}/bom.md`, aliasBomb);
    await ws.write("sites/portal/content/siaran/bom.md", aliasBomb);
    const started = performance.now();
    const found = await ws.problems();
    assert.ok(performance.now() - started < 10_000, "validation finishes");
    assert.ok(
      found.includes(
        `${berita}/bom.md:3: jangkar dan rujukan YAML (& dan *) tidak diizinkan (tulis setiap nilai lengkap di kolomnya sendiri; bila teksnya memang diawali & atau *, apit dengan tanda kutip)`,
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => p.startsWith("sites/portal/content/siaran/bom.md:3: jangkar dan rujukan YAML")),
      found.join("\n"),
    );
    await rm(join(ws.root, berita, "bom.md"));
    await rm(join(ws.sitesDir, "portal/content/siaran"), { recursive: true });
  });

  it("privacy: a photo that still carries its GPS position is refused, named by file; the same photo without it passes", async () => {
    const pixels = sharp({ create: { width: 40, height: 30, channels: 3, background: "#2a6" } });
    const located = await pixels
      .clone()
      .jpeg()
      .withExif({
        IFD0: { Make: "Telepon" },
        IFD3: {
          GPSLatitudeRef: "S",
          GPSLatitude: "1/1 53/1 0/1",
          GPSLongitudeRef: "E",
          GPSLongitude: "116/1 11/1 0/1",
        },
      })
      .toBuffer();
    await ws.write("sites/dinkes/media/berita/lokasi.jpg", located);
    const found = await dinkesProblems();
    assert.equal(found.length, 1, found.join("\n"));
    assert.match(found[0]!, /^sites\/dinkes\/media\/berita\/lokasi\.jpg: .*lokasi GPS tempat foto diambil/);
    // EXIF without a position (a camera's make) is not a reason to refuse.
    await ws.write(
      "sites/dinkes/media/berita/lokasi.jpg",
      await pixels
        .clone()
        .jpeg()
        .withExif({ IFD0: { Make: "Telepon" } })
        .toBuffer(),
    );
    assert.deepEqual(await dinkesProblems(), []);
    await rm(join(ws.sitesDir, "dinkes/media/berita/lokasi.jpg"));
  });

  it("crash all: a dangling symlink in media, media as a file, site.json as a folder and a folder siaran/x.md/ are each named, with no internal error", async () => {
    await symlink("/tidak/ada.jpg", join(ws.sitesDir, "dinkes/media/berita/hilang.jpg"));
    await ws.write("sites/bapenda/media", "bukan folder");
    await rm(join(ws.sitesDir, "dlh/site.json"));
    await mkdir(join(ws.sitesDir, "dlh/site.json"));
    await mkdir(join(ws.sitesDir, "portal/content/siaran/x.md"), { recursive: true });
    const found = await ws.problems();
    assert.deepEqual(found, [
      'sites/bapenda/media: "media" harus berupa folder, bukan berkas (hapus berkas ini dan buat folder dengan nama yang sama)',
      'sites/dinkes/media/berita/hilang.jpg: "hilang.jpg" adalah tautan simbolik (symlink), bukan berkas biasa (ganti dengan berkas aslinya (salin isinya ke sini), atau hapus)',
      'sites/dlh/site.json: "site.json" harus berupa berkas, bukan folder (pindahkan isi folder ini ke tempatnya, lalu hapus foldernya)',
      'sites/portal/content/siaran/x.md: "x.md" harus berupa berkas, bukan folder (pindahkan isi folder ini ke tempatnya, lalu hapus foldernya)',
    ]);
    await rm(join(ws.sitesDir, "dinkes/media/berita/hilang.jpg"));
    await rm(join(ws.sitesDir, "bapenda/media"));
    await rm(join(ws.sitesDir, "dlh/site.json"), { recursive: true });
    await ws.write(
      "sites/dlh/site.json",
      JSON.stringify({
        slug: "dlh",
        name: "Dinas Lingkungan Hidup",
        short_name: "DLH",
        type: "dinas",
        address: "Jl. Modang No. 1, Tanah Grogot",
        phone: "(0543) 21001",
        email: "dlh@paserkab.go.id",
        status: "active",
      }),
    );
    await rm(join(ws.sitesDir, "portal/content/siaran"), { recursive: true });
    assert.deepEqual(await ws.problems(), []);
  });

  it("crash all: a site.json nested 30 000 levels deep, and a body nested 5 000 levels deep, are handled by name", async () => {
    const saved = await readFile(join(ws.sitesDir, "dlh/site.json"));
    await ws.write("sites/dlh/site.json", `{"slug":"dlh","x":${"[".repeat(30_000)}${"]".repeat(30_000)}}`);
    await ws.write(
      "sites/bapenda/content/berita/dalam.md",
      newsItem(`${">".repeat(5000)} kutipan\n\n${"- ".repeat(3000)}x`),
    );
    assert.deepEqual(await ws.problems(), [
      "sites/dlh/site.json: isi berkas bersarang terlalu dalam (lebih dari 16 tingkat) (tulis kolom seperti contoh di docs/content-types.md: kelompok kolom cukup satu atau dua tingkat)",
    ]);
    await ws.write("sites/dlh/site.json", saved);
    await rm(join(ws.sitesDir, "bapenda/content/berita/dalam.md"));
  });

  it("code: a file in sites/ that is not a unit's folder, and files beside a unit's content, are refused by name", async () => {
    await ws.write("sites/_data/x.js", "export default 1;\n");
    await ws.write("sites/sites.11tydata.js", "export default {};\n");
    await ws.write("sites/dinkes/dinkes.11tydata.js", "export default {};\n");
    await ws.write("sites/dinkes/content/berita/berita.11tydata.js", "export default {};\n");
    const found = await ws.problems();
    assert.ok(
      found.some((p) => p.startsWith('sites/_data: "_data" tidak bisa menjadi subdomain')),
      found.join("\n"),
    );
    assert.ok(
      found.includes(
        'sites/sites.11tydata.js: "sites.11tydata.js" di folder sites/ adalah berkas, bukan folder situs (setiap unit adalah satu folder sites/<nama-unit>/ berisi site.json: hapus atau pindahkan yang lain)',
      ),
      found.join("\n"),
    );
    assert.ok(
      found.includes(
        'sites/dinkes/dinkes.11tydata.js: "dinkes.11tydata.js" tidak dikenal di folder situs (folder situs hanya berisi site.json, content/ dan media/: hapus atau pindahkan yang lain)',
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) =>
        p.startsWith(
          'sites/dinkes/content/berita/berita.11tydata.js: berkas "berita.11tydata.js" tidak diharapkan di sini',
        ),
      ),
      found.join("\n"),
    );
    for (const f of [
      "sites/_data",
      "sites/sites.11tydata.js",
      "sites/dinkes/dinkes.11tydata.js",
      "sites/dinkes/content/berita/berita.11tydata.js",
    ])
      await rm(join(ws.root, f), { recursive: true });
  });

  it("blame: a new unit copying dinkes's name is the one told, also when only it is validated", async () => {
    ws.git("init", "-q");
    ws.git("add", "-A");
    ws.git("commit", "-qm", "units");
    await ws.write(
      "sites/dlhk/site.json",
      JSON.stringify({
        slug: "dlhk",
        name: "Dinas Kesehatan",
        short_name: "DLHK",
        type: "dinas",
        address: "Jl. Modang No. 2, Tanah Grogot",
        phone: "(0543) 21002",
        email: "dlhk@paserkab.go.id",
        status: "active",
      }),
    );
    const expected =
      'sites/dlhk/site.json: /name: nama unit "Dinas Kesehatan" sudah dipakai oleh situs dinkes, yang terdaftar lebih dulu (setiap unit perlu nilai yang berbeda: tulis nama resmi unit ini)';
    assert.deepEqual(await ws.problems(), [expected]);
    assert.deepEqual(await ws.problems(["dlhk"]), [expected]);
    assert.deepEqual(await ws.problems(["dinkes"]), []);
    const run = ws.cli(["validate", "dlhk"]);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /dlhk\/site\.json: \/name: nama unit "Dinas Kesehatan" sudah dipakai oleh situs dinkes/);
    await rm(join(ws.sitesDir, "dlhk"), { recursive: true });
  });

  it("quality: a truncated JPEG and a corrupt PNG are refused (their headers are intact)", async () => {
    const photo = await readFile(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg"));
    await ws.write("sites/dinkes/media/berita/terpotong.jpg", photo.subarray(0, Math.floor(photo.length / 2)));
    const png = Buffer.from(await sharp(photo).png().toBuffer());
    for (let i = Math.floor(png.length / 2); i < png.length / 2 + 400; i++) png[i]! ^= 0x5a;
    await ws.write("sites/dinkes/media/berita/rusak.png", png);
    assert.equal((await sharp(png).metadata()).format, "png", "the corrupt PNG's header still reads");
    const found = await dinkesProblems();
    assert.equal(found.length, 2, found.join("\n"));
    assert.match(
      found[0]!,
      /^sites\/dinkes\/media\/berita\/rusak\.png: berkas gambar rusak atau bukan gambar \(.+\) \(buka foto di komputer/,
    );
    assert.match(
      found[1]!,
      /^sites\/dinkes\/media\/berita\/terpotong\.jpg: berkas gambar rusak atau bukan gambar \(.*Premature end/,
    );
    await rm(join(ws.sitesDir, "dinkes/media/berita/terpotong.jpg"));
    await rm(join(ws.sitesDir, "dinkes/media/berita/rusak.png"));
  });

  it('quality: a "PDF" that is an HTML page, and a PNG named .jpg, are refused by their bytes', async () => {
    await ws.write(
      "sites/dinkes/media/dokumen/laporan.pdf",
      '<!doctype html><html><script>location="https://judi.example/"</script></html>',
    );
    await ws.write(
      "sites/dinkes/media/berita/bukan.jpg",
      await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0f0" } })
        .png()
        .toBuffer(),
    );
    assert.deepEqual(await dinkesProblems(), [
      "sites/dinkes/media/berita/bukan.jpg: berkas gambar rusak atau bukan gambar (isinya PNG, bukan JPEG) (buka foto di komputer atau ponsel, simpan ulang sebagai JPG atau PNG, lalu unggah lagi)",
      "sites/dinkes/media/dokumen/laporan.pdf: berkas dokumen rusak atau bukan seperti namanya (isinya halaman web (HTML/XML), bukan PDF) (buka dokumennya di komputer, simpan ulang (misalnya Ekspor sebagai PDF), lalu unggah lagi)",
    ]);
    await rm(join(ws.sitesDir, "dinkes/media/dokumen/laporan.pdf"));
    await rm(join(ws.sitesDir, "dinkes/media/berita/bukan.jpg"));
  });

  it("quality: a title of spaces and an image_alt of spaces are refused", async () => {
    await ws.write(
      `${berita}/kosong.md`,
      '---\ntitle: "   "\ndate: 2026-11-30\nsummary: "Judul dan teks alternatif yang kosong"\nimage: /media/berita/posyandu.jpg\nimage_alt: "      "\n---\nIsi.\n',
    );
    const found = (await ws.problems()).filter((p) => p.includes("kosong.md"));
    assert.ok(
      found.includes(
        `${berita}/kosong.md:2: /title: kolom hanya berisi spasi atau karakter tak terlihat (isi kolom ini dengan teks, atau hapus barisnya bila kolom itu tidak wajib)`,
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => p.startsWith(`${berita}/kosong.md:6: /image_alt: kolom hanya berisi spasi`)),
      found.join("\n"),
    );
    await rm(join(ws.root, berita, "kosong.md"));
  });

  it("quality: dates of year 1, or more than a year ahead for news, are refused; 1900 is accepted", async () => {
    await ws.write(`${berita}/lama.md`, newsItem("Isi.").replace("date: 2026-11-30", "date: 0001-01-01"));
    await ws.write(`${berita}/depan.md`, newsItem("Isi.").replace("date: 2026-11-30", "date: 2062-10-02"));
    await ws.write(
      "sites/dlh/content/dokumen/arsip.md",
      "---\ntitle: Arsip Peraturan Lama\nyear: 1950\nkind: lainnya\nfile: /media/dokumen/arsip.pdf\nclassification: berkala\ndate: 1900-01-01\n---\n",
    );
    await ws.write(
      "sites/dlh/media/dokumen/arsip.pdf",
      await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")),
    );
    assert.deepEqual(
      (await ws.problems()).filter((p) => p.startsWith("sites/dlh/")),
      [
        `${berita}/depan.md:3: /date: tanggal "2062-10-02" lebih dari setahun ke depan (periksa tahunnya; tanggal terbit paling lambat 2027-12-01 (kegiatan yang akan datang ditulis sebagai Agenda))`,
        `${berita}/lama.md:3: /date: tanggal "0001-01-01" di luar rentang yang masuk akal (1900 sampai 2100) (periksa tahunnya: tulis tanggal dengan format TTTT-BB-HH, misalnya 2025-08-17)`,
      ],
    );
    await rm(join(ws.root, berita, "lama.md"));
    await rm(join(ws.root, berita, "depan.md"));
  });

  it("quality: an agenda ending before it starts, and a site: link climbing out of the unit named, are refused", async () => {
    await ws.write(
      "sites/dlh/content/agenda/terbalik.md",
      "---\ntitle: Rapat Terbalik\nstart: 2026-12-10 13:00\nend: 2026-12-10 09:00\nplace: Aula DLH\n---\n",
    );
    await ws.write(
      `${berita}/tautan.md`,
      newsItem(
        "[Profil](site:dinkes/media/../../dlh/site.json) dan [lagi](site:dinkes/media/%2e%2e/%2e%2e/dlh/site.json)",
      ),
    );
    const found = (await ws.problems()).filter((p) => /terbalik|tautan/.test(p));
    assert.deepEqual(
      found.map((p) => withoutFix(p)),
      [
        'sites/dlh/content/agenda/terbalik.md:4: /end: "Selesai (WITA)" (2026-12-10 09:00) lebih awal daripada "Mulai (WITA)" (2026-12-10 13:00)',
        'sites/dlh/content/berita/tautan.md:7: tautan "site:dinkes/media/../../dlh/site.json" tidak menuju halaman yang ada: alamat memuat ".", ".." atau karakter yang tidak boleh ada',
        'sites/dlh/content/berita/tautan.md:7: tautan "site:dinkes/media/%2e%2e/%2e%2e/dlh/site.json" tidak menuju halaman yang ada: alamat memuat ".", ".." atau karakter yang tidak boleh ada',
      ],
    );
    await rm(join(ws.sitesDir, "dlh/content/agenda"), { recursive: true });
    await rm(join(ws.root, berita, "tautan.md"));
  });

  it("leak: a link to an excluded document's file is refused, in the unit and from another unit", async () => {
    await ws.write(
      "sites/dinkes/content/dokumen/rahasia.md",
      "---\ntitle: Hasil Pemeriksaan Internal\nyear: 2026\nkind: laporan\nfile: /media/dokumen/rahasia.pdf\nclassification: dikecualikan\ndate: 2026-11-01\n---\n",
    );
    await ws.write(
      "sites/dinkes/media/dokumen/rahasia.pdf",
      await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")),
    );
    assert.deepEqual(await ws.problems(), []);
    await ws.write("sites/dinkes/content/berita/bocor.md", newsItem("Unduh [hasilnya](/media/dokumen/rahasia.pdf)."));
    await ws.write(`${berita}/bocor.md`, newsItem("Unduh [hasilnya](site:dinkes/media/dokumen/rahasia.pdf)."));
    const found = await ws.problems();
    assert.deepEqual(
      found.map((p) => withoutFix(p)),
      [
        'sites/dinkes/content/berita/bocor.md:7: "/media/dokumen/rahasia.pdf" adalah berkas dokumen yang dikecualikan dan tidak boleh ditautkan atau diterbitkan',
        'sites/dlh/content/berita/bocor.md:7: tautan "site:dinkes/media/dokumen/rahasia.pdf" tidak menuju halaman yang ada: berkas "media/dokumen/rahasia.pdf" adalah dokumen yang dikecualikan di situs "dinkes"',
      ],
    );
    await rm(join(ws.sitesDir, "dinkes/content/berita/bocor.md"));
    await rm(join(ws.root, berita, "bocor.md"));
  });

  it("ends as it started: every case above was undone and the workspace is valid", async () => {
    assert.deepEqual(await ws.problems(), []);
  });
});

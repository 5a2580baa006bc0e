import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hostileWorkspace, newsItem, type HostileWorkspace } from "../test/hostile-workspace.ts";

/**
 * The second hostile pass (issue 23), rows about links and words: validation decides on the
 * address as a browser reads it and on the text as a reader sees it, so no spelling of a link off
 * the allowlist or of a gambling phrase gets through, and nothing invisible passes for text.
 */
describe("hostile input, round two: links and words as the reader meets them", () => {
  let ws: HostileWorkspace;
  const berita = "sites/dlh/content/berita";
  const problemsOf = async (file: string) => (await ws.problems(["dlh"])).filter((p) => p.startsWith(file));
  before(async () => {
    ws = await hostileWorkspace();
  });
  after(() => ws.dispose());

  it("row 1: a link with a scheme but no slashes, in every Markdown form, is refused like any link off the allowlist", async () => {
    const file = `${berita}/tautan-licik.md`;
    await ws.write(
      file,
      newsItem(
        [
          "[klik](http:evil.example/slot)",
          "[klik](http:/evil.example/slot)",
          "[rujukan][x]",
          "<http:evil.example/otomatis>",
          "[klik](HTTP:\\\\evil.example/garis-miring-terbalik)",
          "[klik](https:lapor.go.id/boleh)",
          "",
          "[x]: http:evil.example/rujukan",
        ].join("\n\n"),
      ),
    );
    const found = await problemsOf(file);
    // Lines 7 to 13 leave for evil.example; line 15's backslash is percent-encoded by Markdown
    // ("HTTP:%5Cevil.example"), an address no browser follows, refused as unusable; line 17
    // leaves for lapor.go.id, which is allowed.
    assert.deepEqual(
      found.map((p) => p.split(": ")[0]!.replace(`${file}:`, "line ")),
      ["line 7", "line 9", "line 11", "line 13", "line 15"],
      found.join("\n"),
    );
    const refused = found.slice(0, 4);
    assert.ok(
      refused.every((p) => p.includes("menuju situs di luar daftar yang diizinkan")),
      found.join("\n"),
    );
    assert.match(refused.join("\n"), /tautan "http:evil\.example\/slot"/);
    assert.match(refused.join("\n"), /bila evil\.example memang perlu/);
    assert.match(found[4]!, /alamat "HTTP:%5Cevil\.example\/garis-miring-terbalik" tidak dapat dipakai/);
    await rm(join(ws.root, file));
  });

  it("rows 2 and 3: gambling phrases written with entities, invisible characters, emphasis, look-alikes or run together are refused, on their line", async () => {
    const disguises = [
      "slot&#32;gacor",
      "sl&#111;t gac&#111;r",
      "slot&nbsp;gacor",
      "sl&shy;ot gacor",
      "sl**o**t gacor",
      "sl_o_t gacor",
      "[sl](/profil/)ot gacor",
      "slotgacor",
      "\u0455lot ga\u0441or",
      "s1ot g4cor",
      "SLOT\u200bGACOR",
      // Found by the property test: a capital the confusables table lacks ("Ɡ", capital of "ɡ").
      "\u0455lo\u0442 \ua7ac\uff41\u0441or",
    ];
    for (const [i, text] of disguises.entries())
      await ws.write(`${berita}/samaran-${i}.md`, newsItem(`Paragraf biasa.\n\nHari ini ${text} untuk warga.`));
    await ws.write(`${berita}/pasaran.md`, newsItem("Pasaran togel88 dan togel4d."));
    const found = await ws.problems(["dlh"]);
    for (const [i, text] of disguises.entries())
      assert.ok(
        found.includes(
          `${berita}/samaran-${i}.md:9: isi memuat kata iklan judi online ("slot gacor") (hapus kalimat itu; bila Anda tidak menulisnya, akun atau situs Anda mungkin disusupi: segera hubungi DKISP)`,
        ),
        `${JSON.stringify(text)}\n${found.join("\n")}`,
      );
    assert.ok(found.some((p) => p.startsWith(`${berita}/pasaran.md:7: isi memuat kata iklan judi online ("togel")`)));
    for (const i of disguises.keys()) await rm(join(ws.root, `${berita}/samaran-${i}.md`));
    await rm(join(ws.root, `${berita}/pasaran.md`));
  });

  it("row 3: a file name, a media file name and a unit's folder that spell a phrase are refused (they become addresses)", async () => {
    await ws.write(`${berita}/situs-slot-gacor-terpercaya.md`, newsItem("Isi biasa."));
    await ws.write(
      "sites/dlh/media/dokumen/info-togel.pdf",
      await readFile(join(ws.root, "sites/dinkes/media/dokumen/jadwal.pdf")),
    );
    const found = await ws.problems(["dlh"]);
    assert.ok(
      found.includes(
        `${berita}/situs-slot-gacor-terpercaya.md: isi memuat kata iklan judi online ("slot gacor") (hapus kalimat itu; bila Anda tidak menulisnya, akun atau situs Anda mungkin disusupi: segera hubungi DKISP)`,
      ),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) =>
        p.startsWith(`${berita}/situs-slot-gacor-terpercaya.md: isi memuat kata iklan judi online ("situs slot")`),
      ),
    );
    assert.ok(
      found.some((p) =>
        p.startsWith('sites/dlh/media/dokumen/info-togel.pdf: isi memuat kata iklan judi online ("togel")'),
      ),
      found.join("\n"),
    );
    await ws.write(
      "sites/info-togel/site.json",
      (await readFile(join(ws.root, "sites/dlh/site.json"), "utf8"))
        .replace('"dlh"', '"info-togel"')
        .replace("Dinas Lingkungan Hidup", "Dinas Informasi")
        .replace('"DLH"', '"Info"'),
    );
    const unit = await ws.problems(["info-togel"]);
    assert.ok(
      unit.some((p) => p.startsWith('sites/info-togel: isi memuat kata iklan judi online ("togel")')),
      unit.join("\n"),
    );
    await rm(join(ws.root, "sites/info-togel"), { recursive: true });
    await rm(join(ws.root, `${berita}/situs-slot-gacor-terpercaya.md`));
    await rm(join(ws.root, "sites/dlh/media/dokumen/info-togel.pdf"));
  });

  it("row 11: an image whose alternative text is only invisible characters has none, a file of them is empty", async () => {
    await ws.write(`${berita}/alt-kosong.md`, newsItem("![\u200b\u2060](/media/berita/foto.jpg)"));
    await ws.write(`${berita}/kosong-tak-terlihat.md`, "\u200b\n\u2060\u00ad\n");
    const found = await ws.problems(["dlh"]);
    assert.ok(
      found.some((p) => p.startsWith(`${berita}/alt-kosong.md:7: gambar`) && p.includes("teks alternatif")),
      found.join("\n"),
    );
    assert.ok(
      found.some((p) => p.startsWith(`${berita}/kosong-tak-terlihat.md: berkas kosong`)),
      found.join("\n"),
    );
    await rm(join(ws.root, `${berita}/alt-kosong.md`));
    await rm(join(ws.root, `${berita}/kosong-tak-terlihat.md`));
  });

  it("rows 6 and 11: a title of zero-width spaces is blank, a title with a line break is refused", async () => {
    await ws.write(
      `${berita}/tak-terlihat.md`,
      '---\ntitle: "\\u200b\\u200b\\u200b\\u2060"\ndate: 2026-11-30\nsummary: "Judul yang tidak terlihat sama sekali"\n---\nIsi.\n',
    );
    await ws.write(
      `${berita}/dua-baris.md`,
      '---\ntitle: "Laporan\\n---\\nhttps://evil.example"\ndate: 2026-11-30\nsummary: "Judul yang memuat baris baru"\n---\nIsi.\n',
    );
    const found = await ws.problems(["dlh"]);
    assert.ok(
      found.includes(
        `${berita}/tak-terlihat.md:2: /title: kolom hanya berisi spasi atau karakter tak terlihat (isi kolom ini dengan teks, atau hapus barisnya bila kolom itu tidak wajib)`,
      ),
      found.join("\n"),
    );
    assert.ok(
      found.includes(
        `${berita}/dua-baris.md:2: /title: kolom satu baris ini berisi pindah baris (tulis isinya dalam satu baris (judul dan nama tidak boleh lebih dari satu baris))`,
      ),
      found.join("\n"),
    );
    await rm(join(ws.root, `${berita}/tak-terlihat.md`));
    await rm(join(ws.root, `${berita}/dua-baris.md`));
  });

  it("rows 8, 11 and 13: a unit's name of zero-width spaces, on two lines, or with a right-to-left override is refused", async () => {
    const file = join(ws.root, "sites/dlh/site.json");
    const original = await readFile(file, "utf8");
    const record = JSON.parse(original);
    const withName = async (name: string, description = "Dinas Lingkungan Hidup Kabupaten Paser") => {
      await writeFile(file, JSON.stringify({ ...record, name, description }, null, 1));
      return (await ws.problems(["dlh"])).filter((p) => p.startsWith("sites/dlh/site.json"));
    };
    assert.match(
      (await withName("\u200b\u200b\u200b")).join("\n"),
      /\/name: kolom hanya berisi spasi atau karakter tak terlihat/,
    );
    assert.match(
      (await withName("Dinas Uji\n::add-mask::rahasia\n::error title=x::disusupi")).join("\n"),
      /\/name: kolom satu baris ini berisi pindah baris/,
    );
    const bidi = await withName("Dinas Lingkungan Hidup", "Dinas \u202eatad\u202c Lingkungan");
    assert.match(bidi.join("\n"), /\/description: teks memuat karakter pembalik arah tulisan \(U\+202E\)/);
    await writeFile(file, original);
    assert.deepEqual(await ws.problems(["dlh"]), []);
  });

  it("row 13: a right-to-left override or a control character in a body is refused on its line", async () => {
    const file = `${berita}/arah.md`;
    await ws.write(
      file,
      newsItem("Paragraf biasa.\n\nUnduh berkas \u202efdp.exe\u202c di sini.\n\nBunyi \u0007 lonceng."),
    );
    const found = await problemsOf(file);
    assert.deepEqual(
      found.map((p) => p.split(" (")[0]),
      [
        `${file}:9: teks memuat karakter pembalik arah tulisan`,
        `${file}:11: teks memuat karakter kendali tak terlihat`,
      ],
    );
    await rm(join(ws.root, file));
  });

  it("row 8: a file name or a value holding a line break never starts a line of validate's output (a CI log command)", async () => {
    await ws.write(`${berita}/kabar\n::error title=x::disusupi.md`, newsItem("Isi."));
    await ws.write(
      `${berita}/tanggal.md`,
      newsItem("Isi.").replace("date: 2026-11-30", 'date: "2026-11-30\\n::add-mask::rahasia"'),
    );
    const run = ws.cli(["validate", "dlh"]);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const lines = `${run.stdout}${run.stderr}`.split("\n");
    assert.ok(
      lines.some((l) => l.includes("kabar ::error title=x::disusupi.md")),
      lines.join("\n"),
    );
    assert.ok(
      lines.some((l) => l.startsWith(`${berita}/tanggal.md:3: /date:`)),
      lines.join("\n"),
    );
    assert.deepEqual(
      lines.filter((l) => l.trimStart().startsWith("::")),
      [],
    );
    await rm(join(ws.root, `${berita}/kabar\n::error title=x::disusupi.md`));
    await rm(join(ws.root, `${berita}/tanggal.md`));
  });

  it("ends as it started: every case above was undone and the workspace is valid", async () => {
    assert.deepEqual(await ws.problems(), []);
  });
});

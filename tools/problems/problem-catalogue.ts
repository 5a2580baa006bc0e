import { schemas, type MediaKind } from "../schema/schemas.ts";

/**
 * Every problem an editor or operator can be told about, in one place (after Astro's
 * errors-data.ts). Codes never change: tests, docs and the CMS refer to them. Messages and fixes
 * are Indonesian because editors read them; the code is English because developers grep for it.
 */
interface Entry<A> {
  message: (args: A) => string;
  fix: (args: A) => string;
}

/** The extensions of a kind of upload, for a sentence: "JPG, PNG atau WebP". */
const kindNames = (kind: MediaKind) => schemas().fileKinds[kind].names.replace(/, ([^,]*)$/, " atau $1");

function entry<A = Record<never, never>>(e: Entry<A>): Entry<A> {
  return e;
}

/** A number as Indonesians write it (decimal comma). */
const angka = (n: number) => n.toLocaleString("id-ID", { maximumFractionDigits: 2 });

const list = (values: readonly unknown[]): string => values.map((v) => `"${String(v)}"`).join(", ");

export const catalogue = {
  // --- the file itself ---
  "not-utf8": entry<{ offset: number }>({
    message: ({ offset }) => `berkas bukan teks UTF-8 (bita ke-${offset} tidak terbaca)`,
    fix: () => "simpan ulang berkas dengan pengodean UTF-8, misalnya lewat CMS atau editor teks",
  }),
  "empty-file": entry({
    message: () => "berkas kosong",
    fix: () => "isi berkas dengan front matter (judul, tanggal, ...) dan isi tulisan, atau hapus berkasnya",
  }),
  "too-many-files": entry<{ count: number; limit: number }>({
    message: ({ count, limit }) =>
      `folder unit berisi ${count.toLocaleString("id-ID")} berkas, batasnya ${limit.toLocaleString("id-ID")}; isinya tidak diperiksa dan situsnya tidak dibangun`,
    fix: () =>
      "hapus berkas yang tidak diperlukan (misalnya foto ganda atau berkas yang tidak dipakai halaman mana pun); bila unit ini memang perlu lebih, minta DKISP menaikkan limits.files_per_site di portal.json",
  }),
  "file-too-large": entry<{ sizeKb: number; limitKb: number }>({
    message: ({ sizeKb, limitKb }) => `berkas terlalu besar: ${sizeKb} KB, batasnya ${limitKb} KB`,
    fix: () => "pecah tulisan menjadi beberapa halaman atau pindahkan isi panjang ke dokumen PDF",
  }),
  "no-front-matter": entry({
    message: () => "front matter tidak ditemukan",
    fix: () => 'awali berkas dengan baris "---", isi kolom seperti "title: ...", lalu tutup dengan "---"',
  }),
  "front-matter-not-closed": entry({
    message: () => 'front matter tidak ditutup dengan baris "---"',
    fix: () => 'tambahkan baris "---" setelah kolom terakhir front matter',
  }),
  "script-front-matter": entry<{ language: string }>({
    message: ({ language }) => `front matter "${language}" tidak diizinkan: hanya YAML`,
    fix: () => 'awali berkas dengan "---" saja (tanpa "js" atau bahasa lain)',
  }),
  "yaml-syntax": entry<{ detail: string }>({
    message: ({ detail }) => `kesalahan penulisan YAML: ${detail}`,
    fix: () => 'periksa tanda titik dua, tanda kutip dan indentasi; teks yang memuat ":" atau "#" diapit tanda kutip',
  }),
  "not-an-object": entry({
    message: () => "front matter harus berupa daftar kolom (kunci: nilai)",
    fix: () => 'tulis setiap kolom pada barisnya sendiri, misalnya "title: Judul Berita"',
  }),
  "yaml-anchor": entry({
    message: () => "jangkar dan rujukan YAML (& dan *) tidak diizinkan",
    fix: () =>
      "tulis setiap nilai lengkap di kolomnya sendiri; bila teksnya memang diawali & atau *, apit dengan tanda kutip",
  }),
  "yaml-too-deep": entry<{ limit: number }>({
    message: ({ limit }) => `front matter bersarang terlalu dalam (lebih dari ${limit} tingkat)`,
    fix: () => "tulis kolom seperti contoh di docs/content-types.md: daftar cukup satu atau dua tingkat",
  }),
  "invalid-json": entry<{ detail: string }>({
    message: ({ detail }) => `JSON tidak valid: ${detail}`,
    fix: () => "periksa koma, tanda kutip dan kurung kurawal",
  }),

  // --- schema keywords (from ajv errors) ---
  required: entry<{ field: string; label: string }>({
    message: ({ field, label }) => `kolom wajib "${field}"${label ? ` (${label})` : ""} belum diisi`,
    fix: ({ field }) => `tambahkan baris "${field}: ..."`,
  }),
  "unknown-field": entry<{ field: string; suggestion: string | undefined; allowed: string[] }>({
    message: ({ field }) => `kolom "${field}" tidak dikenal`,
    fix: ({ suggestion, allowed }) =>
      suggestion ? `mungkin maksudnya "${suggestion}"?` : `hapus kolom ini; kolom yang dikenal: ${allowed.join(", ")}`,
  }),
  type: entry<{ expected: string; example: string | undefined }>({
    message: ({ expected }) => `jenis nilai salah: harus ${typeName(expected)}`,
    fix: ({ example, expected }) => (example ? `contoh: ${example}` : `tulis ${typeName(expected)}`),
  }),
  "invalid-date": entry<{ value: string; example: string }>({
    message: ({ value }) => `tanggal "${value}" tidak valid atau tidak ada di kalender`,
    fix: ({ example }) => `tulis tanggal yang benar dengan format TTTT-BB-HH, misalnya ${example}`,
  }),
  "invalid-datetime": entry<{ value: string; example: string }>({
    message: ({ value }) => `tanggal dan jam "${value}" tidak valid`,
    fix: ({ example }) => `tulis dengan format TTTT-BB-HH JJ:MM (WITA), misalnya ${example}`,
  }),
  format: entry<{ format: string; value: string; example: string | undefined }>({
    message: ({ format, value }) => `"${value}" bukan ${formatName(format)} yang valid`,
    fix: ({ example }) => (example ? `contoh yang benar: ${example}` : "periksa penulisannya"),
  }),
  pattern: entry<{ value: string; example: string | undefined; hint: string | undefined }>({
    message: ({ value }) => `nilai "${value}" tidak sesuai format`,
    fix: ({ example, hint }) =>
      [hint, example ? `contoh: ${example}` : ""].filter(Boolean).join("; ") || "periksa penulisannya",
  }),
  enum: entry<{ value: string; allowed: readonly unknown[] }>({
    message: ({ value }) => `nilai "${value}" tidak termasuk pilihan`,
    fix: ({ allowed }) => `pilih salah satu: ${list(allowed)}`,
  }),
  const: entry<{ allowed: unknown }>({
    message: () => "nilai tidak sesuai",
    fix: ({ allowed }) => `tulis "${String(allowed)}"`,
  }),
  "too-short": entry<{ limit: number }>({
    message: ({ limit }) => `terlalu pendek: paling sedikit ${limit} karakter`,
    fix: () => "lengkapi isinya",
  }),
  "too-long": entry<{ limit: number; length: number }>({
    message: ({ limit, length }) => `terlalu panjang: ${length} karakter, paling banyak ${limit}`,
    fix: () => "persingkat tulisannya",
  }),
  "too-small": entry<{ limit: number }>({
    message: ({ limit }) => `angka terlalu kecil: paling kecil ${limit}`,
    fix: () => "periksa angkanya",
  }),
  "too-large": entry<{ limit: number }>({
    message: ({ limit }) => `angka terlalu besar: paling besar ${limit}`,
    fix: () => "periksa angkanya",
  }),
  "too-few-items": entry<{ limit: number }>({
    message: ({ limit }) => `daftar terlalu pendek: paling sedikit ${limit} butir`,
    fix: () => 'tambahkan butir dengan baris "- ..."',
  }),
  "too-many-items": entry<{ limit: number }>({
    message: ({ limit }) => `daftar terlalu panjang: paling banyak ${limit} butir`,
    fix: () => "kurangi jumlah butir",
  }),
  "duplicate-items": entry({
    message: () => "daftar memuat butir yang sama dua kali",
    fix: () => "hapus butir yang berulang",
  }),
  "depends-on": entry<{ field: string; missing: string }>({
    message: ({ field, missing }) => `kolom "${field}" membutuhkan kolom "${missing}"`,
    fix: ({ missing }) =>
      missing.endsWith("alt")
        ? `tambahkan "${missing}: ..." yang menjelaskan isi gambar untuk pembaca tunanetra`
        : `tambahkan "${missing}: ..."`,
  }),
  "blank-text": entry({
    message: () => "kolom hanya berisi spasi atau karakter tak terlihat",
    fix: () => "isi kolom ini dengan teks, atau hapus barisnya bila kolom itu tidak wajib",
  }),
  "bidi-control": entry<{ char: string }>({
    message: ({ char }) => `teks memuat karakter pembalik arah tulisan (${char}) yang mengubah urutan huruf di layar`,
    fix: () => "hapus karakter itu dengan mengetik ulang teksnya; teks berbahasa Indonesia tidak memerlukannya",
  }),
  "control-character": entry<{ char: string }>({
    message: ({ char }) => `teks memuat karakter kendali tak terlihat (${char})`,
    fix: () => "ketik ulang teksnya, jangan menempelnya dari dokumen atau aplikasi lain",
  }),
  "line-break-in-line": entry({
    message: () => "kolom satu baris ini berisi pindah baris",
    fix: () => "tulis isinya dalam satu baris (judul dan nama tidak boleh lebih dari satu baris)",
  }),
  "date-out-of-range": entry<{ value: string; min: string; max: string }>({
    message: ({ value, min, max }) =>
      `tanggal "${value}" di luar rentang yang masuk akal (${min.slice(0, 4)} sampai ${max.slice(0, 4)})`,
    fix: () => "periksa tahunnya: tulis tanggal dengan format TTTT-BB-HH, misalnya 2025-08-17",
  }),
  "date-too-far-ahead": entry<{ value: string; days: number; latest: string }>({
    message: ({ value }) => `tanggal "${value}" lebih dari setahun ke depan`,
    fix: ({ latest }) =>
      `periksa tahunnya; tanggal terbit paling lambat ${latest} (kegiatan yang akan datang ditulis sebagai Agenda)`,
  }),
  "derived-number": entry<{
    field: string;
    value: number;
    expected: number;
    from: string;
    factor: number;
    basis: string;
  }>({
    message: ({ field, value, expected, from }) =>
      `"${field}" ${angka(value)} tidak sesuai dengan "${from}": hasil hitungnya ${angka(expected)}`,
    fix: ({ expected, factor, basis }) =>
      `tulis ${angka(expected)} (rata-rata nilai unsur × ${factor}, ${basis}), atau periksa kembali nilai tiap unsur`,
  }),
  "end-before-start": entry<{ field: string; value: string; other: string; otherValue: string }>({
    message: ({ field, value, other, otherValue }) =>
      `"${field}" (${value}) lebih awal daripada "${other}" (${otherValue})`,
    fix: () => "periksa kedua tanggal dan jamnya: yang selesai tidak boleh sebelum yang mulai",
  }),
  schema: entry<{ detail: string }>({
    message: ({ detail }) => `nilai tidak valid: ${detail}`,
    fix: () => "periksa kembali isian ini",
  }),

  // --- references and files ---
  "missing-media": entry<{ path: string; suggestion: string | undefined }>({
    message: ({ path }) => `berkas "${path}" tidak ada di folder media`,
    fix: ({ suggestion }) =>
      suggestion ? `mungkin maksudnya "${suggestion}"?` : "unggah berkasnya ke folder media atau perbaiki namanya",
  }),
  "reference-remote": entry<{ href: string }>({
    message: ({ href }) => `gambar "${href}" diambil dari situs lain`,
    fix: () =>
      "simpan gambarnya, unggah ke folder media unit Anda, lalu tulis alamatnya /media/<jenis>/<nama-berkas>: gambar dari luar tidak ditampilkan",
  }),
  "outbound-link": entry<{ href: string; host: string }>({
    message: ({ href }) => `tautan "${href}" menuju situs di luar daftar yang diizinkan`,
    fix: ({ host }) =>
      `tautkan ke situs pemerintah (.go.id) atau situs lain yang diizinkan portal; bila ${host} memang perlu, minta DKISP menambahkannya ke link_domains di site.json unit Anda`,
  }),
  "spam-phrase": entry<{ phrase: string }>({
    message: ({ phrase }) => `isi memuat kata iklan judi online ("${phrase}")`,
    fix: () =>
      "hapus kalimat itu; bila Anda tidak menulisnya, akun atau situs Anda mungkin disusupi: segera hubungi DKISP",
  }),
  "reference-outside-media": entry<{ href: string; suggestion: string | undefined }>({
    message: ({ href }) => `"${href}" menunjuk ke luar folder media unit ini`,
    fix: ({ suggestion }) =>
      suggestion
        ? `mungkin maksudnya "${suggestion}"?`
        : "unggah berkasnya ke folder media unit Anda dan tulis alamatnya /media/<jenis>/<nama-berkas>",
  }),
  "reference-wrong-kind": entry<{ href: string; expected: "gambar" | "dokumen" }>({
    message: ({ href, expected }) =>
      `"${href}" bukan ${expected === "gambar" ? `gambar (${kindNames("image")})` : `dokumen (${kindNames("document")})`}`,
    fix: ({ expected }) =>
      expected === "gambar"
        ? "tampilkan hanya gambar dengan ![teks alternatif](/media/...); dokumen ditautkan dengan [judul](/media/dokumen/...)"
        : "foto asli tidak diterbitkan: tampilkan foto dengan ![teks alternatif](/media/...), dan tautkan hanya dokumen",
  }),
  "reference-invalid": entry<{ href: string; detail: string }>({
    message: ({ href, detail }) => `alamat "${href}" tidak dapat dipakai: ${detail}`,
    fix: () => "tulis alamat berkas di folder media unit Anda, misalnya /media/berita/foto.jpg",
  }),
  "withheld-document-linked": entry<{ path: string }>({
    message: ({ path }) =>
      `"${path}" adalah berkas dokumen yang dikecualikan dan tidak boleh ditautkan atau diterbitkan`,
    fix: () => "hapus tautannya: dokumen yang dikecualikan hanya dicantumkan judulnya di Daftar Informasi Publik",
  }),
  "broken-site-link": entry<{ href: string; reason: string; suggestion: string | undefined }>({
    message: ({ href, reason }) => `tautan "${href}" tidak menuju halaman yang ada: ${reason}`,
    fix: ({ suggestion }) =>
      suggestion
        ? `mungkin maksudnya "${suggestion}"?`
        : "tulis site:<unit>/<jenis>/<nama-berkas> sesuai folder situs tujuan (misalnya site:dinkes/berita/posyandu-serentak), atau hapus tautannya",
  }),
  "media-too-large": entry<{ sizeKb: number; limitKb: number; kind: string }>({
    message: ({ sizeKb, limitKb, kind }) => `${kind} terlalu besar: ${sizeKb} KB, batasnya ${limitKb} KB`,
    fix: ({ kind }) =>
      kind === "gambar"
        ? "perkecil ukuran foto (misalnya lebar 2000 piksel) sebelum mengunggah"
        : "kompres PDF atau pecah menjadi beberapa berkas",
  }),
  "media-unreadable": entry<{ detail: string }>({
    message: ({ detail }) => `berkas gambar rusak atau bukan gambar (${detail})`,
    fix: () => "buka foto di komputer atau ponsel, simpan ulang sebagai JPG atau PNG, lalu unggah lagi",
  }),
  "document-unreadable": entry<{ detail: string }>({
    message: ({ detail }) => `berkas dokumen rusak atau bukan seperti namanya (${detail})`,
    fix: () => "buka dokumennya di komputer, simpan ulang (misalnya Ekspor sebagai PDF), lalu unggah lagi",
  }),
  "media-type": entry<{ path: string }>({
    message: ({ path }) => `jenis berkas "${path}" tidak diizinkan di folder media`,
    fix: () => `gunakan ${kindNames("image")} untuk gambar dan ${kindNames("document")} untuk dokumen`,
  }),
  "image-without-alt": entry<{ src: string }>({
    message: ({ src }) => `gambar "${src}" di isi tulisan tidak punya teks alternatif`,
    fix: () => "tulis deskripsi gambar di dalam kurung siku: ![Petugas memeriksa tekanan darah warga](/media/...)",
  }),
  "bad-filename": entry<{ name: string; suggestion: string }>({
    message: ({ name }) => `nama berkas "${name}" tidak bisa dipakai sebagai alamat halaman`,
    fix: ({ suggestion }) => `ganti nama menjadi "${suggestion}" (huruf kecil, angka dan tanda hubung)`,
  }),
  "duplicate-permalink": entry<{ url: string; other: string }>({
    message: ({ url, other }) => `alamat halaman ${url} sudah dipakai oleh ${other}`,
    fix: () => "ganti nama salah satu berkas",
  }),
  "unknown-content-folder": entry<{ folder: string; known: string[] }>({
    message: ({ folder }) => `folder isi "${folder}" tidak dikenal`,
    fix: ({ known }) => `pindahkan berkas ke salah satu folder: ${known.join(", ")}`,
  }),
  "hub-only-folder": entry<{ folder: string; hub: string }>({
    message: ({ folder }) => `folder "${folder}" hanya boleh ada di situs portal induk`,
    fix: ({ hub }) => `siaran regional diterbitkan DKISP di sites/${hub}/content/; hapus folder ini`,
  }),
  "catalogue-folder-on-hub": entry<{ folder: string; hub: string }>({
    message: ({ folder }) =>
      `folder "${folder}" tidak dipakai di situs portal induk: /layanan/ portal adalah katalog layanan semua perangkat daerah`,
    fix: ({ hub }) =>
      `tulis layanan di situs perangkat daerah yang menjalankannya; topik katalog diatur di sites/${hub}/katalog.json`,
  }),
  "unknown-topic": entry<{ topic: string; known: string[]; suggestion: string | undefined }>({
    message: ({ topic }) => `topik "${topic}" tidak ada di katalog layanan portal`,
    fix: ({ known, suggestion }) =>
      suggestion
        ? `mungkin maksudnya "${suggestion}"; topik yang ada: ${known.join(", ")}`
        : `pilih salah satu topik: ${known.join(", ")}; topik baru ditambahkan DKISP di katalog.json portal`,
  }),
  "duplicate-topic": entry<{ topic: string; first: number }>({
    message: ({ topic, first }) => `topik "${topic}" sudah ada sebagai topik ke-${first}`,
    fix: () => "beri setiap topik kode (slug) yang berbeda, atau gabungkan keduanya",
  }),
  "unknown-top-service": entry<{ ref: string }>({
    message: ({ ref }) => `layanan utama "${ref}" tidak ditemukan`,
    fix: ({ ref }) =>
      `tulis unit/berkas dari layanan yang ada, misalnya "${ref.split("/")[0]}/nama-berkas" untuk sites/${ref.split("/")[0]}/content/layanan/nama-berkas.md`,
  }),
  "unexpected-file": entry<{ name: string }>({
    message: ({ name }) => `berkas "${name}" tidak diharapkan di sini`,
    fix: () => "folder isi hanya memuat berkas Markdown (.md); gambar dan dokumen masuk ke folder media",
  }),

  "not-regular-file": entry<{ name: string; what: string }>({
    message: ({ name, what }) => `"${name}" adalah ${what}, bukan berkas biasa`,
    fix: () => "ganti dengan berkas aslinya (salin isinya ke sini), atau hapus",
  }),
  "expected-folder": entry<{ name: string }>({
    message: ({ name }) => `"${name}" harus berupa folder, bukan berkas`,
    fix: () => "hapus berkas ini dan buat folder dengan nama yang sama",
  }),
  "expected-file": entry<{ name: string }>({
    message: ({ name }) => `"${name}" harus berupa berkas, bukan folder`,
    fix: () => "pindahkan isi folder ini ke tempatnya, lalu hapus foldernya",
  }),
  "unexpected-entry": entry<{ name: string }>({
    message: ({ name }) => `"${name}" tidak dikenal di folder situs`,
    fix: () => "folder situs hanya berisi site.json, content/ dan media/: hapus atau pindahkan yang lain",
  }),
  "folder-too-deep": entry<{ limit: number }>({
    message: ({ limit }) => `folder bersarang terlalu dalam (lebih dari ${limit} tingkat)`,
    fix: () => "simpan berkas di media/<jenis>/, misalnya media/berita/foto.jpg",
  }),
  "unreadable-entry": entry<{ detail: string }>({
    message: ({ detail }) => `tidak dapat dibaca (${detail})`,
    fix: () => "periksa izin berkas dan folder ini, atau hapus dan unggah ulang",
  }),
  "build-failed": entry<{ detail: string }>({
    message: ({ detail }) => `situs gagal dibangun: ${detail}`,
    fix: () => "laporkan pesan ini ke DKISP bila tidak jelas isi mana penyebabnya; situs unit lain tetap dibangun",
  }),
  "no-unit-report": entry<{ detail: string }>({
    message: ({ detail }) => `portal induk tidak dibangun karena laporan unit tidak dapat dihitung: ${detail}`,
    fix: () => "perbaiki content-schema/completeness.json (npm run report menyebut masalahnya)",
  }),
  "no-such-site": entry<{ slug: string }>({
    message: ({ slug }) => `tidak ada situs "${slug}"`,
    fix: () => "sebut nama folder di sites/, misalnya dinkes",
  }),
  internal: entry<{ detail: string }>({
    message: ({ detail }) => `pemeriksaan berhenti karena kesalahan program: ${detail}`,
    fix: () => "laporkan pesan ini ke DKISP; situs unit lain tetap diperiksa dan dibangun",
  }),

  // --- sites and the registry ---
  "not-a-site-folder": entry<{ name: string; what: string }>({
    message: ({ name, what }) => `"${name}" di folder sites/ adalah ${what}, bukan folder situs`,
    fix: () => "setiap unit adalah satu folder sites/<nama-unit>/ berisi site.json: hapus atau pindahkan yang lain",
  }),
  "json-too-deep": entry<{ limit: number }>({
    message: ({ limit }) => `isi berkas bersarang terlalu dalam (lebih dari ${limit} tingkat)`,
    fix: () => "tulis kolom seperti contoh di docs/content-types.md: kelompok kolom cukup satu atau dua tingkat",
  }),
  "json-too-large": entry<{ sizeKb: number; limitKb: number }>({
    message: ({ sizeKb, limitKb }) => `berkas terlalu besar: ${sizeKb} KB, batasnya ${limitKb} KB`,
    fix: () => "site.json hanya berisi data unit: hapus isi yang tidak perlu",
  }),
  "missing-site-json": entry({
    message: () => "folder situs tidak punya site.json",
    fix: () => "buat situs baru dengan perintah portal, atau salin site.json dari unit lain dan sesuaikan",
  }),
  "slug-mismatch": entry<{ slug: string; folder: string }>({
    message: ({ slug, folder }) => `slug "${slug}" berbeda dengan nama folder "${folder}"`,
    fix: ({ folder }) => `tulis "slug": "${folder}" atau ganti nama foldernya`,
  }),
  "invalid-dns-label": entry<{ slug: string; suggestion: string }>({
    message: ({ slug }) => `"${slug}" tidak bisa menjadi subdomain`,
    fix: ({ suggestion }) => `pakai huruf kecil, angka dan tanda hubung saja, misalnya "${suggestion}"`,
  }),
  "ace-slug": entry<{ slug: string }>({
    message: ({ slug }) =>
      `"${slug}" memuat "--" di huruf ketiga dan keempat, yang dibaca peramban sebagai nama berhuruf asing (xn--dnkes-zsa tampil sebagai "dínkes")`,
    fix: () => "pakai huruf biasa tanpa tanda hubung ganda di awal, misalnya singkatan resmi unit",
  }),
  "reserved-slug": entry<{ slug: string }>({
    message: ({ slug }) => `"${slug}" adalah subdomain yang dicadangkan`,
    fix: () => "pilih nama lain yang mencerminkan unit, misalnya singkatan resminya",
  }),
  "look-alike-slug": entry<{ slug: string; other: string }>({
    message: ({ slug, other }) =>
      `alamat situs "${slug}" sekilas sama dengan "${other}" (huruf, angka atau tanda hubung yang mirip)`,
    fix: () =>
      "ganti nama folder unit dengan singkatan yang jelas berbeda: warga bisa tertipu alamat yang mirip (npm run new-site menolaknya)",
  }),
  "successor-invalid": entry<{ successor: string; self: boolean }>({
    message: ({ successor, self }) =>
      self ? `unit penerus "${successor}" adalah unit ini sendiri` : `unit penerus "${successor}" tidak ada di sites/`,
    fix: () =>
      "tulis slug unit lain yang kini menjalankan tugas dan layanannya (npm run report mendaftar semua unit), atau hapus kolom successor",
  }),
  "duplicate-site": entry<{ field: string; value: string; other: string; earlier: boolean }>({
    message: ({ field, value, other, earlier }) =>
      `${field} "${value}" sudah dipakai oleh situs ${other}${earlier ? ", yang terdaftar lebih dulu" : ""}`,
    fix: () => "setiap unit perlu nilai yang berbeda: tulis nama resmi unit ini",
  }),
  "missing-portal-json": entry<{ root: string; what: string }>({
    message: ({ root, what }) =>
      `portal.json di ${root} ${what === "tidak ada" ? "tidak ada" : `adalah ${what}, bukan berkas`}`,
    fix: () =>
      "jalankan perintah dari folder utama repositori (yang berisi portal.json dan sites/), atau tulis --root <folder>",
  }),
  "activity-thresholds": entry<{ quiet: number; dormant: number }>({
    message: ({ quiet, dormant }) =>
      `dormant_after_days (${dormant}) harus lebih besar dari quiet_after_days (${quiet})`,
    fix: ({ quiet }) => `tulis dormant_after_days lebih dari ${quiet}, misalnya ${quiet * 2}`,
  }),
  "hub-missing": entry<{ hub: string }>({
    message: ({ hub }) => `situs portal induk "${hub}" tidak ada di folder sites/`,
    fix: ({ hub }) => `buat folder sites/${hub}/ atau perbaiki kolom "hub" di portal.json`,
  }),
};

export type ProblemCode = keyof typeof catalogue;
export type ProblemArgs<C extends ProblemCode> = Parameters<(typeof catalogue)[C]["message"]>[0];

function typeName(type: string): string {
  const names: Record<string, string> = {
    string: "teks",
    number: "angka",
    integer: "bilangan bulat",
    boolean: "ya/tidak (true/false)",
    array: 'daftar (baris-baris "- ...")',
    object: "kelompok kolom",
    null: "kosong",
  };
  return type
    .split(",")
    .map((t) => names[t] ?? t)
    .join(" atau ");
}

function formatName(format: string): string {
  const names: Record<string, string> = { email: "alamat surel", uri: "alamat web (https://...)", date: "tanggal" };
  return names[format] ?? format;
}

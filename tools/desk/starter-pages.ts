import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { fillIn } from "../content/fill-in.ts";

/** One page of a new unit's `content/halaman/`. */
export interface StarterPage {
  slug: string;
  title: string;
  order: number;
  body: string;
}

/**
 * The pages every unit must have from its first day, as fill-in templates in Indonesian: what the
 * law asks of a public body's site (UU 14/2008 on public information, the PPID and its Daftar
 * Informasi Publik; UU 25/2009 and PermenPANRB 15/2014 on service standards and the maklumat),
 * with the parts only the unit can write marked by `fillIn`.
 */
export function starterPages(site: SiteRecord, portal: Pick<PortalConfig, "name">): StarterPage[] {
  const head = site.type === "kecamatan" ? "Camat" : site.type === "rsud" ? "Direktur" : "Kepala";
  return [
    {
      slug: "profil",
      title: `Profil ${site.short_name}`,
      order: 1,
      body: `${site.name} adalah perangkat daerah ${portal.name}. ${fillIn("kedudukan dan tugas unit dalam satu atau dua kalimat, sesuai peraturan bupati tentang susunan organisasi")}

Kantor ${site.short_name} berada di ${site.address}.

Halaman ini memuat informasi resmi tentang ${site.short_name} sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.`,
    },
    {
      slug: "visi-misi",
      title: "Visi dan Misi",
      order: 2,
      body: `## Visi

${fillIn("visi unit, sama dengan yang tertulis di Rencana Strategis (Renstra)")}

## Misi

1. ${fillIn("misi pertama")}
2. ${fillIn("misi berikutnya; tambahkan baris sebanyak yang diperlukan")}`,
    },
    {
      slug: "tugas-fungsi",
      title: "Tugas Pokok dan Fungsi",
      order: 3,
      body: `## Tugas pokok

${site.name} mempunyai tugas ${fillIn("tugas pokok menurut peraturan bupati")}.

## Fungsi

- ${fillIn("fungsi pertama")}
- ${fillIn("fungsi berikutnya")}
- pelaksanaan fungsi lain yang diberikan oleh Bupati sesuai tugas dan fungsinya.`,
    },
    {
      slug: "struktur-organisasi",
      title: "Struktur Organisasi",
      order: 4,
      body: `Susunan organisasi ${site.name} terdiri atas:

1. ${head};
2. ${fillIn("sekretariat atau subbagian, dengan bagian-bagiannya")};
3. ${fillIn("bidang, seksi atau instalasi")};
4. Kelompok Jabatan Fungsional.

${fillIn("unggah bagan struktur organisasi sebagai gambar dan sisipkan di sini, dengan teks alternatif")}`,
    },
    {
      slug: "kontak",
      title: "Kontak",
      order: 6,
      body: `Masyarakat dapat menghubungi ${site.short_name} di ${site.address}, telepon ${site.phone}, surel ${site.email}.

Pengaduan pelayanan publik dapat disampaikan melalui SP4N-LAPOR! di [www.lapor.go.id](https://www.lapor.go.id).

${fillIn("jam layanan, nomor WhatsApp layanan dan akun media sosial resmi, bila ada")}`,
    },
    {
      slug: "ppid",
      title: "PPID dan Informasi Publik",
      order: 7,
      body: `Pejabat Pengelola Informasi dan Dokumentasi (PPID) Pelaksana ${site.short_name} melayani permohonan informasi publik sesuai Undang-Undang Nomor 14 Tahun 2008 dan Peraturan Komisi Informasi Nomor 1 Tahun 2021.

- PPID Pelaksana: ${site.ppid ? `${site.ppid.name}, ${site.ppid.email}` : fillIn("nama atau jabatan PPID Pelaksana dan surelnya (juga di data unit, site.json)")}
- Daftar informasi yang tersedia: [Daftar Informasi Publik](/informasi-publik/)

## Cara mengajukan permohonan informasi

1. Sampaikan permohonan secara tertulis atau melalui surel PPID, dengan identitas pemohon.
2. PPID menjawab paling lambat 10 hari kerja, dan dapat diperpanjang 7 hari kerja.
3. Bila tidak puas dengan jawabannya, ajukan keberatan kepada atasan PPID dalam 30 hari kerja.

${fillIn("laporan layanan informasi publik tahunan: unggah sebagai dokumen berkala")}`,
    },
    {
      slug: "standar-pelayanan",
      title: "Standar Pelayanan",
      order: 8,
      body: `Standar pelayanan ${site.short_name} disusun menurut Peraturan Menteri PANRB Nomor 15 Tahun 2014. Setiap jenis layanan memuat komponen berikut; tulis tiap layanan sebagai isi **Layanan**.

1. Dasar hukum
2. Persyaratan
3. Sistem, mekanisme dan prosedur
4. Jangka waktu penyelesaian
5. Biaya/tarif
6. Produk pelayanan
7. Penanganan pengaduan, saran dan masukan

${fillIn("daftar jenis layanan unit ini")}`,
    },
    {
      slug: "maklumat-pelayanan",
      title: "Maklumat Pelayanan",
      order: 9,
      body: `Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.

${head} ${site.name}

${fillIn("nama pejabat yang menandatangani; setelah maklumat ditandatangani, muat pindaiannya sebagai isi Maklumat Pelayanan di CMS")}`,
    },
  ];
}

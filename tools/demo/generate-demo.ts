import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { stringify } from "yaml";
import { toolsRepoRoot } from "../core/workspace.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { siteRecord, type UnitSeed } from "./units.ts";
import { profilePages } from "./unit-profile.ts";
import { richUnits, type Official, type RichUnit, type Service } from "./rich-content.ts";
import { demoServices, hubCatalogue, showcaseServiceWords } from "./services.ts";
import { catalogueFile } from "../content/service-catalogue.ts";
import { makeEmblem, makeLogo, makePhoto } from "./photo.ts";
import { makePdf } from "./pdf.ts";
import { seeded } from "./random.ts";

/**
 * Writes the built-in demo: every unit of Kabupaten Paser (tools/demo/skpd-paser.json) plus the
 * hub, as folders under sites/. Deterministic, so running it again changes nothing.
 *   node --import tsx tools/demo/generate-demo.ts
 * It replaces sites/ entirely: real deployments edit their content and never run this.
 */
const root = toolsRepoRoot;
const sitesDir = join(root, "sites");
const portal = JSON.parse(await readFile(join(root, "portal.json"), "utf8")) as PortalConfig;
const reference = JSON.parse(await readFile(join(root, "tools/demo/skpd-paser.json"), "utf8")) as { units: UnitSeed[] };
const today = "2026-11-27";

const hub: UnitSeed = {
  slug: portal.hub,
  name: "Portal Resmi Pemerintah Kabupaten Paser",
  short_name: "Portal Paser",
  type: "portal",
};

await rm(sitesDir, { recursive: true, force: true });
for (const unit of [hub, ...reference.units]) {
  const site = siteRecord(unit, portal.domain);
  const rich = richUnits[unit.slug];
  const dir = join(sitesDir, unit.slug);
  if (rich) {
    site.logo = "/media/logo.png";
    site.head = { name: rich.officials[0]!.name, position: rich.officials[0]!.position };
  }
  await writeJson(join(dir, "site.json"), { $schema: "../../content-schema/site.schema.json", ...site });
  if (rich) await writeBinary(join(dir, "media/logo.png"), await makeLogo(unit.slug, site.accent_color!));
  for (const page of unit.type === "portal"
    ? hubPages()
    : profilePages(site, portal.name, 2016 + Math.floor(seeded(unit.slug)() * 3))) {
    await writeMarkdown(
      join(dir, "content/halaman", `${page.slug}.md`),
      { title: page.title, order: page.order },
      page.body,
    );
  }
  if (unit.type === "portal") {
    await writeJson(join(dir, catalogueFile), hubCatalogue());
    await writeBinary(join(dir, portal.logo ?? "/media/lambang.png"), await makeEmblem());
    await writeLeaders(dir, site);
  }
  if (rich) await writeRich(dir, site, rich);
  else if (unit.type !== "portal") await writeBasic(dir, site);
  else
    await writeMarkdown(
      join(dir, "content/siaran", "libur-natal-dan-tahun-baru.md"),
      {
        title: "Layanan tatap muka libur Natal dan Tahun Baru",
        start: "2026-12-24 00:00",
        end: "2027-01-02 00:00",
        level: "info",
        summary: "Kantor pelayanan tutup 25–26 Desember dan 1 Januari; layanan daring tetap berjalan.",
      },
      "Selama libur Natal dan Tahun Baru, layanan tatap muka di seluruh perangkat daerah tutup pada tanggal merah dan cuti bersama. Layanan daring dan Instalasi Gawat Darurat rumah sakit tetap buka.",
    );
}
console.log(`Demo written: ${reference.units.length} units + hub in ${sitesDir}`);

async function writeRich(dir: string, site: SiteRecord, rich: RichUnit): Promise<void> {
  const accent = site.accent_color!;
  for (const [i, n] of rich.news.entries()) {
    const slug = slugOf(n.title);
    const image = `/media/berita/${slug}.jpg`;
    await writeBinary(join(dir, image), await makePhoto(`${site.slug}-${slug}`, accent));
    const extra = i % 3 === 0 ? `\n\n![${n.alt}, suasana lain kegiatan](/media/berita/${slug}-2.jpg)` : "";
    if (extra)
      await writeBinary(join(dir, `/media/berita/${slug}-2.jpg`), await makePhoto(`${site.slug}-${slug}-2`, accent));
    await writeMarkdown(
      join(dir, "content/berita", `${slug}.md`),
      {
        title: n.title,
        date: daysBefore(today, 5 + i * 7),
        author: `Humas ${site.short_name}`,
        image,
        image_alt: n.alt,
        summary: n.summary,
        tags: n.tags,
      },
      `${n.body}${extra}`,
    );
  }
  for (const [i, a] of rich.announcements.entries()) {
    const slug = slugOf(a.title);
    const date = daysBefore(today, 3 + i * 9);
    const data: Record<string, unknown> = {
      title: a.title,
      date,
      valid_until: daysAfter(date, a.validDays),
      category: a.category,
      summary: a.summary,
    };
    if (a.attachment) {
      const file = `/media/pengumuman/${a.attachment}.pdf`;
      await writeBinary(
        join(dir, file),
        await makePdf({
          regency: portal.name,
          unit: site.name,
          title: a.title,
          paragraphs: [a.summary, a.body, lorem(site.slug + slug)],
          date,
        }),
      );
      data.attachments = [{ title: `Lampiran: ${a.title}`, file }];
    }
    await writeMarkdown(join(dir, "content/pengumuman", `${slug}.md`), data, a.body);
  }
  for (const e of rich.events) {
    await writeMarkdown(
      join(dir, "content/agenda", `${slugOf(e.title)}.md`),
      { title: e.title, start: e.start, ...(e.end ? { end: e.end } : {}), place: e.place, summary: e.summary },
      e.summary,
    );
  }
  await writeOfficials(dir, site, rich.officials);
  await writeServices(dir, site, rich.services);
  for (const [i, d] of rich.documents.entries()) {
    const slug = slugOf(d.title);
    const file = `/media/dokumen/${slug}.pdf`;
    const date = `${d.year}-${String(1 + ((i * 2) % 12)).padStart(2, "0")}-15`;
    const number = `${["050", "900", "800", "065", "045"][i % 5]}/${100 + i * 17}/${site.short_name.toUpperCase().replace(/[^A-Z]/g, "")}/${d.year}`;
    await writeBinary(
      join(dir, file),
      await makePdf({
        regency: portal.name,
        unit: site.name,
        title: d.title,
        number,
        paragraphs: [d.summary, ...documentBody(d.kind, site.name, d.year), lorem(site.slug + slug)],
        date,
      }),
    );
    await writeMarkdown(
      join(dir, "content/dokumen", `${slug}.md`),
      {
        title: d.title,
        number,
        year: d.year,
        kind: d.kind,
        file,
        summary: d.summary,
        classification: d.classification,
        officer: site.ppid?.name,
        date: date > today ? today : date,
        reviewed_at: daysBefore(today, 20 + i * 40),
      },
      "",
    );
  }
  await writeLawItems(dir, site);
  const g = rich.gallery;
  const photos = [];
  for (const [i, caption] of g.captions.entries()) {
    const file = `/media/galeri/${slugOf(g.title)}-${i + 1}.jpg`;
    await writeBinary(join(dir, file), await makePhoto(`${site.slug}-galeri-${i}`, accent));
    photos.push({ file, alt: `${caption}, ${g.title.toLowerCase()}`, caption });
  }
  await writeMarkdown(
    join(dir, "content/galeri", `${slugOf(g.title)}.md`),
    { title: g.title, date: daysBefore(today, 12), summary: g.summary, photos },
    g.summary,
  );
}

/**
 * What the law asks of a unit that its showcase content does not already hold
 * (content-schema/completeness.json): the PPID and service-standard pages, the signed maklumat
 * and a satisfaction survey. The showcase units are complete; the others show the gaps.
 */
async function writeLawItems(dir: string, site: SiteRecord): Promise<void> {
  const head = site.head!;
  await writeMarkdown(
    join(dir, "content/halaman", "ppid.md"),
    { title: "PPID dan Informasi Publik", order: 7 },
    `Pejabat Pengelola Informasi dan Dokumentasi (PPID) Pelaksana ${site.short_name} melayani permohonan informasi publik sesuai Undang-Undang Nomor 14 Tahun 2008 dan Peraturan Komisi Informasi Nomor 1 Tahun 2021.\n\n- PPID Pelaksana: ${site.ppid?.name}, ${site.ppid?.email}\n- Daftar informasi yang tersedia: [Daftar Informasi Publik](/informasi-publik/)\n\n## Cara mengajukan permohonan informasi\n\n1. Sampaikan permohonan secara tertulis atau melalui surel PPID, dengan identitas pemohon.\n2. PPID menjawab paling lambat 10 hari kerja, dan dapat diperpanjang 7 hari kerja.\n3. Bila tidak puas dengan jawabannya, ajukan keberatan kepada atasan PPID dalam 30 hari kerja.`,
  );
  await writeMarkdown(
    join(dir, "content/halaman", "standar-pelayanan.md"),
    { title: "Standar Pelayanan", order: 8 },
    `Standar pelayanan ${site.short_name} disusun menurut Peraturan Menteri PANRB Nomor 15 Tahun 2014: setiap jenis layanan memuat dasar hukum, persyaratan, prosedur, jangka waktu, biaya, produk dan penanganan pengaduan. Rinciannya ada di halaman [Layanan](/layanan/).`,
  );
  const scan = "/media/dokumen/maklumat-pelayanan.pdf";
  const text =
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan perundang-undangan yang berlaku.";
  await writeBinary(
    join(dir, scan),
    await makePdf({
      regency: portal.name,
      unit: site.name,
      title: "Maklumat Pelayanan",
      paragraphs: [text, `${head.position}, ${head.name}`],
      date: "2026-01-05",
    }),
  );
  await writeMarkdown(
    join(dir, "content/maklumat", "maklumat-pelayanan-2026.md"),
    { title: `Maklumat Pelayanan ${site.short_name}`, date: "2026-01-05", text, signed_by: head, scan },
    "",
  );
  const rand = seeded(`${site.slug}-skm`);
  const elements = Object.fromEntries(
    Array.from({ length: 9 }, (_, i) => [`u${i + 1}`, Math.round((3 + rand() * 0.8) * 100) / 100]),
  );
  const mean = Object.values(elements).reduce((a, b) => a + b, 0) / 9;
  await writeMarkdown(
    join(dir, "content/skm", "hasil-skm-semester-i-2026.md"),
    {
      title: "Hasil Survei Kepuasan Masyarakat Semester I 2026",
      date: "2026-07-15",
      period: "Januari–Juni 2026",
      respondents: 300 + Math.floor(rand() * 900),
      ikm: Math.round(mean * 25 * 100) / 100,
      elements,
      follow_up: [
        "Menambah petugas loket pada jam sibuk.",
        "Memperjelas informasi persyaratan di situs dan papan layanan.",
      ],
    },
    `Survei dilakukan menurut Peraturan Menteri PANRB Nomor 14 Tahun 2017 terhadap pengguna layanan ${site.short_name}.`,
  );
}

/** The regency's leaders on the hub (invented names; the home shows them). */
async function writeLeaders(dir: string, site: SiteRecord): Promise<void> {
  const leaders = [
    {
      name: "H. Rahmat Hidayat, S.E., M.M.",
      position: "Bupati Paser",
      education: ["S2 Manajemen, Universitas Mulawarman"],
    },
    {
      name: "Hj. Siti Marlina, S.Pd., M.Pd.",
      position: "Wakil Bupati Paser",
      education: ["S2 Pendidikan, Universitas Mulawarman"],
    },
    {
      name: "Drs. Budi Santoso, M.Si.",
      position: "Sekretaris Daerah Kabupaten Paser",
      education: ["S2 Ilmu Pemerintahan, IPDN"],
    },
  ];
  await writeOfficials(
    dir,
    site,
    leaders.map((o) => ({ ...o, career: ["Aparatur sipil negara Pemerintah Kabupaten Paser"] })),
  );
}

/** Officials' profiles with a stand-in portrait each, in the order given. */
async function writeOfficials(dir: string, site: SiteRecord, officials: Official[]): Promise<void> {
  for (const [i, o] of officials.entries()) {
    const slug = slugOf(o.name.replace(/^(dr|Ns|Hj?|Drs)\.\s*/, ""));
    const photo = `/media/pejabat/${slug}.jpg`;
    await writeBinary(join(dir, photo), await makePhoto(`${site.slug}-${slug}`, site.accent_color!, 800, 1000));
    await writeMarkdown(
      join(dir, "content/pejabat", `${slug}.md`),
      {
        name: o.name,
        position: o.position,
        order: i + 1,
        photo,
        photo_alt: `Foto resmi ${o.name}`,
        education: o.education,
        career: o.career,
        lhkpn_url: "https://elhkpn.kpk.go.id",
      },
      "",
    );
  }
}

/** A unit's service standards: the showcase's, then the catalogue's (tools/demo/services.ts). */
async function writeServices(dir: string, site: SiteRecord, showcase: Service[]): Promise<void> {
  const all = [
    ...showcase.map((s) => ({ ...s, ...showcaseServiceWords[s.title] })),
    ...(demoServices[site.slug] ?? []),
  ];
  for (const [i, s] of all.entries()) {
    await writeMarkdown(
      join(dir, "content/layanan", `${slugOf(s.title)}.md`),
      {
        title: s.title,
        order: i + 1,
        summary: s.summary,
        topics: s.topics,
        aliases: s.aliases,
        requirements: s.requirements,
        procedure: s.procedure,
        time: s.time,
        cost: s.cost,
        product: s.product,
        complaints: `Sampaikan pengaduan ke ${site.email}, telepon ${site.phone}, atau melalui SP4N-LAPOR! (www.lapor.go.id).`,
        legal_basis: s.legal,
      },
      "",
    );
  }
}

/** Units without showcase content still publish two news items and their strategic plan. */
async function writeBasic(dir: string, site: SiteRecord): Promise<void> {
  const rand = seeded(`${site.slug}-basic`);
  // As in a real regency, not every unit keeps its site alive: about a quarter last wrote 3–5
  // months ago (quiet), about one in six more than 6 months ago (dormant; its strategic plan is
  // overdue for review too). npm run report and the hub's /status/ page show them.
  const liveliness = seeded(`${site.slug}-liveliness`)();
  const silence = liveliness < 0.6 ? 0 : liveliness < 0.85 ? 95 : 200;
  const items = [
    {
      title: `Rapat Kerja ${site.short_name} Evaluasi Program Tahun 2026`,
      summary: `${site.short_name} mengevaluasi capaian program dan kegiatan tahun 2026 serta menyiapkan rencana kerja tahun depan.`,
      body: `Rapat kerja diikuti seluruh pejabat struktural dan fungsional ${site.name}. Setiap bidang memaparkan capaian kinerja dan kendala yang dihadapi.\n\nHasil rapat menjadi bahan penyusunan Rencana Kerja tahun 2027.`,
    },
    {
      title: `${site.short_name} Perkuat Keterbukaan Informasi Publik`,
      summary: `${site.short_name} memperbarui Daftar Informasi Publik dan menunjuk PPID Pelaksana.`,
      body: `Masyarakat dapat meminta informasi publik melalui PPID Pelaksana ${site.short_name} di ${site.ppid?.email}. Permohonan dijawab paling lambat sepuluh hari kerja.`,
    },
  ];
  for (const [i, n] of items.entries()) {
    await writeMarkdown(
      join(dir, "content/berita", `${slugOf(n.title)}.md`),
      {
        title: n.title,
        date: daysBefore(today, silence + 10 + i * 40 + Math.floor(rand() * 30)),
        author: `Admin ${site.short_name}`,
        summary: n.summary,
      },
      n.body,
    );
  }
  await writeServices(dir, site, []);
  const title = `Rencana Strategis ${site.short_name} 2025–2029`;
  const file = "/media/dokumen/rencana-strategis-2025-2029.pdf";
  await writeBinary(
    join(dir, file),
    await makePdf({
      regency: portal.name,
      unit: site.name,
      title,
      paragraphs: [
        `Rencana Strategis ${site.name} memuat tujuan, sasaran, strategi, kebijakan, program dan kegiatan untuk periode 2025–2029.`,
        ...documentBody("renstra", site.name, 2025),
      ],
      date: "2025-06-15",
    }),
  );
  await writeMarkdown(
    join(dir, "content/dokumen", "rencana-strategis-2025-2029.md"),
    {
      title,
      year: 2025,
      kind: "renstra",
      file,
      summary: `Tujuan, sasaran, program dan indikator kinerja ${site.short_name} lima tahun.`,
      classification: "berkala",
      officer: site.ppid?.name,
      date: "2025-06-15",
      reviewed_at: daysBefore(today, silence + 60),
    },
    "",
  );
}

function hubPages() {
  return [
    {
      slug: "profil",
      title: "Profil Kabupaten Paser",
      order: 1,
      body: "Kabupaten Paser adalah kabupaten di bagian selatan Provinsi Kalimantan Timur dengan ibu kota Tanah Grogot. Wilayahnya terdiri atas 10 kecamatan, 5 kelurahan dan 139 desa, membentang dari pesisir Selat Makassar hingga Pegunungan Meratus.\n\nPortal ini menghubungkan situs resmi seluruh perangkat daerah Pemerintah Kabupaten Paser.",
    },
    {
      slug: "visi-misi",
      title: "Visi dan Misi Daerah",
      order: 2,
      body: "## Visi\n\nPaser yang maju, sejahtera, berakhlak mulia dan berdaya saing.\n\n## Misi\n\n1. Meningkatkan kualitas sumber daya manusia.\n2. Membangun infrastruktur yang merata.\n3. Mewujudkan tata kelola pemerintahan yang bersih dan melayani.\n4. Mengembangkan ekonomi kerakyatan berbasis potensi lokal.",
    },
    {
      slug: "tugas-fungsi",
      title: "Tentang Portal Ini",
      order: 3,
      body: "Portal ini dikelola Dinas Komunikasi, Informatika, Statistik dan Persandian (DKISP). Setiap perangkat daerah mengisi situsnya sendiri; DKISP mengelola domain, server dan keamanan seluruh situs.",
    },
    {
      slug: "struktur-organisasi",
      title: "Perangkat Daerah",
      order: 4,
      body: "Pemerintah Kabupaten Paser terdiri atas Sekretariat Daerah, Sekretariat DPRD, Inspektorat, badan-badan, dinas-dinas, 10 kecamatan dan dua rumah sakit umum daerah. Setiap perangkat daerah memiliki situs resmi di subdomain paserkab.go.id.",
    },
    {
      slug: "sejarah",
      title: "Sejarah Kabupaten Paser",
      order: 5,
      body: "Kabupaten Paser berakar pada Kesultanan Paser (Sadurengas). Kabupaten ini dibentuk berdasarkan Undang-Undang Nomor 27 Tahun 1959. Nama Kabupaten Pasir diubah menjadi Kabupaten Paser pada tahun 2007.",
    },
    {
      slug: "kontak",
      title: "Kontak",
      order: 6,
      body: "Kantor Bupati Paser, Jl. Jenderal Sudirman No. 1, Tanah Grogot. Pengaduan pelayanan publik dapat disampaikan melalui SP4N-LAPOR! di [www.lapor.go.id](https://www.lapor.go.id).",
    },
  ];
}

function documentBody(kind: string, unit: string, year: number): string[] {
  return [
    `BAB I PENDAHULUAN. Dokumen ini disusun oleh ${unit} sebagai pelaksanaan kewajiban perencanaan, penganggaran dan pelaporan kinerja perangkat daerah tahun ${year}.`,
    "BAB II GAMBARAN PELAYANAN. Bagian ini menguraikan tugas, fungsi, struktur organisasi, sumber daya dan kinerja pelayanan perangkat daerah.",
    `BAB III ${kind === "lra" ? "REALISASI ANGGARAN" : kind === "lkjip" ? "AKUNTABILITAS KINERJA" : "TUJUAN DAN SASARAN"}. Rincian disajikan dalam tabel lampiran dokumen ini.`,
  ];
}

function lorem(seed: string): string {
  const rand = seeded(seed);
  const sentences = [
    "Pelaksanaan kegiatan dipantau secara berkala oleh pimpinan.",
    "Data capaian bersumber dari laporan bidang dan unit pelaksana teknis.",
    "Hasil evaluasi menjadi dasar perbaikan pelayanan pada periode berikutnya.",
    "Masyarakat dapat memberikan masukan melalui saluran pengaduan resmi.",
    "Anggaran digunakan secara efisien sesuai prioritas pembangunan daerah.",
  ];
  return Array.from({ length: 4 }, () => sentences[Math.floor(rand() * sentences.length)]).join(" ");
}

function slugOf(title: string): string {
  return title
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .split("-")
    .slice(0, 10)
    .join("-");
}

function daysBefore(date: string, days: number): string {
  return daysAfter(date, -days);
}

function daysAfter(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function writeJson(path: string, data: unknown): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`);
}

async function writeBinary(path: string, data: Uint8Array): Promise<void> {
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, data);
}

async function writeMarkdown(path: string, data: Record<string, unknown>, body: string): Promise<void> {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
  await mkdir(join(path, ".."), { recursive: true });
  await writeFile(path, `---\n${stringify(clean, { lineWidth: 0 })}---\n${body ? `${body}\n` : ""}`);
}

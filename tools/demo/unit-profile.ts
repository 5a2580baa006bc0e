import type { SiteRecord, SiteType } from "../core/records.ts";

/**
 * Profile pages every unit must publish (Depkominfo 2003 guidance, UU 14/2008), written from the
 * unit's type so each of the 43 demo units reads like itself. Real units replace this text.
 */
export interface Page {
  slug: string;
  title: string;
  order: number;
  body: string;
}

const duties: Record<SiteType, { task: string; functions: string[] }> = {
  portal: {
    task: "menyediakan satu pintu informasi dan layanan publik Pemerintah Kabupaten Paser",
    functions: [
      "menghimpun informasi dari seluruh perangkat daerah",
      "menyediakan direktori layanan publik",
      "menyampaikan informasi serta-merta kepada masyarakat",
    ],
  },
  sekretariat: {
    task: "membantu pimpinan daerah dalam penyusunan kebijakan dan pengoordinasian administratif",
    functions: [
      "pengoordinasian penyusunan kebijakan daerah",
      "pelayanan administratif kepada seluruh perangkat daerah",
      "pengelolaan keuangan, aset dan kepegawaian sekretariat",
    ],
  },
  inspektorat: {
    task: "membantu Bupati membina dan mengawasi pelaksanaan urusan pemerintahan oleh perangkat daerah",
    functions: [
      "perencanaan program pengawasan",
      "audit, reviu, evaluasi dan pemantauan kinerja serta keuangan",
      "pengawasan untuk tujuan tertentu atas penugasan Bupati",
    ],
  },
  badan: {
    task: "melaksanakan fungsi penunjang urusan pemerintahan yang menjadi kewenangan daerah",
    functions: [
      "perumusan kebijakan teknis di bidangnya",
      "pelaksanaan tugas dukungan teknis",
      "pemantauan, evaluasi dan pelaporan pelaksanaan tugas",
    ],
  },
  dinas: {
    task: "melaksanakan urusan pemerintahan yang menjadi kewenangan daerah di bidangnya",
    functions: [
      "perumusan kebijakan di bidangnya",
      "pelaksanaan kebijakan dan pelayanan publik di bidangnya",
      "evaluasi dan pelaporan pelaksanaan urusan",
      "pelaksanaan administrasi dinas",
    ],
  },
  kecamatan: {
    task: "mengoordinasikan penyelenggaraan pemerintahan, pelayanan publik dan pemberdayaan masyarakat di wilayah kecamatan",
    functions: [
      "penyelenggaraan urusan pemerintahan umum",
      "pengoordinasian kegiatan pemberdayaan masyarakat",
      "pembinaan dan pengawasan penyelenggaraan pemerintahan desa dan kelurahan",
      "pelaksanaan pelayanan publik di tingkat kecamatan",
    ],
  },
  kelurahan: {
    task: "melaksanakan kegiatan pemerintahan kelurahan",
    functions: ["pelayanan masyarakat", "pemberdayaan masyarakat"],
  },
  rsud: {
    task: "menyelenggarakan pelayanan kesehatan perorangan secara paripurna yang menyediakan rawat inap, rawat jalan dan gawat darurat",
    functions: [
      "pelayanan pengobatan dan pemulihan kesehatan",
      "pemeliharaan dan peningkatan kesehatan perorangan",
      "pendidikan dan pelatihan sumber daya manusia kesehatan",
      "penapisan teknologi bidang kesehatan",
    ],
  },
  puskesmas: {
    task: "menyelenggarakan upaya kesehatan masyarakat tingkat pertama",
    functions: ["upaya kesehatan masyarakat", "upaya kesehatan perorangan"],
  },
  lainnya: { task: "melaksanakan tugas sesuai peraturan daerah", functions: ["pelaksanaan tugas pokok"] },
};

export function profilePages(site: SiteRecord, regency: string, established: number): Page[] {
  const d = duties[site.type];
  const isArea = site.type === "kecamatan";
  return [
    {
      slug: "profil",
      title: `Profil ${site.short_name}`,
      order: 1,
      body: `${site.name} adalah perangkat daerah ${regency} yang bertugas ${d.task}.

${isArea ? `Kantor Camat berada di ${site.address}. Kecamatan ini melayani warga desa-desa di wilayahnya untuk urusan administrasi, rekomendasi perizinan dan pengaduan.` : `Kantor ${site.short_name} berada di ${site.address} dan melayani masyarakat pada hari dan jam kerja.`}

Halaman ini memuat informasi resmi tentang kedudukan, tugas, struktur dan layanan ${site.short_name} sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.`,
    },
    {
      slug: "visi-misi",
      title: "Visi dan Misi",
      order: 2,
      body: `## Visi

Terwujudnya Kabupaten Paser yang maju, sejahtera dan berdaya saing melalui pelayanan ${site.short_name} yang profesional dan terbuka.

## Misi

1. Meningkatkan kualitas pelayanan publik yang cepat, mudah dan terjangkau.
2. Meningkatkan tata kelola pemerintahan yang bersih, akuntabel dan transparan.
3. Meningkatkan kapasitas aparatur dan pemanfaatan teknologi informasi.
4. Mendorong partisipasi masyarakat dalam pembangunan daerah.`,
    },
    {
      slug: "tugas-fungsi",
      title: "Tugas Pokok dan Fungsi",
      order: 3,
      body: `## Tugas pokok

${site.name} mempunyai tugas ${d.task}.

## Fungsi

Untuk melaksanakan tugas tersebut, ${site.short_name} menyelenggarakan fungsi:

${d.functions.map((f) => `- ${f};`).join("\n")}
- pelaksanaan fungsi lain yang diberikan oleh Bupati sesuai tugas dan fungsinya.`,
    },
    {
      slug: "struktur-organisasi",
      title: "Struktur Organisasi",
      order: 4,
      body: `Susunan organisasi ${site.name} terdiri atas:

1. ${isArea ? "Camat" : site.type === "rsud" ? "Direktur" : "Kepala"};
2. ${isArea ? "Sekretaris Kecamatan" : "Sekretariat"}, yang membawahkan Subbagian Umum dan Kepegawaian serta Subbagian Perencanaan dan Keuangan;
3. ${isArea ? "Seksi Pemerintahan, Seksi Ketenteraman dan Ketertiban Umum, Seksi Pemberdayaan Masyarakat dan Desa, serta Seksi Pelayanan Umum" : site.type === "rsud" ? "Bidang Pelayanan Medik, Bidang Keperawatan, dan Bidang Penunjang" : "Bidang-bidang teknis sesuai urusan"};
4. Kelompok Jabatan Fungsional.

${site.head ? `Saat ini ${site.short_name} dipimpin oleh ${site.head.name} selaku ${site.head.position}.` : ""}`,
    },
    {
      slug: "sejarah",
      title: "Sejarah",
      order: 5,
      body: `${site.name} dibentuk berdasarkan Peraturan Daerah Kabupaten Paser tentang Pembentukan dan Susunan Perangkat Daerah${established ? `, dan mulai menjalankan tugas dalam bentuknya sekarang sejak ${established}` : ""}.

Sejak itu ${site.short_name} terus menyesuaikan organisasi dan layanannya dengan kebutuhan masyarakat Kabupaten Paser, dari Tanah Grogot hingga desa-desa di pedalaman.`,
    },
    {
      slug: "kontak",
      title: "Kontak",
      order: 6,
      body: `Masyarakat dapat menghubungi ${site.short_name} melalui saluran berikut. Pengaduan pelayanan publik juga dapat disampaikan melalui SP4N-LAPOR! di [www.lapor.go.id](https://www.lapor.go.id).`,
    },
  ];
}

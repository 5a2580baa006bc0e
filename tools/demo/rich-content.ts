/**
 * Realistic Indonesian content for the five showcase units. Events, people and numbers are
 * invented for the demo; places and institutions are the regency's own.
 */
export interface News {
  title: string;
  summary: string;
  body: string;
  tags: string[];
  alt: string;
}
export interface Announcement {
  title: string;
  category: "umum" | "pengadaan" | "rekrutmen" | "serta_merta";
  summary: string;
  body: string;
  validDays: number;
  attachment?: string;
}
export interface Event {
  title: string;
  start: string;
  end?: string;
  place: string;
  summary: string;
}
export interface Official {
  name: string;
  position: string;
  education: string[];
  career: string[];
}
export interface Service {
  title: string;
  summary: string;
  /** The hub catalogue's topics (sites/<hub>/katalog.json) and the words citizens use for it. */
  topics?: string[];
  aliases?: string[];
  requirements: string[];
  procedure: string[];
  time: string;
  cost: string;
  product: string;
  legal: string[];
}
export interface Doc {
  title: string;
  kind: string;
  year: number;
  classification: "berkala" | "serta_merta" | "setiap_saat" | "dikecualikan";
  number?: string;
  summary: string;
}
export interface RichUnit {
  news: News[];
  announcements: Announcement[];
  events: Event[];
  officials: Official[];
  services: Service[];
  documents: Doc[];
  gallery: { title: string; summary: string; captions: string[] };
}

const commonDocs = (unit: string, year: number): Doc[] => [
  {
    title: `Rencana Strategis ${unit} 2025–2029`,
    kind: "renstra",
    year: 2025,
    classification: "berkala",
    summary: `Tujuan, sasaran, program dan indikator kinerja ${unit} untuk lima tahun.`,
  },
  {
    title: `Rencana Kerja ${unit} Tahun ${year}`,
    kind: "renja",
    year,
    classification: "berkala",
    summary: `Program dan kegiatan ${unit} tahun ${year} beserta target dan pagu indikatif.`,
  },
  {
    title: `Laporan Kinerja Instansi Pemerintah (LKjIP) ${unit} Tahun ${year - 1}`,
    kind: "lkjip",
    year: year - 1,
    classification: "berkala",
    summary: `Capaian kinerja ${unit} tahun ${year - 1} dibandingkan dengan target Rencana Strategis.`,
  },
  {
    title: `Laporan Realisasi Anggaran ${unit} Semester I Tahun ${year}`,
    kind: "lra",
    year,
    classification: "berkala",
    summary: `Realisasi pendapatan dan belanja ${unit} sampai dengan 30 Juni ${year}.`,
  },
  {
    title: `Standar Operasional Prosedur Pelayanan Informasi Publik ${unit}`,
    kind: "sop",
    year: 2024,
    classification: "setiap_saat",
    summary: "Tata cara permohonan informasi publik dan pengajuan keberatan kepada PPID Pelaksana.",
  },
];

export const richUnits: Record<string, RichUnit> = {
  dinkes: {
    news: [
      {
        title: "Posyandu Serentak Digelar di 10 Kecamatan",
        summary:
          "Sebanyak 412 posyandu di Kabupaten Paser menimbang dan mengukur balita secara serentak untuk memetakan kasus tengkes.",
        body: "Penimbangan serentak melibatkan lebih dari 1.600 kader. Hasilnya dimasukkan ke aplikasi e-PPGBM sehingga puskesmas dapat segera menindaklanjuti balita yang berat badannya tidak naik.\n\nKepala Dinas Kesehatan meminta orang tua membawa Buku KIA setiap bulan ke posyandu terdekat.",
        tags: ["posyandu", "stunting"],
        alt: "Kader posyandu menimbang balita disaksikan para ibu",
      },
      {
        title: "Angka Tengkes Paser Turun Menjadi 18,2 Persen",
        summary:
          "Survei Status Gizi mencatat prevalensi tengkes di Kabupaten Paser turun 3,1 poin dibanding tahun sebelumnya.",
        body: "Penurunan ini merupakan hasil kerja bersama puskesmas, desa dan tim percepatan penurunan stunting. Intervensi difokuskan pada ibu hamil kurang energi kronis dan balita di 25 desa lokus.\n\nDinas Kesehatan menargetkan angka di bawah 14 persen pada akhir tahun depan.",
        tags: ["stunting", "gizi"],
        alt: "Petugas gizi mengukur tinggi badan anak dengan alat ukur kayu",
      },
      {
        title: "Vaksinasi Campak-Rubela Tambahan Menyasar 21.000 Anak",
        summary: "Imunisasi tambahan campak-rubela dilaksanakan di sekolah dan posyandu selama satu bulan.",
        body: "Sasaran imunisasi adalah anak usia 9 bulan sampai 15 tahun. Vaksin diberikan gratis di sekolah, posyandu dan puskesmas.\n\nOrang tua yang anaknya belum mendapat imunisasi dapat datang ke puskesmas pada jam pelayanan.",
        tags: ["imunisasi"],
        alt: "Perawat menyuntikkan vaksin ke lengan siswa sekolah dasar",
      },
      {
        title: "Puskesmas Long Kali Raih Akreditasi Paripurna",
        summary:
          "Puskesmas Long Kali menjadi puskesmas kelima di Kabupaten Paser yang meraih status akreditasi paripurna.",
        body: "Penilaian mencakup mutu pelayanan klinis, upaya kesehatan masyarakat dan manajemen puskesmas. Tim penilai mencatat perbaikan besar pada alur rujukan dan pencatatan rekam medis elektronik.",
        tags: ["puskesmas", "akreditasi"],
        alt: "Tenaga kesehatan Puskesmas Long Kali berfoto di depan gedung puskesmas",
      },
      {
        title: "Dinkes Latih 120 Kader Deteksi Dini Tuberkulosis",
        summary:
          "Kader dari seluruh kecamatan dilatih mengenali gejala tuberkulosis dan mendampingi pasien minum obat.",
        body: "Pelatihan berlangsung dua hari di Aula Dinas Kesehatan. Kader belajar melakukan investigasi kontak serumah dan merujuk warga bergejala ke puskesmas.\n\nTuberkulosis dapat disembuhkan bila obat diminum teratur selama enam bulan.",
        tags: ["tuberkulosis", "kader"],
        alt: "Peserta pelatihan kader duduk berkelompok mendengarkan fasilitator",
      },
      {
        title: "Layanan Cek Kesehatan Gratis Dibuka di Semua Puskesmas",
        summary: "Warga dapat memeriksa gula darah, tekanan darah dan kolesterol tanpa biaya pada hari ulang tahunnya.",
        body: "Program cek kesehatan gratis dilaksanakan di 19 puskesmas. Warga cukup membawa KTP atau Kartu Identitas Anak dan mendaftar melalui aplikasi atau langsung di loket.",
        tags: ["layanan"],
        alt: "Petugas puskesmas memeriksa tekanan darah seorang warga lanjut usia",
      },
      {
        title: "Waspada Demam Berdarah di Musim Hujan",
        summary: "Dinas Kesehatan mengimbau warga menggiatkan gerakan 3M Plus setelah kasus demam berdarah meningkat.",
        body: "Sepanjang bulan lalu tercatat 47 kasus demam berdarah dengue. Warga diminta menguras dan menutup tempat penampungan air serta mendaur ulang barang bekas yang dapat menampung air.\n\nSegera bawa anggota keluarga yang demam tinggi lebih dari dua hari ke fasilitas kesehatan.",
        tags: ["dbd", "pencegahan"],
        alt: "Petugas juru pemantau jentik memeriksa bak mandi warga dengan senter",
      },
      {
        title: "Ambulans Desa Siaga Tambah 12 Unit",
        summary:
          "Dua belas desa terpencil kini memiliki ambulans desa untuk merujuk ibu bersalin dan pasien gawat darurat.",
        body: "Ambulans dibiayai bersama dari dana desa dan anggaran daerah. Pengemudi dan relawan desa mendapat pelatihan pertolongan pertama dari tenaga kesehatan puskesmas.",
        tags: ["rujukan", "desa"],
        alt: "Deretan ambulans desa berwarna putih terparkir di halaman kantor",
      },
      {
        title: "Sosialisasi Kesehatan Reproduksi Remaja di 15 Sekolah",
        summary:
          "Tenaga kesehatan memberikan materi gizi remaja, anemia dan kesehatan reproduksi kepada siswa SMP dan SMA.",
        body: "Remaja putri juga mendapat tablet tambah darah untuk diminum seminggu sekali. Kegiatan ini bagian dari upaya mencegah tengkes sejak sebelum kehamilan.",
        tags: ["remaja", "sekolah"],
        alt: "Bidan menjelaskan materi kesehatan remaja di depan kelas",
      },
      {
        title: "Pemeriksaan Kualitas Air Minum Isi Ulang",
        summary: "Sanitarian memeriksa 63 depot air minum isi ulang untuk memastikan air layak minum.",
        body: "Sampel air diuji secara bakteriologis di laboratorium kesehatan daerah. Depot yang belum memenuhi syarat dibina dan diperiksa ulang dalam 30 hari.",
        tags: ["kesehatan-lingkungan"],
        alt: "Sanitarian mengambil sampel air dari keran depot air minum",
      },
      {
        title: "Rapat Kerja Kesehatan Daerah Bahas Integrasi Layanan Primer",
        summary:
          "Rapat kerja kesehatan daerah menyepakati penguatan layanan primer berbasis siklus hidup di seluruh puskesmas.",
        body: "Integrasi layanan primer mengelompokkan pelayanan puskesmas menurut siklus hidup: ibu dan anak, usia sekolah, dewasa dan lanjut usia. Posyandu juga melayani seluruh kelompok umur.",
        tags: ["puskesmas", "kebijakan"],
        alt: "Peserta rapat kerja kesehatan daerah di ruang pertemuan",
      },
    ],
    announcements: [
      {
        title: "Jadwal Imunisasi Tambahan Campak-Rubela",
        category: "umum",
        summary: "Jadwal imunisasi tambahan campak-rubela di sekolah, posyandu dan puskesmas seluruh kecamatan.",
        body: "Imunisasi diberikan gratis. Bawa Buku KIA atau kartu imunisasi anak.",
        validDays: 40,
        attachment: "jadwal-imunisasi",
      },
      {
        title: "Penerimaan Tenaga Kesehatan Nusantara Sehat Tahun 2027",
        category: "rekrutmen",
        summary: "Pendaftaran calon tenaga kesehatan penugasan khusus untuk puskesmas di daerah terpencil.",
        body: "Formasi meliputi dokter, bidan, perawat, tenaga gizi dan sanitarian. Berkas dikirim ke Dinas Kesehatan paling lambat tanggal yang tercantum di lampiran.",
        validDays: 25,
        attachment: "formasi-nusantara-sehat",
      },
      {
        title: "Peningkatan Kasus Demam Berdarah: Lakukan 3M Plus",
        category: "serta_merta",
        summary: "Peringatan kepada masyarakat atas peningkatan kasus demam berdarah dengue di lima kecamatan.",
        body: "Segera periksakan anggota keluarga yang demam tinggi mendadak ke puskesmas. Lakukan 3M Plus setiap minggu.",
        validDays: 60,
      },
      {
        title: "Pengadaan Obat dan Bahan Medis Habis Pakai",
        category: "pengadaan",
        summary: "Pengumuman rencana pengadaan obat dan bahan medis habis pakai melalui e-katalog.",
        body: "Rencana umum pengadaan dapat dilihat di SiRUP LKPP.",
        validDays: 20,
      },
    ],
    events: [
      {
        title: "Rapat Koordinasi Percepatan Penurunan Stunting",
        start: "2026-12-03 09:00",
        end: "2026-12-03 12:00",
        place: "Aula Dinas Kesehatan, Tanah Grogot",
        summary: "Evaluasi intervensi gizi spesifik dan sensitif bersama camat dan kepala puskesmas.",
      },
      {
        title: "Pelayanan Kesehatan Bergerak di Muara Komam",
        start: "2026-12-09 08:00",
        end: "2026-12-11 15:00",
        place: "Desa Muara Langon, Kecamatan Muara Komam",
        summary: "Pemeriksaan kesehatan, imunisasi dan pengobatan gratis untuk warga desa terpencil.",
      },
      {
        title: "Peringatan Hari Kesehatan Nasional",
        start: "2026-11-12 07:30",
        end: "2026-11-12 10:00",
        place: "Lapangan Kantor Bupati Paser",
        summary: "Upacara, jalan sehat dan penyerahan penghargaan kepada kader teladan.",
      },
      {
        title: "Pelatihan Tata Laksana Gizi Buruk",
        start: "2027-01-14 08:00",
        end: "2027-01-15 16:00",
        place: "Hotel Kyriad, Tanah Grogot",
        summary: "Pelatihan bagi tenaga gizi dan dokter puskesmas.",
      },
    ],
    officials: [
      {
        name: "dr. Amalia Rahmawati, M.Kes.",
        position: "Kepala Dinas Kesehatan",
        education: [
          "S1 Pendidikan Dokter, Universitas Mulawarman",
          "S2 Ilmu Kesehatan Masyarakat, Universitas Airlangga",
        ],
        career: ["Kepala Puskesmas Tanah Grogot", "Kepala Bidang Pelayanan Kesehatan", "Sekretaris Dinas Kesehatan"],
      },
      {
        name: "Hendra Saputra, S.K.M., M.M.",
        position: "Sekretaris Dinas Kesehatan",
        education: ["S1 Kesehatan Masyarakat, Universitas Hasanuddin", "S2 Manajemen, Universitas Mulawarman"],
        career: ["Kepala Subbagian Perencanaan", "Kepala Bidang Kesehatan Masyarakat"],
      },
      {
        name: "Ns. Marlina Handayani, S.Kep.",
        position: "Kepala Bidang Pencegahan dan Pengendalian Penyakit",
        education: ["S1 Keperawatan dan Profesi Ners, Universitas Muhammadiyah Kalimantan Timur"],
        career: ["Perawat Puskesmas Kuaro", "Kepala Seksi Surveilans dan Imunisasi"],
      },
    ],
    services: [
      {
        title: "Surat Keterangan Sehat",
        summary: "Surat keterangan sehat untuk melamar pekerjaan, sekolah atau syarat administrasi lain.",
        requirements: ["Fotokopi KTP", "Pas foto berwarna 3x4 sebanyak 2 lembar"],
        procedure: [
          "Mendaftar di loket puskesmas",
          "Pemeriksaan fisik oleh dokter",
          "Surat keterangan diterbitkan dan ditandatangani dokter",
        ],
        time: "1 jam",
        cost: "Sesuai Perda retribusi jasa umum",
        product: "Surat keterangan sehat",
        legal: ["Peraturan Daerah Kabupaten Paser tentang Pajak Daerah dan Retribusi Daerah"],
      },
      {
        title: "Rekomendasi Izin Praktik Tenaga Kesehatan",
        summary: "Rekomendasi bagi dokter, bidan, perawat dan tenaga kesehatan lain yang akan membuka praktik.",
        requirements: [
          "Surat Tanda Registrasi yang masih berlaku",
          "Rekomendasi organisasi profesi",
          "Surat keterangan tempat praktik",
        ],
        procedure: [
          "Mengajukan permohonan melalui DPMPTSP",
          "Verifikasi berkas dan peninjauan tempat praktik",
          "Rekomendasi diterbitkan",
        ],
        time: "5 hari kerja",
        cost: "Gratis",
        product: "Rekomendasi izin praktik",
        legal: ["Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"],
      },
      {
        title: "Pengaduan Layanan Kesehatan",
        summary: "Penanganan pengaduan masyarakat atas pelayanan di puskesmas dan fasilitas kesehatan.",
        requirements: ["Identitas pelapor", "Uraian kejadian"],
        procedure: [
          "Menyampaikan pengaduan lewat SP4N-LAPOR!, surel atau datang langsung",
          "Pengaduan diverifikasi dan diteruskan",
          "Pelapor menerima jawaban tindak lanjut",
        ],
        time: "14 hari kerja",
        cost: "Gratis",
        product: "Jawaban tindak lanjut pengaduan",
        legal: ["Peraturan Presiden Nomor 76 Tahun 2013 tentang Pengelolaan Pengaduan Pelayanan Publik"],
      },
    ],
    documents: [
      ...commonDocs("Dinas Kesehatan", 2026),
      {
        title: "Profil Kesehatan Kabupaten Paser Tahun 2025",
        kind: "laporan",
        year: 2025,
        classification: "berkala",
        summary: "Data derajat kesehatan, sumber daya dan pembiayaan kesehatan Kabupaten Paser.",
      },
    ],
    gallery: {
      title: "Pelayanan Kesehatan Bergerak di Pedalaman",
      summary: "Dokumentasi pelayanan kesehatan bergerak di desa-desa terpencil.",
      captions: ["Warga antre di balai desa", "Pemeriksaan ibu hamil", "Imunisasi balita", "Penyuluhan gizi"],
    },
  },

  dkisp: {
    news: [
      {
        title: "Portal Terpadu Satukan Situs 43 Perangkat Daerah",
        summary:
          "Seluruh perangkat daerah kini memiliki situs resmi di bawah domain paserkab.go.id yang dikelola terpusat oleh DKISP.",
        body: "Setiap perangkat daerah mendapat subdomain sendiri dan cukup mengisi konten melalui CMS. Server, keamanan dan pemeliharaan ditangani DKISP.\n\nDengan situs statis, celah yang selama ini dipakai untuk menyisipkan konten judi daring tertutup.",
        tags: ["spbe", "portal"],
        alt: "Tim DKISP mempresentasikan portal terpadu di ruang rapat",
      },
      {
        title: "Indeks SPBE Kabupaten Paser Naik ke Predikat Baik",
        summary:
          "Hasil evaluasi Sistem Pemerintahan Berbasis Elektronik menempatkan Kabupaten Paser pada predikat baik.",
        body: "Peningkatan terutama pada domain kebijakan internal dan layanan administrasi pemerintahan. DKISP akan memperkuat manajemen risiko dan keamanan informasi tahun depan.",
        tags: ["spbe"],
        alt: "Penyerahan piagam hasil evaluasi SPBE",
      },
      {
        title: "Pelatihan Pengelola Konten Situs bagi 86 Admin Perangkat Daerah",
        summary:
          "Admin dari seluruh perangkat daerah dilatih menulis berita, mengunggah dokumen dan menjaga keamanan akun.",
        body: "Peserta berlatih langsung di CMS portal terpadu: membuat draf, meminta tinjauan, lalu menerbitkan. Materi keamanan menekankan sandi yang kuat dan verifikasi dua langkah.",
        tags: ["pelatihan", "konten"],
        alt: "Peserta pelatihan berlatih di laptop masing-masing",
      },
      {
        title: "Jaringan Internet Desa Menjangkau 34 Desa Baru",
        summary:
          "Program internet desa menambah titik akses di 34 desa, sebagian besar di Kecamatan Muara Komam dan Batu Sopang.",
        body: "Titik akses dipasang di kantor desa, sekolah dan puskesmas pembantu. Warga dapat memakainya untuk layanan administrasi kependudukan dan pendidikan.",
        tags: ["internet-desa"],
        alt: "Teknisi memasang antena di atap kantor desa",
      },
      {
        title: "Statistik Sektoral: Satu Data Paser Rilis 214 Dataset",
        summary: "Portal Satu Data Paser kini memuat 214 dataset dari 38 perangkat daerah.",
        body: "Dataset mencakup kesehatan, pendidikan, pertanian dan keuangan daerah. Semua data dapat diunduh dalam format terbuka.",
        tags: ["satu-data", "statistik"],
        alt: "Tampilan grafik data di layar monitor",
      },
      {
        title: "DKISP Tangani 27 Insiden Keamanan Siber Sepanjang Tahun",
        summary:
          "Tim tanggap insiden siber menangani 27 insiden, sebagian besar upaya penyisipan konten judi daring pada aplikasi lama.",
        body: "Aplikasi yang tidak lagi dipelihara dinonaktifkan dan kontennya dipindahkan ke portal terpadu. Perangkat daerah diminta melapor bila menemukan tautan mencurigakan.",
        tags: ["keamanan-siber", "persandian"],
        alt: "Petugas persandian memantau dasbor keamanan jaringan",
      },
      {
        title: "Bimbingan Teknis Persandian untuk Pengamanan Informasi",
        summary:
          "Pejabat pengelola informasi mendapat bimbingan tentang klasifikasi informasi dan pengamanan dokumen elektronik.",
        body: "Bimbingan teknis bekerja sama dengan Badan Siber dan Sandi Negara. Peserta mempraktikkan penggunaan sertifikat elektronik untuk tanda tangan dokumen.",
        tags: ["persandian", "tte"],
        alt: "Narasumber BSSN menyampaikan materi persandian",
      },
      {
        title: "Command Center Paser Pantau Layanan Publik Secara Waktu Nyata",
        summary: "Ruang kendali memantau antrean layanan, aduan masyarakat dan kamera lalu lintas di Tanah Grogot.",
        body: "Data dari berbagai aplikasi ditampilkan dalam satu dasbor sehingga pimpinan dapat mengambil keputusan lebih cepat.",
        tags: ["smart-city"],
        alt: "Deretan layar monitor di ruang command center",
      },
      {
        title: "Tanda Tangan Elektronik Dipakai di Seluruh Perangkat Daerah",
        summary: "Seluruh pejabat struktural kini menandatangani surat dinas secara elektronik.",
        body: "Penggunaan tanda tangan elektronik mempercepat layanan dan menghemat kertas. Keaslian dokumen dapat diperiksa melalui aplikasi verifikasi.",
        tags: ["tte"],
        alt: "Pejabat menandatangani dokumen di tablet",
      },
      {
        title: "Diskusi Publik Keterbukaan Informasi Bersama Komisi Informasi",
        summary:
          "DKISP dan Komisi Informasi Kalimantan Timur membahas kewajiban badan publik menerbitkan Daftar Informasi Publik.",
        body: "Setiap perangkat daerah wajib memperbarui Daftar Informasi Publik dan menerbitkan laporan layanan informasi setiap tahun.",
        tags: ["keterbukaan-informasi", "ppid"],
        alt: "Peserta diskusi publik duduk di ruang pertemuan",
      },
      {
        title: "Siaran Langsung Rapat Paripurna Kini di Kanal Resmi Pemkab",
        summary:
          "Masyarakat dapat menyaksikan rapat paripurna dan konferensi pers melalui kanal resmi Pemerintah Kabupaten Paser.",
        body: "Siaran langsung dilengkapi juru bahasa isyarat agar dapat diikuti penyandang disabilitas rungu.",
        tags: ["komunikasi-publik"],
        alt: "Kamera siaran merekam jalannya rapat",
      },
    ],
    announcements: [
      {
        title: "Pemeliharaan Jaringan Pusat Data",
        category: "umum",
        summary: "Beberapa aplikasi tidak dapat diakses saat pemeliharaan jaringan pusat data.",
        body: "Pemeliharaan dilakukan di luar jam kerja untuk mengurangi gangguan layanan.",
        validDays: 14,
      },
      {
        title: "Waspada Pesan Palsu Mengatasnamakan Pejabat Pemkab Paser",
        category: "serta_merta",
        summary:
          "Masyarakat diminta mewaspadai pesan berantai yang meminta transfer uang dengan mengatasnamakan pejabat.",
        body: "Pemerintah Kabupaten Paser tidak pernah meminta transfer dana melalui pesan pribadi. Laporkan nomor yang mencurigakan.",
        validDays: 45,
      },
      {
        title: "Seleksi Tenaga Pendukung Operator Command Center",
        category: "rekrutmen",
        summary: "DKISP membuka seleksi operator ruang kendali berlatar pendidikan teknik informatika atau statistik.",
        body: "Berkas lamaran dikirim ke surel DKISP.",
        validDays: 20,
        attachment: "seleksi-operator",
      },
    ],
    events: [
      {
        title: "Forum Satu Data Kabupaten Paser",
        start: "2026-12-08 09:00",
        end: "2026-12-08 15:00",
        place: "Ruang Sadurengas, Kantor Bupati Paser",
        summary: "Penetapan daftar data prioritas tahun 2027.",
      },
      {
        title: "Uji Keamanan Situs Perangkat Daerah",
        start: "2026-12-15 08:00",
        end: "2026-12-17 16:00",
        place: "Ruang Server DKISP",
        summary: "Uji penetrasi berkala atas seluruh subdomain paserkab.go.id.",
      },
      {
        title: "Pelatihan Admin Konten Gelombang II",
        start: "2027-01-20 08:30",
        end: "2027-01-21 15:30",
        place: "Laboratorium Komputer DKISP",
        summary: "Pelatihan admin konten untuk kecamatan.",
      },
    ],
    officials: [
      {
        name: "Andi Syahputra, S.Kom., M.T.",
        position: "Kepala Dinas Komunikasi, Informatika, Statistik dan Persandian",
        education: [
          "S1 Teknik Informatika, Universitas Mulawarman",
          "S2 Teknik Elektro, Institut Teknologi Sepuluh Nopember",
        ],
        career: ["Kepala Bidang Aplikasi Informatika", "Sekretaris DKISP"],
      },
      {
        name: "Yuliana Ramadhani, S.Sos.",
        position: "Kepala Bidang Informasi dan Komunikasi Publik",
        education: ["S1 Ilmu Komunikasi, Universitas Mulawarman"],
        career: ["Kepala Seksi Pengelolaan Informasi Publik", "Pranata Humas Ahli Muda"],
      },
    ],
    services: [
      {
        title: "Permohonan Subdomain dan Situs Perangkat Daerah",
        summary:
          "Pembuatan situs resmi bagi perangkat daerah, kecamatan dan unit layanan di bawah domain paserkab.go.id.",
        requirements: ["Surat permohonan kepala perangkat daerah", "Nama admin konten dan akun Git"],
        procedure: [
          "Mengirim surat permohonan",
          "DKISP menambahkan situs ke portal terpadu",
          "Admin konten menerima akses dan pelatihan",
        ],
        time: "3 hari kerja",
        cost: "Gratis",
        product: "Situs resmi <slug>.paserkab.go.id",
        legal: ["Peraturan Presiden Nomor 95 Tahun 2018 tentang SPBE", "Peraturan Menteri Kominfo Nomor 5 Tahun 2015"],
      },
      {
        title: "Permohonan Informasi Publik",
        summary: "Layanan permohonan informasi publik melalui PPID Utama Kabupaten Paser.",
        requirements: [
          "Identitas pemohon (KTP atau akta badan hukum)",
          "Rincian informasi yang diminta dan tujuan penggunaannya",
        ],
        procedure: [
          "Mengisi formulir permohonan secara daring atau di meja layanan",
          "PPID memproses permohonan",
          "Pemohon menerima informasi atau surat pemberitahuan",
        ],
        time: "10 hari kerja, dapat diperpanjang 7 hari kerja",
        cost: "Gratis (biaya salinan ditanggung pemohon)",
        product: "Informasi publik yang diminta",
        legal: [
          "Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik",
          "Peraturan Komisi Informasi Nomor 1 Tahun 2021",
        ],
      },
    ],
    documents: [
      ...commonDocs("DKISP", 2026),
      {
        title: "Laporan Layanan Informasi Publik Tahun 2025",
        kind: "laporan",
        year: 2025,
        classification: "berkala",
        summary: "Jumlah permohonan, waktu layanan dan keberatan informasi publik tahun 2025.",
      },
    ],
    gallery: {
      title: "Pelatihan Admin Konten Portal Terpadu",
      summary: "Dokumentasi pelatihan admin konten perangkat daerah.",
      captions: ["Pembukaan pelatihan", "Praktik menulis berita", "Diskusi kelompok", "Foto bersama peserta"],
    },
  },

  disdukcapil: {
    news: [
      {
        title: "Perekaman KTP-el Jemput Bola di Sekolah Menengah Atas",
        summary: "Petugas Disdukcapil merekam KTP elektronik siswa yang sudah berusia 17 tahun langsung di sekolah.",
        body: "Perekaman di sekolah memudahkan pemilih pemula. Siswa cukup membawa fotokopi Kartu Keluarga.\n\nSepanjang bulan ini 1.240 siswa dari 18 sekolah telah direkam.",
        tags: ["ktp-el", "jemput-bola"],
        alt: "Petugas merekam sidik jari siswa berseragam SMA",
      },
      {
        title: "Identitas Kependudukan Digital Kini Bisa Diaktifkan di Kecamatan",
        summary:
          "Warga dapat mengaktifkan Identitas Kependudukan Digital (IKD) di kantor kecamatan tanpa ke Tanah Grogot.",
        body: "Aktivasi membutuhkan telepon pintar dan surel aktif. Petugas membantu memindai kode QR dan verifikasi wajah.",
        tags: ["ikd"],
        alt: "Petugas membantu warga mengaktifkan aplikasi di telepon pintar",
      },
      {
        title: "Akta Kelahiran Langsung Terbit di Rumah Sakit",
        summary:
          "Bayi yang lahir di RSUD Panglima Sebaya kini langsung mendapat akta kelahiran dan Kartu Identitas Anak.",
        body: "Kerja sama dengan rumah sakit memungkinkan berkas diproses sebelum ibu dan bayi pulang. Dokumen dikirim ke surel orang tua dalam bentuk elektronik.",
        tags: ["akta-kelahiran", "kia"],
        alt: "Petugas menyerahkan akta kelahiran kepada seorang ibu di ruang rawat",
      },
      {
        title: "Layanan Adminduk Buka Hari Sabtu Selama Desember",
        summary:
          "Untuk mengurangi antrean akhir tahun, kantor Disdukcapil melayani warga setiap Sabtu pukul 08.00–12.00 WITA.",
        body: "Layanan Sabtu meliputi perekaman KTP-el, pencetakan KTP-el, kartu keluarga dan akta.",
        tags: ["layanan"],
        alt: "Warga duduk di ruang tunggu kantor Disdukcapil",
      },
      {
        title: "Pemutakhiran Data Penduduk Menjelang Semester II",
        summary: "Jumlah penduduk Kabupaten Paser tercatat 298.115 jiwa pada data konsolidasi semester I.",
        body: "Data kependudukan dipakai untuk perencanaan pembangunan, bantuan sosial dan daftar pemilih. Warga yang pindah atau meninggal dunia diminta segera melapor.",
        tags: ["data-penduduk"],
        alt: "Petugas memeriksa data penduduk di komputer",
      },
      {
        title: "Pelayanan Adminduk bagi Penyandang Disabilitas di Rumah",
        summary: "Petugas mendatangi rumah penyandang disabilitas dan lansia yang tidak dapat datang ke kantor.",
        body: "Keluarga cukup menghubungi nomor WhatsApp layanan untuk menjadwalkan kunjungan. Layanan tidak dipungut biaya.",
        tags: ["disabilitas", "jemput-bola"],
        alt: "Petugas merekam data seorang lansia di teras rumah",
      },
      {
        title: "Sosialisasi Pencatatan Perkawinan bagi Penghayat Kepercayaan",
        summary:
          "Disdukcapil menyosialisasikan tata cara pencatatan perkawinan bagi penghayat kepercayaan terhadap Tuhan Yang Maha Esa.",
        body: "Pencatatan dilakukan setelah perkawinan disahkan pemuka penghayat yang terdaftar.",
        tags: ["akta-perkawinan"],
        alt: "Peserta sosialisasi mendengarkan narasumber di balai pertemuan",
      },
      {
        title: "Mesin Anjungan Dukcapil Mandiri Dipasang di Mal Pelayanan Publik",
        summary: "Warga dapat mencetak sendiri dokumen kependudukan melalui anjungan mandiri di Mal Pelayanan Publik.",
        body: "Anjungan dapat mencetak kartu keluarga, akta kelahiran dan akta kematian yang sudah diterbitkan secara elektronik.",
        tags: ["anjungan-mandiri"],
        alt: "Warga mencetak dokumen di mesin anjungan mandiri",
      },
      {
        title: "Kartu Identitas Anak untuk 3.000 Siswa Sekolah Dasar",
        summary: "Disdukcapil menerbitkan KIA untuk siswa SD bekerja sama dengan Dinas Pendidikan.",
        body: "KIA dapat digunakan untuk keperluan sekolah, membuka tabungan dan layanan kesehatan.",
        tags: ["kia", "sekolah"],
        alt: "Anak-anak sekolah dasar menunjukkan Kartu Identitas Anak",
      },
      {
        title: "Waspadai Calo Pengurusan Dokumen Kependudukan",
        summary: "Semua layanan administrasi kependudukan gratis dan tidak melalui perantara.",
        body: "Laporkan bila ada pihak yang meminta bayaran untuk pengurusan dokumen kependudukan.",
        tags: ["antipungli"],
        alt: "Spanduk layanan gratis terpasang di depan loket",
      },
      {
        title: "Disdukcapil Raih Penghargaan Inovasi Layanan Publik",
        summary:
          "Inovasi akta kelahiran langsung di rumah sakit masuk 45 besar kompetisi inovasi pelayanan publik provinsi.",
        body: "Inovasi ini memangkas waktu pengurusan akta dari beberapa hari menjadi satu hari.",
        tags: ["inovasi"],
        alt: "Kepala dinas menerima piagam penghargaan di atas panggung",
      },
    ],
    announcements: [
      {
        title: "Jadwal Layanan Jemput Bola Perekaman KTP-el Bulan Desember",
        category: "umum",
        summary: "Jadwal perekaman KTP-el keliling di desa-desa seluruh kecamatan selama bulan Desember.",
        body: "Bawa fotokopi Kartu Keluarga. Layanan gratis.",
        validDays: 35,
        attachment: "jadwal-jemput-bola",
      },
      {
        title: "Gangguan Jaringan Server Pusat Layanan Adminduk",
        category: "serta_merta",
        summary: "Pencetakan KTP-el sementara terhenti karena gangguan jaringan ke server pusat.",
        body: "Permohonan tetap diterima dan dicetak setelah jaringan pulih.",
        validDays: 3,
      },
      {
        title: "Libur Layanan pada Cuti Bersama Akhir Tahun",
        category: "umum",
        summary: "Kantor Disdukcapil tidak melayani pada hari cuti bersama akhir tahun; layanan daring tetap berjalan.",
        body: "Permohonan daring diproses pada hari kerja berikutnya.",
        validDays: 40,
      },
    ],
    events: [
      {
        title: "Perekaman KTP-el Keliling Kecamatan Long Kali",
        start: "2026-12-02 08:00",
        end: "2026-12-04 15:00",
        place: "Kantor Camat Long Kali",
        summary: "Perekaman dan pencetakan KTP-el di tempat.",
      },
      {
        title: "Pelayanan Adminduk Hari Sabtu",
        start: "2026-12-05 08:00",
        end: "2026-12-05 12:00",
        place: "Kantor Disdukcapil, Tanah Grogot",
        summary: "Layanan tambahan akhir pekan.",
      },
      {
        title: "Rapat Konsolidasi Data Kependudukan Semester II",
        start: "2027-01-12 09:00",
        end: "2027-01-12 13:00",
        place: "Ruang Rapat Disdukcapil",
        summary: "Penetapan data agregat kependudukan semester II.",
      },
    ],
    officials: [
      {
        name: "Syahrul Gunawan, S.E., M.Si.",
        position: "Kepala Dinas Kependudukan dan Pencatatan Sipil",
        education: ["S1 Ekonomi, Universitas Mulawarman", "S2 Administrasi Publik, Universitas Brawijaya"],
        career: ["Camat Kuaro", "Sekretaris Disdukcapil"],
      },
      {
        name: "Fitri Anggraini, S.H.",
        position: "Kepala Bidang Pelayanan Pencatatan Sipil",
        education: ["S1 Hukum, Universitas Lambung Mangkurat"],
        career: ["Kepala Seksi Kelahiran", "Kepala Seksi Perkawinan dan Perceraian"],
      },
      {
        name: "Rahmat Kurniawan, S.Kom.",
        position: "Kepala Bidang Pengelolaan Informasi Administrasi Kependudukan",
        education: ["S1 Sistem Informasi, STMIK Balikpapan"],
        career: ["Pranata Komputer", "Kepala Seksi Sistem Informasi"],
      },
    ],
    services: [
      {
        title: "Penerbitan KTP Elektronik",
        summary: "Perekaman dan pencetakan KTP-el bagi warga yang berusia 17 tahun atau sudah menikah.",
        requirements: ["Fotokopi Kartu Keluarga", "Berusia 17 tahun, sudah atau pernah kawin"],
        procedure: ["Mengambil nomor antrean", "Verifikasi data dan perekaman biometrik", "Pencetakan KTP-el"],
        time: "1 hari kerja bila blangko tersedia",
        cost: "Gratis",
        product: "KTP elektronik",
        legal: [
          "Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan",
          "Peraturan Presiden Nomor 96 Tahun 2018",
        ],
      },
      {
        title: "Penerbitan Akta Kelahiran",
        summary: "Pencatatan kelahiran dan penerbitan akta kelahiran elektronik.",
        requirements: [
          "Surat keterangan lahir dari rumah sakit, puskesmas atau bidan",
          "Kartu Keluarga",
          "KTP-el orang tua",
          "Buku nikah atau akta perkawinan orang tua bila ada",
        ],
        procedure: [
          "Mengisi formulir F-2.01",
          "Verifikasi berkas",
          "Akta ditandatangani elektronik dan dikirim ke surel pemohon",
        ],
        time: "1 hari kerja",
        cost: "Gratis",
        product: "Akta kelahiran elektronik",
        legal: ["Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan"],
      },
      {
        title: "Perubahan Kartu Keluarga",
        summary: "Penerbitan kartu keluarga baru karena penambahan anggota, perubahan data atau pindah alamat.",
        requirements: ["Kartu Keluarga lama", "Dokumen pendukung perubahan (akta, surat pindah, buku nikah)"],
        procedure: ["Mengisi formulir F-1.02", "Verifikasi berkas", "Kartu Keluarga dicetak atau dikirim elektronik"],
        time: "1 hari kerja",
        cost: "Gratis",
        product: "Kartu Keluarga",
        legal: ["Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019"],
      },
    ],
    documents: [
      ...commonDocs("Disdukcapil", 2026),
      {
        title: "Data Agregat Kependudukan Semester I Tahun 2026",
        kind: "laporan",
        year: 2026,
        classification: "berkala",
        summary: "Jumlah penduduk menurut kecamatan, jenis kelamin, umur, agama dan pekerjaan.",
      },
    ],
    gallery: {
      title: "Layanan Jemput Bola KTP-el",
      summary: "Dokumentasi perekaman KTP-el di sekolah dan desa.",
      captions: ["Perekaman sidik jari", "Foto wajah", "Antrean di balai desa", "Penyerahan KTP-el"],
    },
  },

  kectanahgrogot: {
    news: [
      {
        title: "Musrenbang Kecamatan Tanah Grogot Tetapkan 42 Usulan Prioritas",
        summary:
          "Musyawarah perencanaan pembangunan kecamatan menyepakati 42 usulan prioritas dari 16 desa dan kelurahan.",
        body: "Usulan terbanyak adalah perbaikan jalan lingkungan, drainase dan penerangan jalan. Usulan dibawa ke forum perangkat daerah kabupaten.",
        tags: ["musrenbang"],
        alt: "Peserta musrenbang mengangkat tangan saat pemungutan suara",
      },
      {
        title: "Lomba Desa Tingkat Kecamatan Dimenangi Desa Janju",
        summary: "Desa Janju meraih juara pertama lomba desa berkat tata kelola administrasi dan inovasi pelayanan.",
        body: "Desa Janju akan mewakili Kecamatan Tanah Grogot pada lomba desa tingkat kabupaten.",
        tags: ["desa"],
        alt: "Tim penilai lomba desa meninjau kantor desa",
      },
      {
        title: "Gotong Royong Bersihkan Sungai Kandilo",
        summary: "Warga, pelajar dan aparat kecamatan membersihkan bantaran Sungai Kandilo dari sampah plastik.",
        body: "Sebanyak 3,2 ton sampah terkumpul. Camat mengajak warga tidak membuang sampah ke sungai.",
        tags: ["lingkungan", "gotong-royong"],
        alt: "Warga mengangkat karung sampah di tepi sungai",
      },
      {
        title: "Pelayanan Rekomendasi Izin Usaha Mikro Kini Selesai Sehari",
        summary: "Kantor Camat Tanah Grogot memangkas waktu penerbitan surat keterangan usaha menjadi satu hari kerja.",
        body: "Pemohon cukup membawa KTP dan surat pengantar desa atau kelurahan.",
        tags: ["layanan", "umkm"],
        alt: "Petugas loket kecamatan melayani pemohon",
      },
      {
        title: "Festival Budaya Paser Meriahkan Tanah Grogot",
        summary: "Tari Ronggeng Paser dan lomba perahu naga memeriahkan festival budaya di tepian Sungai Kandilo.",
        body: "Festival menghadirkan 24 sanggar seni dan pameran kerajinan anyaman khas Paser.",
        tags: ["budaya"],
        alt: "Penari dengan pakaian adat Paser tampil di panggung",
      },
      {
        title: "Posko Siaga Banjir Dibuka di Kelurahan Tanah Grogot",
        summary: "Kecamatan bersama BPBD membuka posko siaga banjir menjelang puncak musim hujan.",
        body: "Warga di bantaran sungai diminta memantau ketinggian air dan mengikuti arahan petugas.",
        tags: ["kebencanaan"],
        alt: "Tenda posko siaga banjir berdiri di tepi jalan",
      },
      {
        title: "Rapat Koordinasi Kepala Desa Bahas Penyaluran Dana Desa",
        summary: "Camat meminta kepala desa menyelesaikan laporan penggunaan dana desa tepat waktu.",
        body: "Pendamping desa membantu desa yang mengalami kendala penyusunan laporan.",
        tags: ["dana-desa"],
        alt: "Kepala desa duduk melingkar dalam rapat koordinasi",
      },
      {
        title: "Pasar Murah Jelang Hari Raya Dikunjungi Ribuan Warga",
        summary: "Pasar murah menyediakan beras, minyak goreng dan gula dengan harga di bawah pasar.",
        body: "Pasar murah bekerja sama dengan Dinas Perindustrian, Perdagangan, Koperasi dan UKM.",
        tags: ["ekonomi"],
        alt: "Warga mengantre membeli bahan pokok di pasar murah",
      },
      {
        title: "Sosialisasi Pencegahan Perkawinan Anak di Sekolah",
        summary: "Kecamatan bersama KUA dan puskesmas menyosialisasikan bahaya perkawinan usia anak kepada pelajar.",
        body: "Kegiatan menyasar 600 pelajar SMP dan SMA di Tanah Grogot.",
        tags: ["perlindungan-anak"],
        alt: "Pelajar mengikuti sosialisasi di aula sekolah",
      },
      {
        title: "Peresmian Taman Baca Kelurahan Tanah Grogot",
        summary: "Taman baca dengan 1.500 judul buku dibuka untuk anak-anak di Kelurahan Tanah Grogot.",
        body: "Taman baca buka setiap sore dan dikelola karang taruna.",
        tags: ["literasi"],
        alt: "Anak-anak membaca buku di taman baca",
      },
      {
        title: "Sidak Ketertiban Pedagang Kaki Lima di Jalan Kusuma Bangsa",
        summary:
          "Seksi Trantib kecamatan bersama Satpol PP menata pedagang kaki lima agar tidak mengganggu pejalan kaki.",
        body: "Pedagang diarahkan ke lokasi yang telah disediakan.",
        tags: ["ketertiban"],
        alt: "Petugas berbincang dengan pedagang kaki lima",
      },
    ],
    announcements: [
      {
        title: "Pendaftaran Lomba Kebersihan Lingkungan RT",
        category: "umum",
        summary: "Pendaftaran lomba kebersihan lingkungan antar-RT se-Kecamatan Tanah Grogot.",
        body: "Pendaftaran melalui kelurahan atau kantor desa masing-masing.",
        validDays: 21,
      },
      {
        title: "Siaga Banjir: Ketinggian Sungai Kandilo Meningkat",
        category: "serta_merta",
        summary: "Warga bantaran Sungai Kandilo diminta waspada karena debit air meningkat.",
        body: "Hubungi posko siaga banjir kecamatan atau BPBD bila air masuk ke rumah.",
        validDays: 10,
      },
    ],
    events: [
      {
        title: "Musrenbang Kecamatan Tahun 2027",
        start: "2027-01-28 08:30",
        end: "2027-01-28 14:00",
        place: "Aula Kantor Camat Tanah Grogot",
        summary: "Penyusunan usulan prioritas pembangunan.",
      },
      {
        title: "Jumat Bersih Serentak",
        start: "2026-12-04 07:00",
        end: "2026-12-04 09:30",
        place: "Seluruh kelurahan dan desa",
        summary: "Kerja bakti membersihkan drainase.",
      },
      {
        title: "Pembinaan Administrasi Desa",
        start: "2026-12-10 09:00",
        end: "2026-12-10 15:00",
        place: "Aula Kantor Camat Tanah Grogot",
        summary: "Pembinaan penyusunan laporan keuangan desa.",
      },
    ],
    officials: [
      {
        name: "Irwan Setiawan, S.STP., M.Si.",
        position: "Camat Tanah Grogot",
        education: ["D4 Institut Pemerintahan Dalam Negeri", "S2 Ilmu Pemerintahan, Universitas Mulawarman"],
        career: ["Sekretaris Kecamatan Long Ikis", "Lurah Tanah Grogot"],
      },
      {
        name: "Nur Hasanah, S.Sos.",
        position: "Sekretaris Kecamatan Tanah Grogot",
        education: ["S1 Administrasi Negara, Universitas Mulawarman"],
        career: ["Kepala Seksi Pelayanan Umum"],
      },
    ],
    services: [
      {
        title: "Surat Keterangan Usaha",
        summary: "Surat keterangan bagi pelaku usaha mikro untuk syarat kredit atau bantuan usaha.",
        requirements: ["Fotokopi KTP", "Surat pengantar desa atau kelurahan", "Foto tempat usaha"],
        procedure: [
          "Menyerahkan berkas di loket",
          "Verifikasi oleh Seksi Pelayanan Umum",
          "Surat ditandatangani Camat",
        ],
        time: "1 hari kerja",
        cost: "Gratis",
        product: "Surat keterangan usaha",
        legal: ["Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan"],
      },
      {
        title: "Rekomendasi Izin Keramaian",
        summary: "Rekomendasi camat untuk izin keramaian acara warga.",
        requirements: ["Surat permohonan", "Fotokopi KTP penanggung jawab", "Surat pengantar desa atau kelurahan"],
        procedure: [
          "Menyerahkan berkas",
          "Verifikasi lokasi dan waktu acara",
          "Rekomendasi diterbitkan untuk diteruskan ke kepolisian",
        ],
        time: "2 hari kerja",
        cost: "Gratis",
        product: "Surat rekomendasi",
        legal: ["Peraturan Pemerintah Nomor 17 Tahun 2018 tentang Kecamatan"],
      },
    ],
    documents: commonDocs("Kecamatan Tanah Grogot", 2026),
    gallery: {
      title: "Festival Budaya Paser",
      summary: "Dokumentasi festival budaya di tepian Sungai Kandilo.",
      captions: ["Tari Ronggeng Paser", "Lomba perahu", "Pameran anyaman", "Penonton memadati tepian sungai"],
    },
  },

  rsudpanglimasebaya: {
    news: [
      {
        title: "RSUD Panglima Sebaya Buka Layanan Kateterisasi Jantung",
        summary:
          "Pasien penyakit jantung koroner kini dapat menjalani kateterisasi tanpa dirujuk ke Balikpapan atau Samarinda.",
        body: "Layanan didukung dokter spesialis jantung dan pembuluh darah serta ruang kateterisasi baru. Pasien BPJS Kesehatan dilayani sesuai ketentuan rujukan.",
        tags: ["jantung", "layanan-baru"],
        alt: "Tim medis di ruang kateterisasi jantung",
      },
      {
        title: "Antrean Poliklinik Kini Bisa Diambil dari Rumah",
        summary:
          "Pasien dapat mengambil nomor antrean poliklinik melalui aplikasi Mobile JKN atau WhatsApp rumah sakit.",
        body: "Dengan antrean daring, pasien cukup datang 30 menit sebelum jadwal. Waktu tunggu rata-rata turun dari 3 jam menjadi 70 menit.",
        tags: ["antrean-online"],
        alt: "Pasien menunjukkan nomor antrean di telepon pintar",
      },
      {
        title: "Donor Darah Rutin Kumpulkan 186 Kantong",
        summary: "Kegiatan donor darah rutin di RSUD mengumpulkan 186 kantong darah untuk memenuhi kebutuhan pasien.",
        body: "Unit Transfusi Darah mengajak warga sehat berusia 17–60 tahun mendonorkan darah setiap tiga bulan.",
        tags: ["donor-darah"],
        alt: "Pendonor berbaring saat darahnya diambil",
      },
      {
        title: "Ruang Rawat Inap Standar Mulai Diterapkan",
        summary: "Ruang rawat inap kelas standar dengan paling banyak empat tempat tidur per kamar mulai dipakai.",
        body: "Setiap kamar memiliki kamar mandi di dalam, tirai pemisah dan ventilasi yang memenuhi standar.",
        tags: ["rawat-inap"],
        alt: "Kamar rawat inap dengan empat tempat tidur dan tirai pemisah",
      },
      {
        title: "Survei Kepuasan Masyarakat Semester I: Nilai 86,4",
        summary: "Indeks kepuasan masyarakat terhadap pelayanan RSUD mencapai 86,4 atau kategori baik.",
        body: "Unsur yang perlu diperbaiki adalah waktu pelayanan farmasi. Rumah sakit menambah loket farmasi dan petugas pada jam sibuk.",
        tags: ["skm"],
        alt: "Petugas menyebarkan kuesioner kepada pengunjung",
      },
      {
        title: "Pelatihan Bantuan Hidup Dasar bagi Guru dan Pelajar",
        summary: "Tim gawat darurat RSUD melatih 150 guru dan pelajar melakukan resusitasi jantung paru.",
        body: "Peserta berlatih pada manekin dan belajar menghubungi layanan darurat.",
        tags: ["gawat-darurat", "edukasi"],
        alt: "Pelajar berlatih kompresi dada pada manekin",
      },
      {
        title: "Layanan Hemodialisis Tambah 10 Mesin",
        summary: "Unit hemodialisis kini memiliki 24 mesin sehingga dapat melayani 70 pasien per hari.",
        body: "Penambahan mesin mengurangi daftar tunggu pasien gagal ginjal kronis.",
        tags: ["hemodialisis"],
        alt: "Pasien menjalani cuci darah didampingi perawat",
      },
      {
        title: "RSUD Raih Akreditasi Paripurna",
        summary: "Komisi akreditasi menetapkan RSUD Panglima Sebaya lulus akreditasi dengan predikat paripurna.",
        body: "Penilaian mencakup keselamatan pasien, pencegahan infeksi dan tata kelola rumah sakit.",
        tags: ["akreditasi"],
        alt: "Direktur dan staf rumah sakit memegang sertifikat akreditasi",
      },
      {
        title: "Pemeriksaan Kesehatan Gratis Hari Lansia",
        summary: "RSUD memberikan pemeriksaan gula darah, kolesterol dan mata gratis bagi warga lanjut usia.",
        body: "Sebanyak 320 warga lanjut usia memanfaatkan layanan ini.",
        tags: ["lansia"],
        alt: "Dokter memeriksa mata seorang warga lanjut usia",
      },
      {
        title: "Rekam Medis Elektronik Terhubung SATUSEHAT",
        summary:
          "Seluruh poliklinik RSUD kini mencatat rekam medis secara elektronik dan terhubung dengan platform SATUSEHAT.",
        body: "Dokter dapat melihat riwayat pengobatan pasien dari fasilitas kesehatan lain dengan persetujuan pasien.",
        tags: ["rekam-medis", "digital"],
        alt: "Dokter mengetik catatan medis di komputer ruang periksa",
      },
      {
        title: "Instalasi Gizi Sajikan Menu Berbasis Pangan Lokal",
        summary: "Menu pasien rawat inap kini memakai ikan dan sayur dari nelayan dan petani Paser.",
        body: "Menu disusun ahli gizi sesuai kebutuhan diet setiap pasien.",
        tags: ["gizi"],
        alt: "Ahli gizi menata menu pasien di dapur rumah sakit",
      },
    ],
    announcements: [
      {
        title: "Jadwal Dokter Spesialis Bulan Desember",
        category: "umum",
        summary: "Jadwal praktik dokter spesialis di poliklinik RSUD Panglima Sebaya selama bulan Desember.",
        body: "Jadwal dapat berubah; periksa kembali sebelum datang.",
        validDays: 35,
        attachment: "jadwal-dokter",
      },
      {
        title: "Penerimaan Pegawai Non-ASN Tenaga Kesehatan",
        category: "rekrutmen",
        summary: "RSUD membuka penerimaan perawat, bidan dan analis kesehatan.",
        body: "Pendaftaran dan persyaratan tercantum di lampiran.",
        validDays: 15,
        attachment: "penerimaan-pegawai",
      },
      {
        title: "Lelang Pengadaan Alat Kesehatan Ruang Operasi",
        category: "pengadaan",
        summary: "Pengadaan alat kesehatan ruang operasi melalui tender elektronik.",
        body: "Informasi lengkap tersedia di LPSE Kabupaten Paser.",
        validDays: 12,
      },
    ],
    events: [
      {
        title: "Donor Darah Rutin Triwulan IV",
        start: "2026-12-12 08:00",
        end: "2026-12-12 12:00",
        place: "Lobi RSUD Panglima Sebaya",
        summary: "Donor darah terbuka untuk umum.",
      },
      {
        title: "Seminar Awam Pencegahan Stroke",
        start: "2026-12-19 09:00",
        end: "2026-12-19 11:30",
        place: "Aula RSUD Panglima Sebaya",
        summary: "Seminar gratis untuk masyarakat.",
      },
      {
        title: "Simulasi Tanggap Darurat Kebakaran",
        start: "2027-01-08 09:00",
        end: "2027-01-08 11:00",
        place: "Gedung Rawat Inap RSUD",
        summary: "Latihan evakuasi pasien bersama Damkar.",
      },
    ],
    officials: [
      {
        name: "dr. Budi Pratama, Sp.PD., M.Kes.",
        position: "Direktur RSUD Panglima Sebaya",
        education: ["S1 Pendidikan Dokter, Universitas Airlangga", "Spesialis Penyakit Dalam, Universitas Hasanuddin"],
        career: ["Kepala Instalasi Rawat Inap", "Wakil Direktur Pelayanan"],
      },
      {
        name: "dr. Dewi Maulida, M.A.R.S.",
        position: "Wakil Direktur Pelayanan",
        education: [
          "S1 Pendidikan Dokter, Universitas Mulawarman",
          "S2 Administrasi Rumah Sakit, Universitas Indonesia",
        ],
        career: ["Kepala Instalasi Gawat Darurat"],
      },
      {
        name: "Jumadi Syahputra, S.E., M.M.",
        position: "Wakil Direktur Umum dan Keuangan",
        education: ["S1 Akuntansi, Universitas Mulawarman", "S2 Manajemen, Universitas Mulawarman"],
        career: ["Kepala Bagian Keuangan"],
      },
    ],
    services: [
      {
        title: "Instalasi Gawat Darurat 24 Jam",
        summary: "Pelayanan gawat darurat untuk semua pasien tanpa uang muka.",
        requirements: ["Kartu identitas atau keterangan keluarga", "Kartu BPJS Kesehatan bila ada"],
        procedure: [
          "Pasien diperiksa dan dipilah menurut kegawatan (triase)",
          "Penanganan oleh dokter jaga",
          "Pasien dirawat, dirujuk atau dipulangkan",
        ],
        time: "Segera, 24 jam",
        cost: "Sesuai tarif BLUD atau ditanggung BPJS Kesehatan",
        product: "Pelayanan gawat darurat",
        legal: ["Undang-Undang Nomor 17 Tahun 2023 tentang Kesehatan"],
      },
      {
        title: "Rawat Jalan Poliklinik Spesialis",
        summary: "Pemeriksaan oleh dokter spesialis di 14 poliklinik.",
        requirements: [
          "Surat rujukan dari puskesmas atau klinik (pasien BPJS)",
          "Kartu identitas",
          "Nomor antrean daring",
        ],
        procedure: [
          "Mengambil antrean daring",
          "Verifikasi di loket pendaftaran",
          "Pemeriksaan dokter",
          "Pengambilan obat di farmasi",
        ],
        time: "Sesuai jadwal dokter",
        cost: "Sesuai tarif BLUD atau ditanggung BPJS Kesehatan",
        product: "Pelayanan rawat jalan",
        legal: ["Peraturan Bupati Paser tentang Tarif Layanan BLUD RSUD Panglima Sebaya"],
      },
      {
        title: "Permintaan Salinan Resume Medis",
        summary: "Salinan ringkasan rekam medis untuk pasien atau keluarga yang berhak.",
        requirements: ["KTP pasien atau surat kuasa", "Formulir permintaan"],
        procedure: ["Mengisi formulir di unit rekam medis", "Verifikasi hak pemohon", "Salinan diserahkan"],
        time: "3 hari kerja",
        cost: "Gratis",
        product: "Salinan resume medis",
        legal: ["Peraturan Menteri Kesehatan Nomor 24 Tahun 2022 tentang Rekam Medis"],
      },
    ],
    documents: [
      ...commonDocs("RSUD Panglima Sebaya", 2026),
      {
        title: "Hasil Survei Kepuasan Masyarakat Semester I Tahun 2026",
        kind: "laporan",
        year: 2026,
        classification: "berkala",
        summary: "Indeks kepuasan masyarakat per unsur pelayanan dan rencana tindak lanjut.",
      },
    ],
    gallery: {
      title: "Peresmian Ruang Kateterisasi Jantung",
      summary: "Dokumentasi peresmian layanan kateterisasi jantung.",
      captions: [
        "Pengguntingan pita",
        "Peninjauan ruang kateterisasi",
        "Tim dokter jantung",
        "Penjelasan alat kepada tamu",
      ],
    },
  },
};

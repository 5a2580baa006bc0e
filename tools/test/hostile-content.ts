import sharp from "sharp";
import { pick, seeded } from "../demo/random.ts";
import { aliasBomb } from "./hostile-workspace.ts";

/**
 * Seeded content for the property "validate passes ⇔ build passes" (validate-build-contract.test.ts):
 * each unit gets valid items of every type, then mutations an editor, a pull request or an
 * attacker could make: in front matter, in the body's references, in the media folder. Most
 * mutations break the unit; many (query strings, relative paths into media, names with spaces,
 * old dates, template syntax) must not. The same seed gives the same files.
 */
export type GeneratedFile = { path: string; content: string | Buffer } | { path: string; symlink: string };

export interface GeneratedUnit {
  slug: string;
  files: GeneratedFile[];
  /** What was done to the unit, for the failure message. */
  mutations: string[];
}

export interface MediaSamples {
  photo: Buffer;
  pdf: Buffer;
}

export async function mediaSamples(pdf: Buffer): Promise<MediaSamples> {
  const photo = await sharp({ create: { width: 240, height: 160, channels: 3, background: "#2a6f4e" } })
    .jpeg({ quality: 70 })
    .toBuffer();
  return { photo, pdf };
}

/** JSON is YAML: each field on its line, its value as JSON. */
const yaml = (data: Record<string, unknown>) =>
  Object.entries(data)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join("\n");

/** Valid front matter of each type, referencing the unit's own media. */
function baseItems(): Record<string, Record<string, unknown>> {
  return {
    berita: {
      title: "Posyandu Serentak di Desa",
      date: "2026-11-20",
      summary: "Posyandu serentak digelar di seluruh desa.",
      image: "/media/berita/foto.jpg",
      image_alt: "Kader menimbang balita",
    },
    pengumuman: {
      title: "Jadwal Layanan Keliling",
      date: "2026-11-01",
      valid_until: "2026-12-31",
      category: "umum",
      summary: "Jadwal layanan keliling bulan ini.",
      attachments: [{ title: "Jadwal lengkap", file: "/media/dokumen/jadwal.pdf" }],
    },
    agenda: {
      title: "Rapat Koordinasi Bulanan",
      start: "2026-12-05 09:00",
      end: "2026-12-05 12:00",
      place: "Aula Kantor",
    },
    dokumen: {
      title: "Rencana Strategis 2025-2029",
      year: 2025,
      kind: "renstra",
      file: "/media/dokumen/renstra.pdf",
      classification: "berkala",
      date: "2025-06-01",
    },
    galeri: {
      title: "Album Kegiatan Posyandu",
      date: "2026-11-10",
      photos: [{ file: "/media/berita/foto.jpg", alt: "Kegiatan posyandu di balai desa" }],
    },
    pejabat: {
      name: "Siti Aminah, S.Sos.",
      position: "Kepala Bidang Pelayanan",
      photo: "/media/pejabat/kepala.jpg",
      photo_alt: "Foto Siti Aminah",
    },
    layanan: {
      title: "Surat Keterangan",
      topics: ["kependudukan"],
      requirements: ["KTP"],
      procedure: ["Daftar", "Ambil surat"],
      time: "1 hari kerja",
      cost: "Gratis",
      product: "Surat keterangan",
      complaints: "Kotak pengaduan di loket",
    },
    halaman: { title: "Profil Unit", order: 1 },
  };
}

type Mutation = { name: string; apply: (unit: Draft) => void };

interface Draft {
  slug: string;
  /** `raw`: the whole file as written, instead of front matter and body. */
  items: Map<string, { type: string; data: Record<string, unknown>; body: string; raw?: string | Buffer }>;
  media: Map<string, Buffer | { symlink: string }>;
  extra: GeneratedFile[];
}

const itemOf = (draft: Draft, type: string) => draft.items.get(type)!;

/** References a body may hold: [what, Markdown]. */
const bodyFragments: [string, string][] = [
  [
    "plain text with template syntax",
    "Editor menulis {{ 7 * 7 }} dan {% raw %} sebagai teks, juga <script>alert(1)</script>.",
  ],
  ["image by /media/", "![Kegiatan posyandu](/media/berita/foto.jpg)"],
  ["image relative to the file", "![Kegiatan posyandu](../../media/berita/foto.jpg)"],
  ["image with ./", "![Kegiatan posyandu](./../../media/berita/foto.jpg)"],
  ["image with a query", "![Kegiatan posyandu](/media/berita/foto.jpg?v=2)"],
  ["image with a fragment", "![Kegiatan posyandu](/media/berita/foto.jpg#besar)"],
  ["image with a space in its name", "![Foto lama](</media/berita/foto lama.jpg>)"],
  ["image percent-encoded", "![Foto lama](/media/berita/foto%20lama.jpg)"],
  ["image by reference", "![Kegiatan][foto]\n\n[foto]: /media/berita/foto.jpg"],
  ["image inside a link", "[![Kegiatan posyandu](/media/berita/foto.jpg)](https://paserkab.go.id/)"],
  ["image in a table", "| Foto | Keterangan |\n| --- | --- |\n| ![Balita](/media/berita/foto.jpg) | Penimbangan |"],
  ["link to a document", "Unduh [jadwal](/media/dokumen/jadwal.pdf)."],
  ["relative link to a document", "Unduh [jadwal](../../media/dokumen/jadwal.pdf)."],
  ["link to a page", "Lihat [profil](/profil/) dan [beranda](/)."],
  ["text naming an encoded image", "Foto lama ada di /img/foto-lama-360.jpg dan [di sini](/img/foto-lama-360.jpg)."],
  ["external link", "Laporkan di [LAPOR!](https://www.lapor.go.id/)."],
  ["image relative, not in media", "![Foto](foto.jpg)"],
  ["remote image", "![Foto](https://judi.example/a.jpg)"],
  ["protocol-relative image", "![Foto](//judi.example/a.jpg)"],
  ["loopback image", "![Foto](http://127.0.0.1:1/a.jpg)"],
  ["data: image", "![Foto](data:image/png;base64,iVBORw0KGgo=)"],
  ["PDF as an image", "![Dokumen](/media/dokumen/jadwal.pdf)"],
  ["site.json as an image", "![Data](../../site.json)"],
  ["climbing out to the host", "![Host](../../../../../../../../etc/hostname)"],
  ["another unit's media", "![Foto](../../../dinkes/media/berita/foto.jpg)"],
  ["another unit's media by /unit/media", "![Foto](/dinkes/media/berita/foto.jpg)"],
  ["encoded climb", "![Foto](/media/%2e%2e/site.json)"],
  ["missing image", "![Foto](/media/berita/tidak-ada.jpg)"],
  ["image without alt", "![](/media/berita/foto.jpg)"],
  ["link to a photo's original", "[foto asli](/media/berita/foto.jpg)"],
  ["backslash path", "![Foto](..\\..\\media\\berita\\foto.jpg)"],
  ["bad percent-encoding", "![Foto](/media/berita/foto%zz.jpg)"],
  ["site link with dots", "[x](site:dinkes/media/../../dlh/site.json)"],
  ["site link to a missing unit", "[x](site:tidak-ada/berita/x)"],
  ["quotes and lists nested thousands deep", `${">".repeat(3000)} kutipan\n\n${"- ".repeat(2000)}x`],
];

const mutations: Mutation[] = [
  { name: "blank title", apply: (d) => void (itemOf(d, "berita").data.title = "    ") },
  { name: "blank image_alt", apply: (d) => void (itemOf(d, "berita").data.image_alt = "      ") },
  { name: "date of year 1", apply: (d) => void (itemOf(d, "berita").data.date = "0001-01-01") },
  { name: "date 1900-01-01 (accepted)", apply: (d) => void (itemOf(d, "dokumen").data.date = "1900-01-01") },
  { name: "news dated 2062", apply: (d) => void (itemOf(d, "berita").data.date = "2062-10-02") },
  { name: "date not on the calendar", apply: (d) => void (itemOf(d, "berita").data.date = "2026-02-30") },
  { name: "agenda ends before it starts", apply: (d) => void (itemOf(d, "agenda").data.end = "2026-12-05 08:00") },
  {
    name: "agenda far ahead (accepted)",
    apply: (d) => Object.assign(itemOf(d, "agenda").data, { start: "2099-09-02 09:00", end: "2099-09-02 12:00" }),
  },
  {
    name: "announcement valid until before its date",
    apply: (d) => void (itemOf(d, "pengumuman").data.valid_until = "2026-10-01"),
  },
  { name: "unknown field", apply: (d) => void (itemOf(d, "berita").data.sumary = "Salah ketik") },
  { name: "layout field", apply: (d) => void (itemOf(d, "berita").data.layout = "../../../../etc/passwd") },
  { name: "permalink field", apply: (d) => void (itemOf(d, "halaman").data.permalink = "/../../index.html") },
  { name: "eleventyComputed field", apply: (d) => void (itemOf(d, "halaman").data.eleventyComputed = { title: "x" }) },
  { name: "number as title", apply: (d) => void (itemOf(d, "berita").data.title = 12345) },
  { name: "very long title", apply: (d) => void (itemOf(d, "berita").data.title = "Judul ".repeat(60)) },
  {
    name: "unicode title (accepted)",
    apply: (d) => void (itemOf(d, "berita").data.title = "Pelatihan Kader — “Sehat” ✓ بِسْمِ"),
  },
  {
    name: "image outside media in front matter",
    apply: (d) => void (itemOf(d, "berita").data.image = "/media/x/../../../dinkes/media/berita/foto.jpg"),
  },
  {
    name: "image path with ./ (accepted)",
    apply: (d) => void (itemOf(d, "berita").data.image = "/media/berita/./foto.jpg"),
  },
  { name: "missing cover image", apply: (d) => void (itemOf(d, "berita").data.image = "/media/berita/hilang.jpg") },
  { name: "PDF as the cover", apply: (d) => void (itemOf(d, "berita").data.image = "/media/dokumen/jadwal.pdf") },
  {
    name: "excluded document (accepted)",
    apply: (d) => void (itemOf(d, "dokumen").data.classification = "dikecualikan"),
  },
  {
    name: "excluded document also attached",
    apply: (d) =>
      Object.assign(itemOf(d, "dokumen").data, { classification: "dikecualikan", file: "/media/dokumen/jadwal.pdf" }),
  },
  {
    name: "YAML anchors",
    apply: (d) =>
      void (itemOf(d, "berita").raw =
        '---\ntitle: &t "Judul Berita Jangkar"\ndate: 2026-11-20\nsummary: *t\n---\nIsi.\n'),
  },
  { name: "YAML alias bomb", apply: (d) => void (itemOf(d, "berita").raw = aliasBomb) },
  {
    name: "deep nesting",
    apply: (d) => void (itemOf(d, "halaman").raw = `---\ntitle: Dalam\nx: ${"[".repeat(40)}${"]".repeat(40)}\n---\n`),
  },
  {
    name: "js front matter",
    apply: (d) =>
      void (itemOf(d, "halaman").raw = '---js\n{ title: require("fs").readFileSync("/etc/passwd", "utf8") }\n---\n'),
  },
  {
    name: "YAML tag",
    apply: (d) => void (itemOf(d, "halaman").raw = "---\ntitle: !!js/function 'function () { return 1 }'\n---\n"),
  },
  {
    name: "not UTF-8",
    apply: (d) => void (itemOf(d, "halaman").raw = Buffer.from("---\ntitle: Caf\xe9 Sehat\n---\n", "latin1")),
  },
  {
    name: "truncated photo",
    apply: (d) => void d.media.set("berita/foto.jpg", (d.media.get("berita/foto.jpg") as Buffer).subarray(0, 600)),
  },
  {
    name: "HTML saved as PDF",
    apply: (d) =>
      void d.media.set(
        "dokumen/renstra.pdf",
        Buffer.from('<!doctype html><script>location="https://judi.example"</script>'),
      ),
  },
  { name: "symlink to /etc/passwd", apply: (d) => void d.media.set("dokumen/passwd.pdf", { symlink: "/etc/passwd" }) },
  { name: "dangling symlink", apply: (d) => void d.media.set("berita/hilang.jpg", { symlink: "/tidak/ada.jpg" }) },
  { name: "unknown media type", apply: (d) => void d.media.set("berita/catatan.txt", Buffer.from("catatan")) },
  {
    name: "data file beside content",
    apply: (d) =>
      void d.extra.push({ path: `sites/${d.slug}/content/berita/berita.11tydata.js`, content: "export default {};\n" }),
  },
  {
    name: "folder named like a file",
    apply: (d) =>
      void d.extra.push({ path: `sites/${d.slug}/content/berita/folder.md/isi.md`, content: "---\ntitle: x\n---\n" }),
  },
  {
    name: "stray file at the unit's root",
    apply: (d) => void d.extra.push({ path: `sites/${d.slug}/catatan.md`, content: "---\ntitle: x\n---\n" }),
  },
];

/** One unit's files for `seed`: valid items, then up to three mutations and two body fragments. */
export function generateUnit(seed: string, slug: string, samples: MediaSamples): GeneratedUnit {
  const rand = seeded(seed);
  const draft: Draft = { slug, items: new Map(), media: new Map(), extra: [] };
  for (const [type, data] of Object.entries(baseItems())) draft.items.set(type, { type, data, body: "Isi tulisan." });
  draft.media.set("berita/foto.jpg", samples.photo);
  draft.media.set("berita/foto lama.jpg", samples.photo);
  draft.media.set("pejabat/kepala.jpg", samples.photo);
  draft.media.set("dokumen/jadwal.pdf", samples.pdf);
  draft.media.set("dokumen/renstra.pdf", samples.pdf);
  const done: string[] = [];
  for (let n = Math.floor(rand() * 4); n > 0; n--) {
    const m = pick(rand, mutations);
    m.apply(draft);
    done.push(m.name);
  }
  for (let n = Math.floor(rand() * 3); n > 0; n--) {
    const [what, markdown] = pick(rand, bodyFragments);
    const item = pick(rand, [...draft.items.values()]);
    item.body += `\n\n${markdown}`;
    done.push(`${item.type} body: ${what}`);
  }
  const files: GeneratedFile[] = [
    {
      path: `sites/${slug}/site.json`,
      content: JSON.stringify({
        slug,
        name: `Unit Uji ${slug}`,
        short_name: slug.toUpperCase(),
        type: "dinas",
        address: "Jl. Uji No. 1, Tanah Grogot",
        phone: "(0543) 21001",
        email: `${slug}@paserkab.go.id`,
        status: "active",
      }),
    },
  ];
  for (const item of draft.items.values()) {
    const name = item.type === "halaman" ? "profil" : "uji";
    files.push({
      path: `sites/${slug}/content/${item.type}/${name}.md`,
      content: item.raw ?? `---\n${yaml(item.data)}\n---\n${item.body}\n`,
    });
  }
  for (const [path, content] of draft.media) {
    files.push(
      Buffer.isBuffer(content)
        ? { path: `sites/${slug}/media/${path}`, content }
        : { path: `sites/${slug}/media/${path}`, symlink: content.symlink },
    );
  }
  files.push(...draft.extra);
  return { slug, files, mutations: done };
}

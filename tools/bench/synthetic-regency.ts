import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { copyTooling } from "../test/tooling-copy.ts";

/**
 * The synthetic regency as a repository of its own, as a fresh clone would hold it: the tools,
 * theme and schemas copied beside the sites (no test fixtures), this checkout's node_modules
 * linked, everything in one commit. `ignored`: more lines for its .gitignore.
 */
export async function writeSyntheticWorkspace(
  root: string,
  options: { sites: number; posts: number },
  ignored: readonly string[] = [],
): Promise<{ slugs: string[]; files: number }> {
  const written = await writeSyntheticRegency(root, options);
  await copyTooling(root);
  await writeFile(join(root, ".gitignore"), ["/node_modules", "/dist", "/.nx", "/.cache", ...ignored, ""].join("\n"));
  const git = (...args: string[]) =>
    spawnSync("git", ["-c", "user.email=bench@example.org", "-c", "user.name=bench", ...args], { cwd: root });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-qm", "synthetic regency");
  return written;
}

/**
 * A synthetic regency for the benchmark: `sites` units with `posts` news items each, plus the six
 * profile pages every unit has. Text only: image encoding has its own cost (see the image row).
 */
export async function writeSyntheticRegency(
  root: string,
  options: { sites: number; posts: number },
): Promise<{ slugs: string[]; files: number }> {
  const portal = {
    name: "Pemerintah Kabupaten Contoh",
    short_name: "Kabupaten Contoh",
    domain: "contohkab.go.id",
    hub: "portal",
    email: "diskominfo@contohkab.go.id",
    locale: "id-ID",
    time_zone: "Asia/Makassar",
    limits: { markdown_kb: 200, image_kb: 5120, document_kb: 20480 },
  };
  await mkdir(root, { recursive: true });
  await writeFile(join(root, "portal.json"), JSON.stringify(portal, null, 2));
  const slugs = [
    "portal",
    ...Array.from({ length: options.sites - 1 }, (_, i) => `unit${String(i + 1).padStart(3, "0")}`),
  ];
  let files = 0;
  const lastPost = Math.floor(Date.now() / 86_400_000) * 86_400_000 - 86_400_000;
  for (const [n, slug] of slugs.entries()) {
    const dir = join(root, "sites", slug);
    await mkdir(join(dir, "content/halaman"), { recursive: true });
    await mkdir(join(dir, "content/berita"), { recursive: true });
    await writeFile(
      join(dir, "site.json"),
      JSON.stringify(
        {
          slug,
          name: slug === "portal" ? "Portal Kabupaten Contoh" : `Dinas Contoh Nomor ${n}`,
          short_name: slug === "portal" ? "Portal" : `Dinas ${n}`,
          type: slug === "portal" ? "portal" : "dinas",
          address: `Jl. Contoh No. ${n}, Kota Contoh`,
          phone: "(0543) 21000",
          email: `${slug}@contohkab.go.id`,
          status: "active",
        },
        null,
        2,
      ),
    );
    for (const [order, page] of [
      "profil",
      "visi-misi",
      "tugas-fungsi",
      "struktur-organisasi",
      "sejarah",
      "kontak",
    ].entries()) {
      await writeFile(
        join(dir, "content/halaman", `${page}.md`),
        `---\ntitle: Halaman ${page} ${slug}\norder: ${order + 1}\n---\n${paragraphs(3, n + order)}\n`,
      );
      files++;
    }
    for (let p = 0; p < options.posts; p++) {
      // Every third day up to yesterday, as a living unit's news: its newest are in the hub's own
      // search index (hub-search-records.ts), its older in the units' index.
      const date = new Date(lastPost - (options.posts - 1 - p) * 86_400_000 * 3).toISOString().slice(0, 10);
      await writeFile(
        join(dir, "content/berita", `berita-${p}.md`),
        `---\ntitle: Berita nomor ${p} dari ${slug} tentang pelayanan publik\ndate: ${date}\nauthor: Humas\nsummary: Ringkasan berita nomor ${p} tentang kegiatan pelayanan publik di unit ini.\ntags: [layanan, berita-${p % 7}]\n---\n${paragraphs(5, p)}\n`,
      );
      files++;
    }
  }
  return { slugs, files };
}

const words =
  "pelayanan masyarakat kabupaten kegiatan pembangunan desa kecamatan program anggaran kesehatan pendidikan warga pemerintah daerah informasi publik".split(
    " ",
  );

function paragraphs(count: number, seed: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const sentence = Array.from({ length: 60 }, (_, k) => words[(seed * 7 + i * 13 + k * 3) % words.length]).join(" ");
    out.push(
      `${sentence[0]!.toUpperCase()}${sentence.slice(1)}. **Penting** untuk [dibaca](https://example.go.id/${seed}).`,
    );
  }
  return out.join("\n\n");
}

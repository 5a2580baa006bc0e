import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { workspaceAt, toolsRepoRoot } from "../core/workspace.ts";
import { join } from "node:path";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { formatProblem, type Problem } from "../problems/problem.ts";
import { validateWorkspace } from "./validate-workspace.ts";
import { fixtures } from "../test/temp-workspace.ts";

const broken = await validateWorkspace(workspaceAt(join(toolsRepoRoot, fixtures.broken)));
const all = [...broken.portalProblems, ...broken.sites.flatMap((s) => s.problems)];
const problemsOf = (file: string): Problem[] => all.filter((p) => p.file === file);
const only = (file: string): Problem => {
  const found = problemsOf(file);
  assert.equal(
    found.length,
    1,
    `expected exactly one problem for ${file}, got:\n${found.map(formatProblem).join("\n")}`,
  );
  return found[0]!;
};

describe("validation of the broken-content corpus", () => {
  const berita = "sites/rusak/content/berita";

  it("names the missing title, with its line, field and fix", () => {
    const p = only(`${berita}/tanpa-judul.md`);
    assert.equal(p.code, "required");
    assert.equal(p.pointer, "/title");
    assert.match(
      formatProblem(p),
      /^sites\/rusak\/content\/berita\/tanpa-judul\.md:\d+: \/title: kolom wajib "title" \(Judul\) belum diisi \(tambahkan baris "title: \.\.\."\)$/,
    );
  });

  it("rejects a date that is not on the calendar", () => {
    const p = only(`${berita}/tanggal-mustahil.md`);
    assert.equal(p.code, "invalid-date");
    assert.equal(p.line, 3);
    assert.match(p.message, /2025-02-30/);
  });

  it("catches a misspelt field and suggests the right one", () => {
    const p = only(`${berita}/kolom-tidak-dikenal.md`);
    assert.equal(p.code, "unknown-field");
    assert.equal(p.pointer, "/sumary");
    assert.equal(p.line, 4);
    assert.match(p.fix, /"summary"/);
  });

  it("reports a YAML syntax error with its line, in Indonesian", () => {
    const p = only(`${berita}/yaml-rusak.md`);
    assert.equal(p.code, "yaml-syntax");
    assert.ok(p.line && p.line >= 4, `line ${p.line}`);
    assert.match(p.message, /tanda kutip/);
  });

  it("reports a field written twice", () => {
    const p = only(`${berita}/kolom-ganda.md`);
    assert.equal(p.code, "yaml-syntax");
    assert.equal(p.line, 3);
    assert.match(p.message, /dua kali/);
  });

  it("reports a missing image and suggests an existing one", () => {
    const p = only(`${berita}/foto-hilang.md`);
    assert.equal(p.code, "missing-media");
    assert.equal(p.pointer, "/image");
    assert.equal(p.line, 5);
  });

  it("reports a file that is not UTF-8, at the line of the bad byte", () => {
    const p = only(`${berita}/bukan-utf8.md`);
    assert.equal(p.code, "not-utf8");
    assert.equal(p.line, 6);
  });

  it("names each broken link to another unit's page with its own line, and suggests the near miss", () => {
    const found = problemsOf(`${berita}/tautan-antarsitus.md`);
    assert.deepEqual(
      found.map((p) => [p.code, p.line]),
      [
        ["broken-site-link", 8],
        ["broken-site-link", 10],
      ],
    );
    assert.equal(
      formatProblem(found[0]!),
      'sites/rusak/content/berita/tautan-antarsitus.md:8: tautan "site:baik/berita/berita-bener" tidak menuju halaman yang ada: situs "baik" tidak punya berita "berita-bener" (mungkin maksudnya "site:baik/berita/berita-benar"?)',
    );
    assert.match(formatProblem(found[1]!), /tidak ada situs unit "tidakada"/);
  });

  it("reports an empty file", () => assert.equal(only(`${berita}/kosong.md`).code, "empty-file"));

  it("reports a Markdown file over the size limit from portal.json", () => {
    const p = only(`${berita}/terlalu-besar.md`);
    assert.equal(p.code, "file-too-large");
    assert.match(p.message, /batasnya 4 KB/);
  });

  it("refuses script front matter, which Eleventy would execute", () =>
    assert.equal(only(`${berita}/front-matter-js.md`).code, "script-front-matter"));

  it("requires alt text on images in the body", () => {
    const p = only(`${berita}/gambar-tanpa-alt.md`);
    assert.equal(p.code, "image-without-alt");
    assert.equal(p.line, 6);
  });

  it("refuses a file name that cannot be a URL and proposes one", () => {
    const p = only(`${berita}/Berita Baru.md`);
    assert.equal(p.code, "bad-filename");
    assert.match(p.fix, /"berita-baru\.md"/);
  });

  it("catches a profile page whose URL collides with a generated page", () =>
    assert.equal(only("sites/rusak/content/halaman/berita.md").code, "duplicate-permalink"));

  it("catches an item named like a page of its list (/berita/halaman-2/)", () =>
    assert.match(formatProblem(only("sites/rusak/content/berita/halaman-2.md")), /halaman daftar bawaan situs/));

  it("reports every problem of one file at once", () => {
    const codes = problemsOf("sites/rusak/content/dokumen/tanpa-berkas.md")
      .map((p) => p.code)
      .sort();
    assert.deepEqual(codes, ["enum", "required"]);
  });

  it("reports an unknown content folder", () =>
    assert.equal(only("sites/rusak/content/catatan").code, "unknown-content-folder"));

  it("keeps regional broadcasts to the hub", () =>
    assert.equal(only("sites/rusak/content/siaran").code, "hub-only-folder"));

  it("reports media over the size limit", () => {
    const p = only("sites/rusak/media/berita/besar.jpg");
    assert.equal(p.code, "media-too-large");
    assert.match(p.message, /batasnya 40 KB/);
  });

  it("reports an image that cannot be decoded", () => {
    const p = only("sites/rusak/media/berita/rusak.jpg");
    assert.equal(p.code, "media-unreadable");
    assert.match(p.fix, /simpan ulang/);
  });

  it("reserves the hub's page-number names for units", async () => {
    const { isReservedSlug } = await import("../core/reserved-slugs.ts");
    assert.equal(isReservedSlug("halaman-2"), true);
    assert.equal(isReservedSlug("www"), true);
    assert.equal(isReservedSlug("dinkes"), false);
    assert.equal(isReservedSlug("xn--dnkes-zsa"), true);
    assert.equal(isReservedSlug("ab--cd"), true);
    assert.equal(isReservedSlug("dinas-kesehatan--x"), false);
  });

  it("refuses reserved and invalid subdomains", () => {
    assert.equal(only("sites/www").code, "reserved-slug");
    // Punycode, which a browser shows as "dínkes": a look-alike of dinkes's address.
    assert.equal(only("sites/xn--dnkes-zsa").code, "ace-slug");
    assert.equal(problemsOf("sites/Dinas_Baru")[0]?.code, "invalid-dns-label");
    assert.equal(problemsOf("sites/Dinas_Baru/site.json")[0]?.code, "slug-mismatch");
  });

  it("finds no problem in the valid sites beside the broken one", () => {
    for (const slug of ["baik", "portal"]) {
      assert.deepEqual(broken.sites.find((s) => s.slug === slug)?.problems, []);
    }
  });
});

describe("validation of the shipped demo and fixtures", () => {
  it("accepts the mini fixture, which uses every content type", async () => {
    // Its own cache folder: validation remembers checked media there, and the fixture stays as committed.
    const cacheDir = await mkdtemp(join(tmpdir(), "portal-mini-cache-"));
    try {
      const result = await validateWorkspace(workspaceAt(join(toolsRepoRoot, fixtures.mini), { cacheDir }));
      assert.deepEqual([...result.portalProblems, ...result.sites.flatMap((s) => s.problems)].map(formatProblem), []);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("accepts the built-in demo: every unit of the regency", async () => {
    const result = await validateWorkspace(workspaceAt(toolsRepoRoot));
    assert.deepEqual([...result.portalProblems, ...result.sites.flatMap((s) => s.problems)].map(formatProblem), []);
    assert.ok(result.sites.length >= 44, `${result.sites.length} sites`);
  });
});

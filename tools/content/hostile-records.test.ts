import assert from "node:assert/strict";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { hostileWorkspace, newsItem, type HostileWorkspace } from "../test/hostile-workspace.ts";

/**
 * The second hostile pass (issue 23), rows about records a hand or a hasty developer edits:
 * validation refuses what the desk's own commands refuse, so a record written by hand is held to
 * the rules the command would have kept.
 */
describe("hostile input, round two: records edited by hand", () => {
  let ws: HostileWorkspace;
  before(async () => {
    ws = await hostileWorkspace();
  });
  after(() => ws.dispose());

  /** Runs `check` with dlh's site.json changed by `change`, then puts it back. */
  const withDlh = async (change: Record<string, unknown>, check: (problems: string[]) => void) => {
    const file = join(ws.root, "sites/dlh/site.json");
    const original = await readFile(file, "utf8");
    try {
      await writeFile(file, JSON.stringify({ ...JSON.parse(original), ...change }, null, 1));
      check((await ws.problems(["dlh"])).filter((p) => p.startsWith("sites/dlh/site.json")));
    } finally {
      await writeFile(file, original);
    }
  };

  it("row 14: a successor that is missing or the unit itself, and an active unit with retired_on or a successor, are refused", async () => {
    const retired = { status: "retired", retired_on: "2026-11-01" };
    await withDlh({ ...retired, successor: "dinas-hilang" }, (found) =>
      assert.deepEqual(
        found.map((p) => p.split(" (")[0]),
        ['sites/dlh/site.json:11: /successor: unit penerus "dinas-hilang" tidak ada di sites/'],
      ),
    );
    await withDlh({ ...retired, successor: "dlh" }, (found) =>
      assert.deepEqual(
        found.map((p) => p.split(" (")[0]),
        ['sites/dlh/site.json:11: /successor: unit penerus "dlh" adalah unit ini sendiri'],
      ),
    );
    await withDlh({ ...retired, successor: "bapenda" }, (found) => assert.deepEqual(found, []));
    await withDlh({ status: "active", retired_on: "2026-11-01" }, (found) =>
      assert.match(found.join("\n"), /^sites\/dlh\/site\.json:\d+: \/status: .*"retired"/m),
    );
    await withDlh({ status: "active", successor: "bapenda" }, (found) =>
      assert.match(found.join("\n"), /^sites\/dlh\/site\.json:\d+: \/status: .*"retired"/m),
    );
  });

  it("row 9: an IKM its nine elements deny is refused with the value the formula gives; one that follows from them is accepted", async () => {
    const skm = (ikm: number, score: number) =>
      `---\ntitle: Hasil SKM Semester II 2026\ndate: 2026-11-20\nperiod: Juli–Desember 2026\nrespondents: 120\nikm: ${ikm}\nelements:\n${Array.from({ length: 9 }, (_, i) => `  u${i + 1}: ${score}`).join("\n")}\n---\nHasil survei.\n`;
    const file = "sites/dlh/content/skm/hasil-skm.md";
    await ws.write(file, skm(100, 1));
    const found = (await ws.problems(["dlh"])).filter((p) => p.startsWith(file));
    assert.deepEqual(found, [
      `${file}:6: /ikm: "Indeks Kepuasan Masyarakat (IKM)" 100 tidak sesuai dengan "Nilai rata-rata tiap unsur (1–4)": hasil hitungnya 25 (tulis 25 (rata-rata nilai unsur × 25, PermenPANRB 14/2017), atau periksa kembali nilai tiap unsur)`,
    ]);
    await ws.write(file, skm(83.42, 3.3368));
    assert.deepEqual(
      (await ws.problems(["dlh"])).filter((p) => p.startsWith(file)),
      [],
    );
    await ws.write(file, skm(84, 3.3368));
    assert.match((await ws.problems(["dlh"])).join("\n"), /\/ikm: .* 84 tidak sesuai .*hasil hitungnya 83,42/);
    await rm(join(ws.root, "sites/dlh/content/skm"), { recursive: true });
  });

  it("row 5: a site: link to an item scheduled later, from another unit or its own, is refused with the moment; a link scheduled with it is accepted", async () => {
    const target = "sites/dinkes/content/berita/jadwal-nanti.md";
    await ws.write(target, newsItem("Pengumuman yang diembargo.", "publish_at: 2026-12-30 09:00\n"));
    await ws.write("sites/dinkes/content/berita/sudah-turun.md", newsItem("Lama.", "unpublish_at: 2026-11-01 08:00\n"));
    await ws.write(
      "sites/dlh/content/berita/tautan-awal.md",
      newsItem("Lihat [jadwal](site:dinkes/berita/jadwal-nanti)."),
    );
    await ws.write(
      "sites/dinkes/content/berita/tautan-sendiri.md",
      newsItem("Lihat [jadwal](site:dinkes/berita/jadwal-nanti) dan [lama](site:dinkes/berita/sudah-turun)."),
    );
    await ws.write(
      "sites/dlh/content/berita/tautan-bersama.md",
      newsItem("Lihat [jadwal](site:dinkes/berita/jadwal-nanti).", "publish_at: 2026-12-30 09:00\n"),
    );
    const found = (await ws.problems()).filter((p) => p.includes("tautan-"));
    assert.deepEqual(
      found.map((p) => p.split(" WITA")[0]),
      [
        'sites/dinkes/content/berita/tautan-sendiri.md:7: tautan "site:dinkes/berita/jadwal-nanti" tidak menuju halaman yang ada: berita "jadwal-nanti" di situs "dinkes" baru terbit 2026-12-30 09:00',
        'sites/dinkes/content/berita/tautan-sendiri.md:7: tautan "site:dinkes/berita/sudah-turun" tidak menuju halaman yang ada: berita "sudah-turun" di situs "dinkes" sudah diturunkan sejak 2026-11-01 08:00',
        'sites/dlh/content/berita/tautan-awal.md:7: tautan "site:dinkes/berita/jadwal-nanti" tidak menuju halaman yang ada: berita "jadwal-nanti" di situs "dinkes" baru terbit 2026-12-30 09:00',
      ],
    );
    assert.match(found[0]!, /jadwalkan tulisan ini \(publish_at\) paling cepat pada waktu itu/);
    for (const f of [
      target,
      "sites/dinkes/content/berita/sudah-turun.md",
      "sites/dlh/content/berita/tautan-awal.md",
      "sites/dinkes/content/berita/tautan-sendiri.md",
      "sites/dlh/content/berita/tautan-bersama.md",
    ])
      await rm(join(ws.root, f));
    assert.deepEqual(await ws.problems(), []);
  });

  it("row 4: a site: link to the file of a dokumen not yet out is refused with the moment (the file is withheld with it)", async () => {
    await ws.write(
      "sites/dinkes/content/dokumen/nanti.md",
      "---\ntitle: Laporan nanti\nyear: 2026\nkind: laporan\nfile: /media/dokumen/nanti.pdf\nclassification: serta_merta\ndate: 2026-11-01\npublish_at: 2026-12-20 09:00\n---\nIsi.\n",
    );
    await ws.write(
      "sites/dinkes/media/dokumen/nanti.pdf",
      await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")),
    );
    await ws.write(
      "sites/dlh/content/berita/tautan-dokumen.md",
      newsItem("[Laporan](site:dinkes/media/dokumen/nanti.pdf)"),
    );
    const found = (await ws.problems(["dlh"])).filter((p) => p.includes("tautan-dokumen"));
    assert.deepEqual(
      found.map((p) => p.split(";")[0]),
      [
        'sites/dlh/content/berita/tautan-dokumen.md:7: tautan "site:dinkes/media/dokumen/nanti.pdf" tidak menuju halaman yang ada: dokumen "media/dokumen/nanti.pdf" di situs "dinkes" baru terbit 2026-12-20 09:00 WITA',
      ],
    );
    // Once nothing schedules the file, it is published as uploaded and the link is accepted.
    await rm(join(ws.root, "sites/dinkes/content/dokumen/nanti.md"));
    assert.deepEqual(await ws.problems(["dlh"]), []);
    await rm(join(ws.root, "sites/dinkes/media/dokumen/nanti.pdf"));
    await rm(join(ws.root, "sites/dlh/content/berita/tautan-dokumen.md"));
  });

  it("row 12: a unit's folder that looks like another's in an address bar (dlnkes, d1nkes, din-kes) is refused; the first unit keeps its name", async () => {
    // The units as they are, committed: Git history says which came first.
    for (const args of [
      ["init", "-q"],
      ["add", "-A"],
      ["commit", "-qm", "unit yang ada"],
    ]) {
      const run = ws.git(...args);
      assert.equal(run.status, 0, run.stderr);
    }
    const record = JSON.parse(await readFile(join(ws.root, "sites/dlh/site.json"), "utf8"));
    for (const [i, slug] of ["dlnkes", "d1nkes", "din-kes", "dinkez"].entries())
      await ws.write(
        `sites/${slug}/site.json`,
        JSON.stringify({ ...record, slug, name: `Dinas Uji ${i}`, short_name: `Uji ${i}` }),
      );
    const found = (await ws.problems()).filter((p) => p.includes("sekilas sama"));
    assert.deepEqual(
      found.map((p) => p.split(" (")[0]),
      [
        'sites/d1nkes: alamat situs "d1nkes" sekilas sama dengan "dinkes"',
        'sites/din-kes: alamat situs "din-kes" sekilas sama dengan "dinkes"',
        'sites/dlnkes: alamat situs "dlnkes" sekilas sama dengan "dinkes"',
      ],
    );
    for (const slug of ["dlnkes", "d1nkes", "din-kes", "dinkez"])
      await rm(join(ws.root, "sites", slug), { recursive: true });
  });
});

import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import { dateFilters } from "../../published/indonesian-dates.ts";
import { angka } from "./angka.ts";
import { rupiah } from "./rupiah.ts";
import { ukuranBerkas } from "./ukuran-berkas.ts";
import * as filters from "./index.ts";
import { buildSites } from "../../pipeline/build-sites.ts";
import { fixtures, tempWorkspace } from "../../test/temp-workspace.ts";

describe("Indonesian dates in WITA", () => {
  const d = dateFilters("Asia/Makassar");

  it("writes the long form with the weekday", () =>
    assert.equal(d.tanggalLengkap("2025-08-17"), "Minggu, 17 Agustus 2025"));
  it("writes the short form", () => assert.equal(d.tanggal("2025-08-17"), "17 Agustus 2025"));
  it("writes times with a dot and the zone", () => assert.equal(d.pukul("2025-08-17 14:30"), "pukul 14.30 WITA"));
  it("reads a local date as midnight WITA, not midnight UTC", () =>
    assert.equal(d.isoWaktu("2025-08-17"), "2025-08-16T16:00:00.000Z"));
  it("keeps the calendar day whatever zone the machine runs in", () => {
    // 23:30 WITA on the 17th is the 17th in Paser even though it is already the 17th 15:30 UTC.
    assert.equal(d.tanggalIso("2025-08-17 23:30"), "2025-08-17");
    assert.equal(d.tanggal(new Date("2025-08-17T16:30:00Z")), "18 Agustus 2025");
  });
  it("reads instants with a zone as they are (the hub reads them from manifests)", () =>
    assert.equal(d.tanggalLengkap("2026-11-21T16:00:00.000Z"), "Minggu, 22 November 2026"));
  it("uses WIB and WIT for the other Indonesian zones", () => {
    assert.equal(dateFilters("Asia/Jakarta").pukul("2025-08-17 14:30"), "pukul 14.30 WIB");
    assert.equal(dateFilters("Asia/Jayapura").pukul("2025-08-17 14:30"), "pukul 14.30 WIT");
  });
});

describe("Indonesian numbers", () => {
  it("groups thousands with dots and decimals with a comma", () => assert.equal(angka(1234567.89), "1.234.567,89"));
  it("writes rupiah without a space", () => assert.equal(rupiah(1500000), "Rp1.500.000"));
  it("writes file sizes for download links", () => {
    assert.equal(ukuranBerkas(2048), "2 KB");
    assert.equal(ukuranBerkas(1.5 * 1024 * 1024), "1,5 MB");
  });
});

describe("the filters folder", () => {
  const dir = fileURLToPath(new URL(".", import.meta.url));
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

  it("registers every filter file, each under the name its file is named after", () => {
    const filterFiles = files.filter((f) => f !== "index.ts" && f !== "define-filter.ts").sort();
    assert.deepEqual(
      Object.keys(filters)
        .map((name) => `${kebab(name)}.ts`)
        .sort(),
      filterFiles,
    );
  });
});

/**
 * Every filter's documented example, rendered in a real build of the mini fixture: a copy of the
 * theme prints each example on dinkes's news page (or the hub's profile page) between markers.
 */
describe("every filter's example, in a real build", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let theme: string;
  const printed = new Map<string, string>();
  const marker = (name: string) => [`@@${name}@@`, `@@/${name}@@`] as const;
  const block = (on: "unit" | "hub") =>
    Object.entries(filters)
      .filter(([, f]) => (f.example.on === "hub" ? "hub" : "unit") === on)
      .map(([name, f]) => `${marker(name)[0]}${f.example.template}${marker(name)[1]}`)
      .join("\n");

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    // The regency's emblem, which regencyShareImage publishes for link previews.
    await mkdir(join(ws.sitesDir, "portal/media"), { recursive: true });
    await cp(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg"), join(ws.sitesDir, "portal/media/lambang.jpg"));
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as Record<string, unknown>;
    await writeFile(ws.portalFile, JSON.stringify({ ...portal, logo: "/media/lambang.jpg" }));
    theme = await mkdtemp(join(tmpdir(), "portal-theme-"));
    await cp(ws.themeDir, theme, { recursive: true });
    const item = join(theme, "_includes/layouts/item.njk");
    await writeFile(
      item,
      `${await readFile(item, "utf8")}
{% if site.slug == "dinkes" and page.fileSlug == "posyandu-serentak" %}<pre>${block("unit")}</pre>{% endif %}
{% if site.slug == portal.hub and page.fileSlug == "profil" %}<pre>${block("hub")}</pre>{% endif %}
`,
    );
    const report = await buildSites({ ...ws, themeDir: theme }, undefined, { now: new Date("2025-08-20T02:00:00Z") });
    assert.deepEqual(
      report.results.filter((r) => !r.ok).map((r) => [r.slug, r.problems]),
      [],
    );
    for (const page of ["dinkes/berita/posyandu-serentak/index.html", "portal/profil/index.html"]) {
      const html = await readFile(join(ws.distDir, page), "utf8");
      for (const m of html.matchAll(/@@([A-Za-z]+)@@([\s\S]*?)@@\/\1@@/g)) printed.set(m[1]!, m[2]!);
    }
  });
  after(async () => {
    await ws?.dispose();
    if (theme) await rm(theme, { recursive: true, force: true });
  });

  for (const [name, filter] of Object.entries(filters))
    it(`${name}: ${filter.example.template}`, () => {
      const output = printed.get(name);
      assert.ok(output !== undefined, `${name}'s example was not printed`);
      if (typeof filter.example.output === "string") assert.equal(output, filter.example.output);
      else assert.match(output, filter.example.output);
    });
});

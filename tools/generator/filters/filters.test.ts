import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { dateFilters } from "../../published/indonesian-dates.ts";
import { angka } from "./angka.ts";
import { rupiah } from "./rupiah.ts";
import { ukuranBerkas } from "./ukuran-berkas.ts";
import { filters } from "./index.ts";

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

  it("registers every filter file, each named after its filter, each with an example", () => {
    const filterFiles = files.filter((f) => f !== "index.ts" && f !== "define-filter.ts");
    assert.equal(filters.length, filterFiles.length, "one definition per file, every file listed in index.ts");
    for (const filter of filters) {
      const file = `${kebab(filter.name)}.ts`;
      assert.ok(filterFiles.includes(file), `${filter.name} lives in filters/${file}`);
      assert.match(readFileSync(join(dir, file), "utf8"), /@example /, `${file} shows how a template uses it`);
    }
    assert.equal(new Set(filters.map((f) => f.name)).size, filters.length, "no name twice");
  });
});

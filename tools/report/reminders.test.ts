import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import MarkdownIt from "markdown-it";
import type { PortalConfig } from "../core/records.ts";
import { activityHistoryWorkspace, type FixtureWorkspace, fixtureNow } from "./fixtures/activity-history.ts";
import { type ReminderAction, reminderPlan, summaryKey, unitKey } from "./reminders.ts";
import { type RegencyReport, regencyReport } from "./unit-report.ts";

/** The monthly reminders' issues, from the fixture regency's report: who is told what, and when it ends. */
describe("the monthly reminders", () => {
  let ws: FixtureWorkspace;
  let portal: PortalConfig;
  let report: RegencyReport;
  let plan: ReminderAction[];
  const opened = (key: string) =>
    plan.find((a) => a.key === key && a.action === "open") as Extract<ReminderAction, { action: "open" }>;

  before(async () => {
    ws = await activityHistoryWorkspace();
    portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    report = await regencyReport(ws, portal, { now: fixtureNow });
    plan = reminderPlan(report, portal, []);
  });
  after(() => ws.dispose());

  it("opens one issue per unit that went quiet or dormant or misses a required item, and one summary", () => {
    assert.deepEqual(
      plan.map((a) => `${a.action} ${a.key}`),
      // In the regency's order: badan, dinas, kecamatan.
      ["open unit:tidur", "open unit:baru", "open unit:sepi", `open ${summaryKey}`],
    );
  });

  it("addresses the unit's team and names every gap with its reason, its fix and its legal basis", () => {
    const sepi = opened(unitKey("sepi"));
    assert.equal(sepi.title, "Pengingat situs Kecamatan Sepi: jarang diperbarui, 17 isi wajib belum ada");
    assert.match(sepi.body, /^<!-- portal-reminder: unit:sepi -->\nUntuk tim @pemkab-paser\/sepi \(Kecamatan Sepi\)\./);
    assert.match(sepi.body, /Keadaan situs per 01-12-2026: \*\*jarang diperbarui\*\*\./);
    assert.match(
      sepi.body,
      /terbit 139 hari yang lalu\. Informasi berkala wajib diumumkan paling lambat setiap 6 bulan/,
    );
    assert.match(
      sepi.body,
      /- \[ \] \*\*Halaman Visi dan Misi\*\*: masih berisi bagian \[\[Isi: \.\.\.\]\] yang belum ditulis\. lengkapi sites\/sepi\/content\/halaman\/visi-misi\.md: .*_Dasar: UU 14\/2008 Pasal 9; Panduan Situs Web Pemda \(Depkominfo 2003\)\._/,
    );
    assert.match(
      sepi.body,
      /\*\*Tautan pengaduan SP4N-LAPOR! di data unit\*\*: belum diisi\. .*_Dasar: Perpres 76\/2013; UU 25\/2009 Pasal 15 dan 21\._/,
    );
    assert.match(
      sepi.body,
      /Renstra Kecamatan Sepi \(`sites\/sepi\/content\/dokumen\/renstra\.md`\), terakhir ditinjau 2026-03-01/,
    );
    assert.match(
      sepi.body,
      /https:\/\/paserkab\.go\.id\/status\/\. Issue ini diperbarui setiap bulan dan ditutup otomatis/,
    );
    const baru = opened(unitKey("baru"));
    // Added 6 days ago: not quiet, but its starter pages are still to be written.
    assert.equal(baru.title, "Pengingat situs Dinas Baru: 18 isi wajib belum ada");
    assert.doesNotMatch(baru.body, /hari yang lalu/);
  });

  it("gives DKISP the regency's summary, mentioning DKISP only", () => {
    const summary = opened(summaryKey);
    assert.equal(summary.title, "Ringkasan situs perangkat daerah 2026-12");
    assert.match(summary.body, /^<!-- portal-reminder: ringkasan -->\nUntuk @pemkab-paser\/dkisp:/);
    assert.match(
      summary.body,
      /5 unit: 2 aktif, 1 jarang diperbarui, 1 lama tidak diperbarui, 1 belum punya situs\. Kelengkapan rata-rata 26%\. 3 unit perlu ditindaklanjuti\./,
    );
    assert.match(
      summary.body,
      /\| Badan Tidur \| `@pemkab-paser\/tidur` \| lama tidak diperbarui \| 426 hari lalu \| \d+% \|/,
    );
    assert.match(summary.body, /Belum punya situs: Dinas Rencana \(npm run new-site\)/);
    // Units' teams appear as code, so the summary notifies nobody but DKISP.
    assert.deepEqual(summary.body.match(/(?<!`)@pemkab-paser\/[\w-]+/g), ["@pemkab-paser/dkisp"]);
  });

  it("updates what changed, leaves what did not, closes what was fixed, and touches no other issue", () => {
    const sepi = opened(unitKey("sepi"));
    const tidur = opened(unitKey("tidur"));
    const plan2 = reminderPlan(report, portal, [
      { number: 7, title: sepi.title, body: sepi.body },
      { number: 8, title: "Pengingat lama", body: `${tidur.body.split("\n")[0]}\nIsi bulan lalu.` },
      { number: 9, title: "Pengingat situs Dinas Lengkap", body: "<!-- portal-reminder: unit:lengkap -->\nLama." },
      { number: 10, title: "Bukan pengingat", body: "Diskusi lain." },
      { number: 11, title: "Pengingat situs Dishub", body: "<!-- portal-reminder: unit:dishub -->\nLama." },
    ]);
    assert.deepEqual(
      plan2.map((a) => `${a.action} ${a.key}${"number" in a ? ` #${a.number}` : ""}`),
      [
        "update unit:tidur #8",
        "open unit:baru",
        `open ${summaryKey}`,
        "close unit:lengkap #9",
        "close unit:dishub #11",
      ],
    );
    const [fixed, gone] = plan2.filter((a) => a.action === "close") as Extract<ReminderAction, { action: "close" }>[];
    assert.match(fixed!.comment, /per 01-12-2026 situs ini aktif dan memuat semua yang diwajibkan/);
    // A unit retired since its issue was opened: closed without thanks.
    assert.match(gone!.comment, /tidak lagi memiliki situs di portal \(pensiun/);
  });

  it("keeps a unit's own words from mentioning anyone or breaking the issue's Markdown", async () => {
    const hostile = {
      ...report,
      units: report.units.map((u) =>
        u.slug === "sepi"
          ? { ...u, name: "@everyone <img src=x onerror=alert(1)> **Kecamatan**", short_name: "@here" }
          : u,
      ),
    };
    const body = (reminderPlan(hostile, portal, []).find((a) => a.key === unitKey("sepi")) as { body: string }).body;
    assert.match(body, /\(\\@everyone \\<img src\\=x onerror\\=alert\\\(1\\\)\\> \\\*\\\*Kecamatan\\\*\\\*\)/);
    const summary = (reminderPlan(hostile, portal, []).find((a) => a.key === summaryKey) as { body: string }).body;
    assert.match(summary, /\| \\@here \|/);
  });

  it("row 6 of issue 23: an overdue document's title with a line break, a rule and an address stays one plain line of the issue", () => {
    const title =
      "Laporan Berkala\n\n---\n# Judul palsu\nhttps://evil.example/slot www.evil.example @pemkab-paser/dkisp";
    const hostile = {
      ...report,
      units: report.units.map((u) =>
        u.slug === "sepi"
          ? { ...u, overdue: [{ path: "sites/sepi/content/dokumen/lkj.md", title, reviewed: "2026-01-01", days: 334 }] }
          : u,
      ),
    };
    const body = (reminderPlan(hostile, portal, []).find((a) => a.key === unitKey("sepi")) as { body: string }).body;
    const line = body.split("\n").find((l) => l.includes("Laporan Berkala"))!;
    assert.ok(line.startsWith(String.raw`- Laporan Berkala  \-\-\- \# Judul palsu https\:\/\/evil\.example`), line);
    // Rendered as GitHub renders Markdown (autolinks of addresses and www. included): one list
    // item, no rule, no heading, no link, no mention.
    const html = new MarkdownIt({ linkify: true }).render(body);
    assert.doesNotMatch(html, /<hr|<h1|href="[^"]*evil/);
    assert.match(
      html,
      /<li>Laporan Berkala {2}--- # Judul palsu https:\/\/evil\.example\/slot www\.evil\.example @pemkab-paser\/dkisp \(<code>/,
    );
  });
});

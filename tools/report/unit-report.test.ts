import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PortalConfig } from "../core/records.ts";
import { defaultSchemaDir } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { loadSchemas } from "../schema/schemas.ts";
import { loadCompletenessRules } from "./completeness-rules.ts";
import { activityHistoryWorkspace, type FixtureWorkspace, fixtureNow } from "./fixtures/activity-history.ts";
import { reportCsv, reportText } from "./report-formats.ts";
import { type RegencyReport, regencyReport } from "./unit-report.ts";
import { contentFacts, reportedFields } from "./unit-content.ts";
import { type HubFacts, hubFactsText } from "../published/hub-facts.ts";

/** `npm run report` on a regency whose Git history and content are known: states, scores, gaps. */
describe("the report of a fixture regency with a known history", () => {
  let ws: FixtureWorkspace;
  let portal: PortalConfig;
  let report: RegencyReport;
  const unit = (slug: string) => report.units.find((u) => u.slug === slug)!;

  before(async () => {
    ws = await activityHistoryWorkspace();
    portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    report = await regencyReport(ws, portal, { now: fixtureNow });
  });
  after(() => ws.dispose());

  it("starts from content that validates (what the report reads is what the sites publish)", async () => {
    const { sites, portalProblems } = await validateWorkspace(ws, undefined, { now: fixtureNow });
    assert.deepEqual([...portalProblems, ...sites.flatMap((s) => s.problems)].map(formatProblem), []);
  });

  it("judges each unit the same from what its last build kept for the hub as from its Markdown", async () => {
    const { sites, registry } = await validateWorkspace(ws, undefined, { now: fixtureNow });
    // Only the fields the report reads, through the file's own text, as the hub reads it back
    // (published/hub-facts.ts): a field the report needs and the facts lack changes the report.
    const fields = reportedFields(loadSchemas(defaultSchemaDir()), loadCompletenessRules());
    const kept = (content: Parameters<typeof contentFacts>[0]) =>
      (
        JSON.parse(
          hubFactsText('{"version":1,"generated":"2026-01-01T00:00:00Z","items":[]}', contentFacts(content, fields)),
        ) as HubFacts
      ).content;
    const published = new Map(sites.map((s) => [s.slug, kept(s.content)]));
    // No Markdown where the units' folders were: only the facts can give the same judgement.
    const empty = await mkdtemp(join(tmpdir(), "portal-no-sites-"));
    try {
      const fromFacts = await regencyReport({ ...ws, sitesDir: empty }, portal, {
        now: fixtureNow,
        registry,
        published,
      });
      assert.deepEqual(fromFacts, report);
      const fromNothing = await regencyReport({ ...ws, sitesDir: empty }, portal, { now: fixtureNow, registry });
      assert.notDeepEqual(fromNothing.units, report.units, "without the facts the empty folders say otherwise");
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("gives each unit its state from its last dated item, or from the day it was added", () => {
    assert.deepEqual(Object.fromEntries(report.units.map((u) => [u.slug, u.state])), {
      lengkap: "active",
      sepi: "quiet",
      tidur: "dormant",
      baru: "active",
      rencana: "none",
    });
    assert.equal(unit("lengkap").days_since_item, 10);
    assert.equal(unit("sepi").days_since_item, 139);
    assert.equal(unit("tidur").days_since_item, 426);
    assert.equal(unit("baru").days_since_item, null);
    assert.deepEqual(report.summary.states, { active: 2, quiet: 1, dormant: 1, none: 1 });
  });

  it("takes the last content change from Git history, not from file times", () => {
    assert.equal(report.history, "git");
    assert.equal(unit("tidur").last_change, "2025-10-02T01:00:00.000Z");
    assert.equal(unit("sepi").last_change, "2026-07-16T02:00:00.000Z");
    assert.equal(unit("lengkap").last_change, "2026-11-28T07:30:00.000Z");
  });

  it("row 15 of issue 23: a commit dated 2030 is flagged, not shown as the last change or taken as activity", async () => {
    const other = await activityHistoryWorkspace();
    try {
      await writeFile(join(other.sitesDir, "tidur/content/halaman/profil.md"), "---\ntitle: Profil\n---\nDiubah.\n");
      const env = {
        ...process.env,
        GIT_AUTHOR_DATE: "2030-01-01T08:00:00+08:00",
        GIT_COMMITTER_DATE: "2030-01-01T08:00:00+08:00",
      };
      for (const args of [
        ["add", "-A"],
        [
          "-c",
          "commit.gpgsign=false",
          "-c",
          "user.name=Uji",
          "-c",
          "user.email=uji@paserkab.go.id",
          "commit",
          "-qm",
          "tanggal palsu",
        ],
      ])
        assert.equal(spawnSync("git", args, { cwd: other.root, env }).status, 0);
      const forged = await regencyReport(other, portal, { now: fixtureNow });
      const tidur = forged.units.find((u) => u.slug === "tidur")!;
      assert.equal(tidur.last_change, "2025-10-02T01:00:00.000Z");
      assert.equal(tidur.future_change, "2030-01-01T00:00:00.000Z");
      assert.equal(tidur.state, "dormant");
      const text = reportText(forged);
      assert.match(text, /^tidur +lama tidak diperbarui +2025-10-02 /m);
      assert.doesNotMatch(text, /^tidur .*2030/m);
      assert.match(
        text,
        /Commit bertanggal di masa depan, tidak dihitung sebagai perubahan terakhir .*: tidur 2030-01-01\./,
      );
      assert.equal(
        report.units.every((u) => u.future_change === null),
        true,
        "the fixture itself has none",
      );
    } finally {
      await other.dispose();
    }
  });

  it("counts dated items per month over 12 months in WITA, leaving out what is scheduled for later", () => {
    const months = unit("lengkap").items_per_month;
    assert.equal(months.length, 12);
    assert.equal(months[0]!.month, "2026-01");
    assert.equal(months.at(-1)!.month, "2026-12");
    assert.deepEqual(
      months.filter((m) => m.count).map((m) => `${m.month}:${m.count}`),
      // Five documents of 2026-02 (dokumen is an x-activity type: a publication), a survey, three news.
      ["2026-02:5", "2026-07:1", "2026-10:2", "2026-11:1"],
    );
    assert.equal(unit("lengkap").last_item, "2026-11-20T16:00:00.000Z");
    // tidur's news of 2025-10 lies outside the window.
    assert.equal(
      unit("tidur").items_per_month.reduce((s, m) => s + m.count, 0),
      0,
    );
    assert.equal(report.summary.items_per_month.find((m) => m.month === "2026-07")!.count, 2);
  });

  it("scores completeness per unit type, naming each missing item with its legal basis", () => {
    assert.deepEqual(unit("lengkap").completeness, { score: 100, met: 18, applicable: 18, missing: [] });
    assert.equal(unit("portal"), undefined);
    assert.equal(report.hub.slug, "portal");
    assert.equal(unit("rencana").completeness, null);
    const baru = unit("baru").completeness!;
    // Starter pages still holding [[Isi: ...]] count as missing, with that reason.
    const profil = baru.missing.find((m) => m.id === "halaman-profil")!;
    assert.match(profil.reason, /\[\[Isi: \.\.\.\]\]/);
    assert.match(profil.fix, /sites\/baru\/content\/halaman\/profil\.md/);
    assert.deepEqual(
      profil.basis.map((b) => b.title),
      ["UU 14/2008 Pasal 9", "Perki 1/2021", "Panduan Situs Web Pemda (Depkominfo 2003)"],
    );
    const lapor = baru.missing.find((m) => m.id === "lapor")!;
    assert.equal(lapor.reason, "belum diisi");
    assert.match(lapor.basis.map((b) => b.title).join(), /Perpres 76\/2013/);
    assert.equal(baru.applicable, 18);
    assert.equal(baru.met, 0);
    assert.equal(baru.score, 0);
    // A kecamatan owes the service rules too; its renstra counts.
    const sepi = unit("sepi").completeness!;
    assert.equal(sepi.applicable, 18);
    assert.ok(!sepi.missing.some((m) => m.id === "dokumen-renstra"));
    assert.ok(sepi.missing.some((m) => m.id === "skm"));
    assert.equal(sepi.met, 1);
    assert.equal(sepi.score, 5);
    // A badan is not a kecamatan: the rules say which apply.
    assert.equal(unit("tidur").completeness!.applicable, 18);
  });

  it("lists berkala documents not reviewed for more than 6 months", () => {
    assert.deepEqual(unit("sepi").overdue, [
      {
        path: "sites/sepi/content/dokumen/renstra.md",
        title: "Renstra Kecamatan Sepi",
        reviewed: "2026-03-01",
        days: 275,
      },
    ]);
    assert.deepEqual(unit("lengkap").overdue, []);
  });

  it("says links and page weights were not checked when nothing is built", () => {
    assert.equal(report.built, false);
    assert.equal(unit("lengkap").broken_links, null);
    assert.match(reportText(report), /Situs belum dibangun/);
  });

  it("prints a table and every gap with its reason, and a CSV a spreadsheet cannot turn into formulas", async () => {
    const text = reportText(report);
    assert.match(text, /^sepi +jarang diperbarui +2026-07-16 +139 hari lalu/m);
    assert.match(text, /^tidur +lama tidak diperbarui/m);
    assert.match(text, /^rencana +belum punya situs/m);
    assert.match(
      text,
      /sepi \(Kecamatan Sepi\): jarang diperbarui: isi bertanggal terakhir 139 hari lalu; kelengkapan 5%/,
    );
    assert.match(
      text,
      /Dokumen berkala belum ditinjau sejak 2026-03-01 \(275 hari\): sites\/sepi\/content\/dokumen\/renstra\.md/,
    );
    assert.doesNotMatch(text, /^lengkap \(/m);
    const file = join(ws.sitesDir, "baru/site.json");
    const site = JSON.parse(await readFile(file, "utf8"));
    await writeFile(file, JSON.stringify({ ...site, name: '=HYPERLINK("http://x.test","a, b")' }));
    const csv = reportCsv(await regencyReport(ws, portal, { now: fixtureNow }));
    const lines = csv.trimEnd().split("\r\n");
    assert.equal(lines.length, 6);
    assert.match(lines[0]!, /^slug,name,type,status,state,last_change,.*items_2026-12,completeness,missing,/);
    assert.match(csv, /\nbaru,"'=HYPERLINK\(""http:\/\/x\.test"",""a, b""\)",dinas,active,active,/);
    await writeFile(file, JSON.stringify(site, null, 2));
  });
});

describe("the completeness rules", () => {
  it("name a legal basis for every rule and only types, fields and values the schemas have", () => {
    const rules = loadCompletenessRules();
    assert.ok(rules.length >= 15);
    for (const r of rules) assert.ok(r.basis.length > 0 && r.units.size > 0, r.id);
    const ids = rules.map((r) => r.id);
    for (const id of ["pejabat", "kontak-ppid", "lapor", "maklumat", "skm", "layanan", "dokumen-renstra"])
      assert.ok(ids.includes(id), id);
    const lapor = rules.find((r) => r.id === "lapor")!;
    for (const type of ["dinas", "kecamatan", "rsud"] as const) assert.ok(lapor.units.has(type), type);
  });

  it("refuse a typo anywhere, every one at once, naming the rule", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-rules-"));
    try {
      await cp(defaultSchemaDir(), dir, { recursive: true });
      const file = join(dir, "completeness.json");
      const data = JSON.parse(await readFile(file, "utf8"));
      data.rules[0].units = ["dinass"];
      data.rules[1].basis = ["uu14-p99"];
      data.rules[2].require = { content: "beritaa" };
      data.rules[8].require.where.kind = "renstraa";
      data.rules[9].require = { site_field: "lapor" };
      await writeFile(file, JSON.stringify(data));
      assert.throws(
        () => loadCompletenessRules(loadSchemas(dir)),
        (e: Error) => {
          for (const pattern of [
            /rules\[0\] \(halaman-profil\): units: "dinass" is neither a unit type nor a group/,
            /rules\[1\] \(halaman-visi-misi\): basis: "uu14-p99" is not in "bases"/,
            /rules\[2\].*"beritaa" is not a content type/,
            /rules\[8\].*where: kind "renstraa" is not one of renstra, renja/,
            /rules\[9\].*site\.json has no field "lapor"/,
          ])
            assert.match(e.message, pattern);
          return true;
        },
      );
      await writeFile(file, JSON.stringify({ ...data, rules: [{ id: "Bad Id", label: "x" }] }));
      assert.throws(() => loadCompletenessRules(loadSchemas(dir)), /content-schema\/completeness\.json/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

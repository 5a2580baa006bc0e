import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { activityHistoryWorkspace, type FixtureWorkspace, fixtureNow } from "../report/fixtures/activity-history.ts";
import type { RegencyReport } from "../report/unit-report.ts";

/** `npm run report`: the same report as text, JSON and CSV; a bad option is refused with the reason. */
describe("portal report", () => {
  let ws: FixtureWorkspace;
  const report = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "report", "--root", ws.root, ...args],
      { encoding: "utf8", timeout: 60_000 },
    );
  before(async () => {
    ws = await activityHistoryWorkspace();
  });
  after(() => ws.dispose());

  it("prints the table and the gaps, JSON for tools and CSV for a spreadsheet, exiting 0", () => {
    const now = fixtureNow.toISOString();
    const text = report("--now", now);
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^Laporan situs perangkat daerah per 1 Desember 2026 pukul 12\.00 WITA/);
    assert.match(text.stdout, /5 unit: 2 aktif, 1 jarang diperbarui, 1 lama tidak diperbarui, 1 belum punya situs/);
    const json = report("--now", now, "--json");
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as RegencyReport;
    assert.equal(parsed.now, now);
    assert.deepEqual(parsed.thresholds, { quiet_after_days: 90, dormant_after_days: 180 });
    assert.equal(parsed.units.find((u) => u.slug === "sepi")!.state, "quiet");
    const csv = report("--now", now, "--csv");
    assert.equal(csv.status, 0, csv.stderr);
    assert.equal(csv.stdout.trimEnd().split("\r\n").length, 6);
  });

  it("refuses an instant it cannot read, and --json with --csv, saying why", () => {
    const bad = report("--now", "kemarin");
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--now "kemarin" is not an instant/);
    const both = report("--json", "--csv");
    assert.equal(both.status, 2);
    assert.match(both.stderr, /Choose one of --json and --csv/);
  });

  it("plans the reminders from the report and the open issues, and refuses an unreadable list", async () => {
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "reminders", "--root", ws.root, ...args],
        { encoding: "utf8", timeout: 60_000 },
      );
    const issues = join(ws.root, "open-issues.json");
    await writeFile(
      issues,
      JSON.stringify([{ number: 3, title: "x", body: "<!-- portal-reminder: unit:lengkap -->" }]),
    );
    const planned = cli("--now", fixtureNow.toISOString(), "--open-issues", issues);
    assert.equal(planned.status, 0, planned.stderr);
    const plan = JSON.parse(planned.stdout) as { action: string; key: string }[];
    assert.deepEqual(
      plan.map((a) => `${a.action} ${a.key}`),
      ["open unit:tidur", "open unit:baru", "open unit:sepi", "open ringkasan", "close unit:lengkap"],
    );
    assert.match(planned.stderr, /Reminders: 4 to open, 0 to update, 1 to close\./);
    await writeFile(issues, '{"not": "a list"}');
    const refused = cli("--open-issues", issues);
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, /open-issues\.json: expected a list of \{number, title, body\}/);
  });

  it("refuses thresholds where dormant does not come after quiet, naming portal.json's field", async () => {
    const original = await readFile(ws.portalFile, "utf8");
    try {
      await writeFile(
        ws.portalFile,
        JSON.stringify({ ...JSON.parse(original), activity: { quiet_after_days: 200 } }, null, 2),
      );
      const refused = report();
      assert.equal(refused.status, 1);
      assert.match(
        refused.stderr,
        /^portal\.json:\d+: \/activity\/dormant_after_days: dormant_after_days \(180\) harus lebih besar dari quiet_after_days \(200\)/,
      );
    } finally {
      await writeFile(ws.portalFile, original);
    }
  });
});

import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdir, rm, writeFile, readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { buildSites } from "../pipeline/build-sites.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";

const checkLinks = (root: string) =>
  spawnSync(
    process.execPath,
    ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "check-links", "--root", root],
    { encoding: "utf8" },
  );

describe("npm run check-links", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    const report = await buildSites(ws, undefined, { now: new Date("2026-11-27T10:00:00+08:00") });
    assert.ok(
      report.results.every((r) => r.ok),
      JSON.stringify(report),
    );
  });
  after(() => ws.dispose());

  it("finds no broken link in a fresh build, following links within and between sites", () => {
    const run = checkLinks(ws.root);
    assert.equal(run.status, 0, run.stderr);
    const m = /No broken link\. 2 sites, (\d+) pages, (\d+) links to (\d+) addresses in the portal checked/.exec(
      run.stdout,
    );
    assert.ok(m, run.stdout);
    assert.ok(Number(m[1]) > 20 && Number(m[3]) > 50, run.stdout);
  });

  it("flags an outbound link in the built output that no source contains, as tampering (exit 1)", async () => {
    const page = join(ws.distDir, "dinkes/index.html");
    const original = await readFile(page, "utf8");
    // A defacer with write access to the web root adds a gambling link; the content has none.
    await writeFile(page, original.replace("</main>", '<a href="https://slot-gacor.example/daftar">promo</a></main>'));
    try {
      const run = checkLinks(ws.root);
      assert.equal(run.status, 1, run.stdout);
      assert.match(
        run.stderr,
        /dist\/dinkes\/index\.html: links to https:\/\/slot-gacor\.example\/daftar, which no content, site\.json or theme file contains/,
      );
      assert.match(run.stderr, /1 outbound links no source explains/);
      // The outbound links the sources do contain (LAPOR!, an official's LHKPN) are not flagged.
      assert.doesNotMatch(run.stderr, /lapor\.go\.id|kpk\.go\.id/);
    } finally {
      await writeFile(page, original);
    }
  });

  it("follows the hub's search page to the index of the units' records it merges", async () => {
    // The last part the hub's search names (records-index.ts): each part's entry is followed.
    const [part] = (await readdir(join(ws.distDir, "portal/pagefind/units"))).sort().reverse();
    const entry = join(ws.distDir, "portal/pagefind/units", part!, "pagefind-entry.json");
    const original = await readFile(entry, "utf8");
    await rm(entry);
    try {
      const run = checkLinks(ws.root);
      assert.equal(run.status, 1, run.stdout);
      assert.match(
        run.stderr,
        new RegExp(`dist/portal/cari/index\\.html .*/pagefind/units/${part}/pagefind-entry\\.json → no such file`),
      );
    } finally {
      await writeFile(entry, original);
    }
  });

  it("reports a page of one unit that another site links to after it disappears, and exits 1", async () => {
    // As if dinkes's article were deleted and only dinkes rebuilt: the hub still links to it.
    await rm(join(ws.distDir, "dinkes/berita/posyandu-serentak"), { recursive: true });
    // And a link inside one site to a file that does not exist.
    const profile = join(ws.distDir, "dinkes/profil/index.html");
    await writeFile(
      profile,
      (await readFile(profile, "utf8")).replace("</main>", '<a href="/media/hilang.pdf">PDF</a></main>'),
    );
    const run = checkLinks(ws.root);
    assert.equal(run.status, 1);
    assert.match(
      run.stderr,
      /dist\/portal\/index\.html \(https:\/\/paserkab\.go\.id\/\): https:\/\/dinkes\.paserkab\.go\.id\/berita\/posyandu-serentak\/ → no such page/,
    );
    assert.match(
      run.stderr,
      /dist\/dinkes\/profil\/index\.html \(https:\/\/dinkes\.paserkab\.go\.id\/profil\/\): \/media\/hilang\.pdf → no such file \(https:\/\/dinkes\.paserkab\.go\.id\/media\/hilang\.pdf\)/,
    );
    assert.match(run.stderr, /\d+ broken links on \d+ pages\./);
  });

  it("counts the CMS's files the site names (the deploy adds them) as there, and no other file below /admin/decap/", async () => {
    // The first test passed with /admin/ loading /admin/decap/decap-cms.js, absent from dist/.
    const admin = join(ws.distDir, "dinkes/admin/index.html");
    const original = await readFile(admin, "utf8");
    await writeFile(
      admin,
      original.replace("</body>", '<script type="module" src="/admin/decap/tambahan.js"></script></body>'),
    );
    try {
      const run = checkLinks(ws.root);
      assert.equal(run.status, 1);
      assert.match(run.stderr, /\/admin\/decap\/tambahan\.js → no such file/);
      assert.doesNotMatch(run.stderr, /decap-cms\.js/);
    } finally {
      await writeFile(admin, original);
    }
  });

  it("says so when nothing is built", () => {
    const run = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(toolsRepoRoot, "tools/cli/portal.ts"),
        "check-links",
        "--root",
        ws.root,
        "--dist",
        join(ws.root, "kosong"),
      ],
      { encoding: "utf8" },
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /No built site in .*kosong: run `npm run build` first/);
  });
});

import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { formatProblem } from "../problems/problem.ts";
import type { PortalConfig } from "../core/records.ts";
import { nextPublicationChange, publicationChanges } from "../content/publication-window.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { buildSites } from "./build-sites.ts";

/** `publish_at` and `unpublish_at`: an item is out of everything outside its window, with a fixed clock. */
describe("scheduled publishing", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  const berita = () => join(ws.sitesDir, "dinkes/content/berita");
  const item = (title: string, extra: string) =>
    `---\ntitle: ${title}\ndate: 2026-11-20\nsummary: Ringkasan ${title.toLowerCase()} untuk uji jadwal.\n${extra}---\nIsi ${title}.\n`;
  /** Everything that could show an item: its page, the list, the feeds, the manifest, the search index, the hub. */
  const shown = async (title: string, file: string) => {
    const dist = ws.distDir;
    const read = (p: string) => readFile(join(dist, p), "utf8").catch(() => "");
    const pagefind = join(dist, "dinkes/pagefind/fragment");
    const fragments = existsSync(pagefind) ? (await readdir(pagefind)).length : 0;
    return {
      page: existsSync(join(dist, `dinkes/berita/${file}/index.html`)),
      list: (await read("dinkes/berita/index.html")).includes(title),
      feed: (await read("dinkes/feed.xml")).includes(title) || (await read("dinkes/feed.json")).includes(title),
      manifest: (await read("dinkes/manifest.json")).includes(title),
      hub: (await read("portal/index.html")).includes(title),
      fragments,
    };
  };
  let portalConfig: PortalConfig;
  const portal = () => portalConfig;
  const build = (iso: string) => buildSites(ws, undefined, { now: new Date(iso) });

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    portalConfig = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    await writeFile(join(berita(), "terjadwal.md"), item("Vaksinasi Terjadwal", "publish_at: 2026-12-10 08:00\n"));
    await writeFile(join(berita(), "kedaluwarsa.md"), item("Lowongan Kedaluwarsa", "unpublish_at: 2026-12-01 00:00\n"));
  });
  after(() => ws.dispose());

  it("validates both, and refuses an unpublish_at before its publish_at", async () => {
    const { sites } = await validateWorkspace(ws);
    assert.deepEqual(
      sites.flatMap((s) => s.problems.map(formatProblem)),
      [],
    );
    await writeFile(
      join(berita(), "terbalik.md"),
      item("Jadwal Terbalik", "publish_at: 2026-12-10 08:00\nunpublish_at: 2026-12-09 08:00\n"),
    );
    const problems = (await validateWorkspace(ws)).sites.flatMap((s) => s.problems.map(formatProblem)).join("\n");
    assert.match(problems, /sites\/dinkes\/content\/berita\/terbalik\.md:\d+: \/unpublish_at/);
    await writeFile(join(berita(), "terbalik.md"), item("Jadwal Normal", ""));
  });

  it("keeps an item out of every page, list, feed, manifest, search index and the hub until its publish_at, in WITA", async () => {
    // 10 December 07:59 WITA is 09 December 23:59 UTC: not yet.
    let report = await build("2026-12-09T23:59:00Z");
    assert.deepEqual(
      report.results.filter((r) => !r.ok),
      [],
    );
    const before = await shown("Vaksinasi Terjadwal", "terjadwal");
    assert.deepEqual(
      { ...before, fragments: undefined },
      { page: false, list: false, feed: false, manifest: false, hub: false, fragments: undefined },
    );
    assert.equal((await shown("Jadwal Normal", "terbalik")).page, true, "an item without a schedule is published");
    // 08:00 WITA: out it comes.
    report = await build("2026-12-10T00:00:00Z");
    assert.deepEqual(
      report.results.filter((r) => !r.ok),
      [],
    );
    const now = await shown("Vaksinasi Terjadwal", "terjadwal");
    assert.deepEqual(
      { ...now, fragments: undefined },
      { page: true, list: true, feed: true, manifest: true, hub: true, fragments: undefined },
    );
    assert.equal(now.fragments, before.fragments + 1, "one more page in the search index");
  });

  it("takes an item down at its unpublish_at", async () => {
    await build("2026-11-30T15:59:00Z");
    assert.equal((await shown("Lowongan Kedaluwarsa", "kedaluwarsa")).page, true);
    // 1 December 00:00 WITA is 30 November 16:00 UTC.
    await build("2026-11-30T16:00:00Z");
    const gone = await shown("Lowongan Kedaluwarsa", "kedaluwarsa");
    assert.deepEqual([gone.page, gone.list, gone.manifest, gone.hub], [false, false, false, false]);
  });

  it("tells npm start's clock the next moment any unit's item appears or disappears", () => {
    assert.equal(
      nextPublicationChange(ws, portal(), new Date("2026-12-01T00:00:00Z"))?.toISOString(),
      "2026-12-10T00:00:00.000Z",
    );
    assert.equal(nextPublicationChange(ws, portal(), new Date("2026-12-10T00:00:00Z")), undefined);
  });

  it("names the moments a rebuild must follow, as instants", () => {
    assert.deepEqual(
      publicationChanges({ publish_at: "2026-12-10 08:00", unpublish_at: "2026-12-31 23:59" }, "Asia/Makassar").map(
        (d) => d.toISOString(),
      ),
      ["2026-12-10T00:00:00.000Z", "2026-12-31T15:59:00.000Z"],
    );
  });
});

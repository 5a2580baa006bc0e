import assert from "node:assert/strict";
import { formatDeskProblem, type DeskProblem } from "../problems/desk-refusals.ts";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { readRegistry, readRetired } from "../content/registry.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { checkLinks } from "../links/check-links.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { get, type RunningNginx, startNginx } from "../test/nginx.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { createSite } from "./new-site.ts";
import { retireSite } from "./retire-site.ts";

/** `retire-site`: a unit leaves the network, and its subdomain never dangles. */
describe("retire-site", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let portal: PortalConfig;
  let nginx: RunningNginx | undefined;
  const now = new Date("2026-12-01T10:00:00+08:00");
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "retire-site", "--root", ws.root, ...args],
      { encoding: "utf8" },
    );

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    for (const [slug, name] of [
      ["dishub", "Dinas Perhubungan"],
      ["kesbangpol", "Badan Kesatuan Bangsa dan Politik"],
    ] as const) {
      const made = await createSite(ws, portal, { slug, name, type: "dinas" });
      assert.ok(made.ok, JSON.stringify(made));
    }
  });
  after(async () => {
    await nginx?.stop();
    await ws.dispose();
  });

  it("refuses the hub, a unit that does not exist or is retired, and a successor that is no active unit", async () => {
    const cases: [Parameters<typeof retireSite>[2], RegExp][] = [
      [{ slug: portal.hub }, /is the hub/],
      [{ slug: "dinsos" }, /not a unit: sites\/dinsos\/site\.json does not exist/],
      [{ slug: "../etc" }, /not a unit/],
      [{ slug: "dishub", successor: "dishub" }, /--successor: "dishub" is not another active unit/],
      [{ slug: "dishub", successor: "dinsos" }, /--successor: "dinsos"/],
    ];
    for (const [spec, reason] of cases) {
      const result = await retireSite(ws, portal, spec);
      assert.equal(result.ok, false, spec.slug);
      assert.match((result as { problems: DeskProblem[] }).problems.map(formatDeskProblem).join("\n"), reason);
    }
    assert.ok(existsSync(join(ws.sitesDir, "dishub/content/halaman/profil.md")), "nothing was changed");
  });

  it("marks the unit retired with the day and who took over, and removes its content from the tree", async () => {
    await mkdir(join(ws.root, ".github"));
    // kesbangpol links to dishub: its editors are told, since validation refuses such a link now.
    await writeFile(
      join(ws.sitesDir, "kesbangpol/content/halaman/kontak.md"),
      "---\ntitle: Kontak\n---\nLihat juga [Dishub](site:dishub).\n",
    );
    const run = cli("dishub", "--successor", "dinkes");
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Retired Dinas Perhubungan/);
    assert.match(run.stdout, /Removed sites\/dishub\/content\/ from the working tree; Git history keeps them/);
    assert.match(
      run.stdout,
      /dishub\.paserkab\.go\.id will redirect \(301\) to https:\/\/paserkab\.go\.id\/arsip\/dishub\//,
    );
    const record = JSON.parse(await readFile(join(ws.sitesDir, "dishub/site.json"), "utf8")) as SiteRecord;
    assert.equal(record.status, "retired");
    assert.match(String(record.retired_on), /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(record.successor, "dinkes");
    assert.equal(existsSync(join(ws.sitesDir, "dishub/content")), false);
    // Still valid, still taken, out of the registry and of CODEOWNERS; the link to it is refused.
    let { sites, portalProblems } = await validateWorkspace(ws, undefined, { now });
    assert.deepEqual(
      [...portalProblems, ...sites.flatMap((s) => s.problems)].map((p) => p.file),
      ["sites/kesbangpol/content/halaman/kontak.md"],
    );
    await writeFile(join(ws.sitesDir, "kesbangpol/content/halaman/kontak.md"), "---\ntitle: Kontak\n---\nKontak.\n");
    ({ sites, portalProblems } = await validateWorkspace(ws, undefined, { now }));
    assert.deepEqual([...portalProblems, ...sites.flatMap((s) => s.problems)].map(formatProblem), []);
    assert.deepEqual((await readRegistry(ws)).map((s) => s.slug).includes("dishub"), false);
    assert.deepEqual(
      (await readRetired(ws)).map((s) => s.slug),
      ["dishub"],
    );
    assert.doesNotMatch(await readFile(join(ws.root, ".github/CODEOWNERS"), "utf8"), /dishub/);
    assert.equal((await createSite(ws, portal, { slug: "dishub", name: "Dinas Baru", type: "dinas" })).ok, false);
    const again = cli("dishub");
    assert.equal(again.status, 1);
    assert.match(again.stderr, /was retired on \d{4}-\d{2}-\d{2} already/);
  });

  it("leaves the network and the directory, and the hub writes a page about it", async () => {
    const built = await buildSites(ws, undefined, { base: { protocol: "https:", apex: portal.domain }, now });
    assert.deepEqual(
      built.results.map((r) => `${r.slug}:${r.ok}`),
      ["dinkes:true", "kesbangpol:true", "portal:true"],
    );
    const home = await readFile(join(ws.distDir, "portal/index.html"), "utf8");
    assert.doesNotMatch(home, /dishub\.paserkab\.go\.id/);
    // Listed apart in the directory, linking to the page its old name now leads to.
    const directory = await readFile(join(ws.distDir, "portal/direktori/index.html"), "utf8");
    assert.doesNotMatch(directory, /dishub\.paserkab\.go\.id/);
    assert.match(
      directory,
      /Unit yang situsnya tidak aktif lagi<\/h2>\s*<ul><li><a href="\/arsip\/dishub\/">Dinas Perhubungan<\/a><\/li><\/ul>/,
    );
    assert.doesNotMatch(await readFile(join(ws.distDir, "kesbangpol/index.html"), "utf8"), /dishub/);
    // Nothing links to the retired unit's old address; the page about it is linked and exists.
    assert.deepEqual(checkLinks(ws.distDir).broken, []);
    const page = await readFile(join(ws.distDir, "portal/arsip/dishub/index.html"), "utf8");
    assert.match(page, /<h1>Dinas Perhubungan<\/h1>/);
    assert.match(page, /Situs Dinas Perhubungan tidak aktif lagi sejak \d{1,2} \w+ \d{4}\./);
    assert.match(page, /Tugas dan layanannya kini dijalankan oleh <a href="https:\/\/dinkes\.paserkab\.go\.id\/">/);
  });

  it("answers the retired subdomain with a permanent redirect to that page, served by a real nginx", async () => {
    const serveRoot = join(ws.root, "srv");
    for (const s of await readRegistry(ws)) {
      await mkdir(join(serveRoot, s.slug), { recursive: true });
      await rename(join(ws.distDir, s.slug), join(serveRoot, s.slug, "current"));
    }
    const base = { protocol: "https:", apex: portal.domain } as const;
    const [sites, retired] = [await readRegistry(ws), await readRetired(ws)];
    nginx = await startNginx((port) =>
      nginxConfig({ portal, sites, retired, root: serveRoot, base, listen: `127.0.0.1:${port}`, brotli: false }),
    );
    for (const path of ["/", "/berita/kabar-lama/?x=1"]) {
      const moved = await get(nginx.port, "dishub.paserkab.go.id", path);
      assert.equal(moved.status, 301, path);
      assert.equal(moved.headers.location, "https://paserkab.go.id/arsip/dishub/");
    }
    const about = await get(nginx.port, "paserkab.go.id", "/arsip/dishub/");
    assert.equal(about.status, 200);
    assert.match(about.body, /tidak aktif lagi/);
    // The other units are served as before; an unknown name is still a 404.
    assert.equal((await get(nginx.port, "kesbangpol.paserkab.go.id", "/")).status, 200);
    assert.equal((await get(nginx.port, "dishubb.paserkab.go.id", "/")).status, 404);
    // Without retired units the configuration has no such server at all.
    assert.doesNotMatch(nginxConfig({ portal, sites, root: serveRoot, base, brotli: false }), /portal_retired/);
  });
});

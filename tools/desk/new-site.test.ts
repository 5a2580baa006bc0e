import assert from "node:assert/strict";
import { formatDeskProblem, type DeskProblem, type DeskRefusal } from "../problems/desk-refusals.ts";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PortalConfig } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { readRegistry } from "../content/registry.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { grantsOf } from "../gateway/access.ts";
import { codeownersOf } from "../gateway/codeowners.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { createSite } from "./new-site.ts";
import { hasFillIn } from "../content/fill-in.ts";

const reference = JSON.parse(await readFile(join(toolsRepoRoot, "tools/demo/skpd-paser.json"), "utf8")) as {
  units: { slug: string; name: string; short_name: string; type: string }[];
};

/** `new-site`: a unit online in one command, everything else following from the registry. */
/** What the desk would print for a refused result, one problem a line. */
const said = (result: unknown) =>
  ((result as { problems: DeskProblem[] }).problems ?? []).map(formatDeskProblem).join("\n");

describe("new-site", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let portal: PortalConfig;

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    // From an empty regency: the hub alone.
    await rm(join(ws.sitesDir, "dinkes"), { recursive: true });
    portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
  });
  after(() => ws.dispose());

  it("refuses a slug that is taken, reserved or not a DNS label, and a wrong type, all at once, writing nothing", async () => {
    const cases: [string, RegExp][] = [
      ["Dinkes", /not a DNS label.*try "dinkes"/],
      ["dinas_kesehatan", /not a DNS label.*try "dinas-kesehatan"/],
      ["-dinkes", /not a DNS label/],
      ["a".repeat(64), /not a DNS label/],
      ["www", /reserved/],
      ["admin", /reserved/],
      ["mail", /reserved/],
      ["halaman-2", /reserved/],
      [portal.hub, /reserved \(the hub's folder\)/],
      ["xn--dnkes-zsa", /encoded international name \(xn--dnkes-zsa shows as "dínkes"/],
      // Row 12 of issue 23: labels that look like another unit's in an address bar.
      ["p0rtal", /"p0rtal" looks like "portal" \(sites\/portal\/\) in an address bar/],
      ["por-tal", /"por-tal" looks like "portal"/],
      ["portai", /"portai" looks like "portal"/],
    ];
    for (const [slug, reason] of cases) {
      const result = await createSite(ws, portal, { slug, name: "Dinas Uji", type: "dinas" });
      assert.equal(result.ok, false, slug);
      assert.match(said(result), reason, slug);
    }
    const both = await createSite(ws, portal, { slug: "WWW", name: "Dinas Uji", type: "dinass" });
    // The desk's refusals are data: a code and what the sentence is written from.
    assert.deepEqual(
      (both as { problems: DeskRefusal[] }).problems.map((p) => [p.code, p.args]),
      [
        ["slug-not-dns-label", { slug: "WWW", suggestion: "www" }],
        [
          "unknown-unit-type",
          { type: "dinass", types: (both as { problems: DeskRefusal<"unknown-unit-type">[] }).problems[1]!.args.types },
        ],
      ],
    );
    assert.deepEqual((await readdir(ws.sitesDir)).sort(), [portal.hub]);
    // Taken: a unit that exists, retired ones included.
    assert.ok((await createSite(ws, portal, { slug: "dishub", name: "Dinas Perhubungan", type: "dinas" })).ok);
    const again = await createSite(ws, portal, { slug: "dishub", name: "Dinas Perhubungan", type: "dinas" });
    assert.match(said(again), /"dishub" is taken/);
    // Another slug with a name another unit has (as its name or short name, in any case):
    // refused here, not found by the next validate.
    for (const [name, shortName] of [
      ["Dinas Perhubungan", undefined],
      ["  dinas PERHUBUNGAN ", undefined],
      ["Dinas Perhubungan Darat", "Dinas Perhubungan"],
    ] as const) {
      const twin = await createSite(ws, portal, {
        slug: "uji1",
        name,
        type: "dinas",
        ...(shortName ? { shortName } : {}),
      });
      assert.equal(twin.ok, false, name);
      // Told once, also when the short name was taken from the name.
      const lines = said(twin).split("\n");
      assert.equal(lines.filter((p) => /is already the name of sites\/dishub\//.test(p)).length, 1, lines.join("\n"));
      assert.equal(existsSync(join(ws.sitesDir, "uji1")), false, "nothing written");
    }
    await rm(join(ws.sitesDir, "dishub"), { recursive: true });
  });

  it("row 8 of issue 23: a name on several lines, of invisible characters only, or with a direction override is refused, nothing written", async () => {
    for (const [name, expected] of [
      [
        "Dinas Uji\n::add-mask::rahasia\n::error title=x::disusupi",
        /--name: holds a line break or control character \(U\+000A\); give it on one line\./,
      ],
      ["\u200b\u200b\u200b\u2060", /--name: the unit's full name/],
      ["Dinas \u202eUji", /--name: holds a bidirectional control \(U\+202E\)/],
    ] as const) {
      const result = await createSite(ws, portal, { slug: "uji1", name, shortName: "Uji", type: "dinas" });
      assert.equal(result.ok, false, name);
      const problems = said(result).split("\n");
      assert.equal(problems.length, 1, problems.join("\n"));
      assert.match(problems[0]!, expected);
      assert.equal(existsSync(join(ws.sitesDir, "uji1")), false, "nothing written");
    }
  });

  it("brings every unit of the reference list online from an empty regency: it validates and builds, and all that follows from the registry follows", async () => {
    for (const unit of reference.units) {
      const result = await createSite(ws, portal, {
        slug: unit.slug,
        name: unit.name,
        shortName: unit.short_name,
        type: unit.type,
      });
      assert.ok(result.ok, `${unit.slug}: ${JSON.stringify(result)}`);
    }
    assert.equal((await readdir(ws.sitesDir)).filter((d) => !d.startsWith(".")).length, reference.units.length + 1);
    const { sites } = await validateWorkspace(ws);
    assert.deepEqual(
      sites.flatMap((s) => s.problems),
      [],
    );

    const built = await buildSites(ws, undefined, { base: { protocol: "https:", apex: portal.domain } });
    assert.deepEqual(built.fatal, []);
    assert.deepEqual(
      built.results.filter((r) => !r.ok),
      [],
    );
    assert.equal(built.results.length, reference.units.length + 1);

    const unit = reference.units.find((u) => u.type === "kecamatan")!;
    const dist = (path: string) => readFile(join(ws.distDir, path), "utf8");
    // Its starter pages, the PPID page linking the Daftar Informasi Publik, its CMS.
    for (const page of [
      "profil",
      "visi-misi",
      "tugas-fungsi",
      "struktur-organisasi",
      "kontak",
      "ppid",
      "standar-pelayanan",
      "maklumat-pelayanan",
    ])
      assert.ok(existsSync(join(ws.distDir, unit.slug, page, "index.html")), `${unit.slug}/${page}/`);
    assert.match(await dist(`${unit.slug}/ppid/index.html`), /href="\/informasi-publik\/"/);
    assert.ok(existsSync(join(ws.distDir, unit.slug, "informasi-publik", "index.html")));
    const cms = JSON.parse(await dist(`${unit.slug}/admin/config.json`)) as { collections: { name: string }[] };
    assert.ok(cms.collections.some((c) => c.name === `${unit.slug}_berita`));
    // The hub's home and its directory name it; other units' pages do not (their strip links the directory).
    for (const page of ["index.html", "direktori/index.html"])
      assert.match(
        await dist(`${portal.hub}/${page}`),
        new RegExp(`https://${unit.slug}\\.${portal.domain.replace(/\./g, "\\.")}/`),
        page,
      );
    assert.doesNotMatch(
      await dist(`${reference.units[0]!.slug}/index.html`),
      new RegExp(`${unit.slug}\\.${portal.domain.replace(/\./g, "\\.")}`),
    );
    // CODEOWNERS, the gateway's roles and nginx follow the registry.
    const registry = await readRegistry(ws);
    assert.match(codeownersOf(portal, registry), new RegExp(`^/sites/${unit.slug}/ `, "m"));
    const grants = grantsOf([`/portal/${unit.slug}/verifikator`], portal, new Set(registry.map((s) => s.slug)));
    assert.deepEqual([...(grants.units.get(unit.slug) ?? [])], ["verifikator"]);
    assert.match(
      nginxConfig({
        portal,
        sites: registry,
        root: "/srv/portal",
        base: { protocol: "https:", apex: portal.domain },
        brotli: false,
      }),
      new RegExp(`${unit.slug}\\.${portal.domain.replace(/\./g, "\\.")} ${unit.slug};`),
    );
    // The starter pages read as a form to fill in.
    assert.ok(hasFillIn(await readFile(join(ws.sitesDir, unit.slug, "content/halaman/visi-misi.md"), "utf8")));
  });

  it("npm run new-site writes CODEOWNERS again and says what follows; a bad call writes nothing and exits 1", async () => {
    await mkdir(join(ws.root, ".github"), { recursive: true });
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "new-site", "--root", ws.root, ...args],
        {
          encoding: "utf8",
        },
      );
    const ok = cli(
      "dinkominfo2",
      "--name",
      "Dinas Komunikasi dan Informatika Uji",
      "--short-name",
      "Diskominfo Uji",
      "--type",
      "dinas",
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /Created sites\/dinkominfo2\/: site\.json and 8 starter pages/);
    assert.match(ok.stdout, /\/portal\/dinkominfo2\/penulis and \/portal\/dinkominfo2\/verifikator/);
    assert.match(await readFile(join(ws.root, ".github/CODEOWNERS"), "utf8"), /^\/sites\/dinkominfo2\/ /m);
    const bad = cli("ADMIN", "--name", "X", "--type", "kantor");
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /No site was created for "ADMIN"/);
    assert.match(bad.stderr, /slug: .*not a DNS label/);
    assert.match(bad.stderr, /--type: "kantor" is not a unit type/);
    assert.equal(cli("x").status, 2);
    // Row 8 of issue 23: what was typed is quoted on one line; no line of the output is a CI command.
    const hostile = cli(
      "uji\n::error::slug",
      "--name",
      "Dinas Uji\n::add-mask::rahasia\n::error title=x::disusupi",
      "--type",
      "dinas",
    );
    assert.equal(hostile.status, 1);
    assert.match(hostile.stderr, /--name: holds a line break or control character \(U\+000A\)/);
    assert.deepEqual(
      `${hostile.stdout}${hostile.stderr}`.split("\n").filter((l) => l.trimStart().startsWith("::")),
      [],
    );
  });

  it("is an Nx generator too: nx g ./tools/nx-plugin:new-site shows the same files and, with --dry-run, writes none", () => {
    const run = spawnSync(
      process.execPath,
      [
        join(toolsRepoRoot, "node_modules/nx/dist/bin/nx.js"),
        "g",
        "./tools/nx-plugin:new-site",
        "dishubuji",
        "--name=Dinas Perhubungan Uji",
        "--short-name=Dishub Uji",
        "--type=dinas",
        "--no-interactive",
        "--dry-run",
      ],
      {
        cwd: toolsRepoRoot,
        encoding: "utf8",
        env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0" },
      },
    );
    assert.equal(run.status, 0, run.stderr + run.stdout);
    const shown = run.stdout;
    for (const file of [
      "site.json",
      "content/halaman/profil.md",
      "content/halaman/ppid.md",
      "content/halaman/maklumat-pelayanan.md",
    ])
      assert.match(shown, new RegExp(`CREATE sites/dishubuji/${file.replace(/\./g, "\\.")}`));
    assert.match(shown, /UPDATE \.github\/CODEOWNERS/);
    assert.equal(existsSync(join(toolsRepoRoot, "sites/dishubuji")), false);
    // A refused slug fails the generator with new-site's own reasons.
    const refused = spawnSync(
      process.execPath,
      [
        join(toolsRepoRoot, "node_modules/nx/dist/bin/nx.js"),
        "g",
        "./tools/nx-plugin:new-site",
        "dinkes",
        "--name=Dinas Kesehatan",
        "--type=dinas",
        "--no-interactive",
        "--dry-run",
      ],
      {
        cwd: toolsRepoRoot,
        encoding: "utf8",
        env: { ...process.env, NX_DAEMON: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0" },
      },
    );
    assert.notEqual(refused.status, 0);
    assert.match(refused.stdout + refused.stderr, /"dinkes" is taken/);
  });
});

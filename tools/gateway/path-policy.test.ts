import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { grantsOf } from "./access.ts";
import { checkBranch, checkNoLinks, checkPath, type PathContext } from "./path-policy.ts";

const units = new Set(["portal", "dinkes", "dinkes2", "dlh"]);
const portal = {};
const context = (groups: string[]): PathContext => ({ grants: grantsOf(groups, portal, units), hub: "portal", units });
const penulisDinkes = context(["/portal/dinkes/penulis"]);
const dkisp = context(["/portal/dkisp"]);

describe("an editor's roles come from SSO groups", () => {
  it("maps each unit's groups to roles there, and the DKISP group", () => {
    const grants = grantsOf(
      ["/portal/dinkes/penulis", "/portal/dlh/verifikator", "/portal/dkisp", "/lain"],
      portal,
      units,
    );
    assert.deepEqual([...grants.units.get("dinkes")!], ["penulis"]);
    assert.deepEqual([...grants.units.get("dlh")!], ["verifikator"]);
    assert.equal(grants.dkisp, true);
  });

  it("gives nothing for a unit not in the registry, a look-alike path or a group that is not text", () => {
    const grants = grantsOf(
      [
        "/portal/dinas-palsu/penulis",
        "/portal/../penulis",
        "/portal/dinkes/penulis/x",
        "portal/dinkes/penulis",
        42,
        null,
      ],
      portal,
      units,
    );
    assert.equal(grants.units.size, 0);
    assert.equal(grants.dkisp, false);
  });

  it("reads other group paths from portal.json's access", () => {
    const grants = grantsOf(
      ["penulis-dinkes", "kominfo"],
      { access: { penulis: "penulis-{slug}", dkisp: "kominfo" } },
      units,
    );
    assert.deepEqual([...grants.units.get("dinkes")!], ["penulis"]);
    assert.equal(grants.dkisp, true);
  });
});

describe("the paths an editor may read and write", () => {
  const allowed: [string, PathContext, "read" | "write"][] = [
    ["sites/dinkes/content/berita/posyandu-serentak.md", penulisDinkes, "write"],
    ["sites/dinkes/content/berita", penulisDinkes, "read"],
    ["sites/dinkes/media/berita/foto-posyandu.jpg", penulisDinkes, "write"],
    ["sites/dinkes/media/dokumen/renstra-2021.pdf", penulisDinkes, "write"],
    ["sites/dinkes/media", penulisDinkes, "read"],
    ["sites/dinkes/site.json", penulisDinkes, "read"],
    ["sites/portal/content/siaran/libur-nasional.md", dkisp, "write"],
    ["sites/portal/content/berita/rapat-koordinasi.md", dkisp, "write"],
    ["sites/dlh/site.json", dkisp, "write"],
  ];
  for (const [path, ctx, use] of allowed) {
    it(`allows ${use} of ${path}`, () => assert.deepEqual(checkPath(path, use, ctx).ok, true));
  }

  // Every trick of the issue, for a penulis of dinkes writing.
  const refused: [string, unknown][] = [
    ["another unit", "sites/dlh/content/berita/x.md"],
    ["a sibling folder sharing the prefix", "sites/dinkes2/content/berita/x.md"],
    ["the theme", "themes/default/_includes/layouts/base.njk"],
    ["the tools", "tools/cli/portal.ts"],
    ["portal.json", "portal.json"],
    [".github", ".github/workflows/deploy.yml"],
    ["Git's own config", ".git/config"],
    ["a unit's .git", "sites/dinkes/.git/config"],
    ["a hidden file", "sites/dinkes/content/berita/.x.md"],
    ["..", "sites/dinkes/../dlh/content/berita/x.md"],
    ["a trailing ..", "sites/dinkes/content/.."],
    [". segment", "sites/dinkes/./content/berita/x.md"],
    ["an empty segment", "sites//dinkes/content/berita/x.md"],
    ["an absolute path", "/etc/passwd"],
    ["an absolute path into the unit", "/sites/dinkes/content/berita/x.md"],
    ["a Windows path", "sites\\dinkes\\content\\berita\\x.md"],
    ["a drive letter", "C:/sites/dinkes/content/berita/x.md"],
    ["%-encoded ..", "sites/dinkes/%2e%2e/dlh/content/berita/x.md"],
    ["%-encoded slash", "sites/dinkes/content/berita/..%2f..%2fdlh.md"],
    ["double %-encoding", "sites/dinkes/%252e%252e/x.md"],
    ["a fullwidth solidus", "sites/dinkes／..／dlh/content/berita/x.md"],
    ["a one-dot leader", "sites/dinkes/\u2024\u2024/dlh/x.md"],
    ["a combining dot", "sites/dinkes/content/berita/x\u0307.md"],
    ["upper case", "sites/Dinkes/content/berita/x.md"],
    ["a NUL byte", "sites/dinkes/content/berita/x.md\u0000.jpg"],
    ["a newline", "sites/dinkes/content/berita/x.md\n"],
    ["a space", "sites/dinkes/content/berita/x y.md"],
    ["the unit's registry record", "sites/dinkes/site.json"],
    ["a file beside content/ and media/", "sites/dinkes/index.html"],
    ["an unknown content folder", "sites/dinkes/content/skrip/x.md"],
    ["a deeper content path", "sites/dinkes/content/berita/a/x.md"],
    ["a non-Markdown content file", "sites/dinkes/content/berita/x.html"],
    ["a content file name that is no address", "sites/dinkes/content/berita/x_y.md"],
    ["a broadcast in a unit", "sites/dinkes/content/siaran/x.md"],
    ["a broadcast on the hub by a unit's penulis", "sites/portal/content/siaran/x.md"],
    ["a script in media", "sites/dinkes/media/berita/shell.php"],
    ["an SVG", "sites/dinkes/media/berita/logo.svg"],
    ["a folder as a file", "sites/dinkes/content/berita"],
    ["the unit folder itself", "sites/dinkes"],
    ["a unit not in the registry", "sites/palsu/content/berita/x.md"],
    ["an empty path", ""],
    ["not text", { path: "sites/dinkes/content/berita/x.md" }],
    ["a very long path", `sites/dinkes/content/berita/${"a".repeat(400)}.md`],
  ];
  for (const [what, path] of refused) {
    it(`refuses ${what}, with a reason for the log and a message for the editor`, () => {
      const decision = checkPath(path, "write", penulisDinkes);
      assert.equal(decision.ok, false, JSON.stringify(path));
      if (!decision.ok) {
        assert.ok(decision.reason.length > 5);
        assert.match(decision.message, /^[A-Z].*\.$/);
      }
    });
  }

  it("refuses everything to someone with no group", () => {
    const nobody = context([]);
    assert.equal(checkPath("sites/dinkes/content/berita/x.md", "read", nobody).ok, false);
    assert.equal(checkPath("sites/dinkes/site.json", "read", nobody).ok, false);
  });

  it("gives DKISP the hub and the registry, not a unit's content", () => {
    assert.equal(checkPath("sites/dinkes/content/berita/x.md", "write", dkisp).ok, false);
  });

  it("gives DKISP a unit's logos (the top of its media folder), not its news photos or documents", () => {
    assert.equal(checkPath("sites/dinkes/media/logo-baru.png", "write", dkisp).ok, true);
    assert.equal(checkPath("sites/dinkes/media", "read", dkisp).ok, true);
    for (const path of ["sites/dinkes/media/berita/posyandu.jpg", "sites/dinkes/media/dokumen/jadwal.pdf"])
      assert.equal(checkPath(path, "write", dkisp).ok, false, path);
  });
});

describe("the tree and the drafts", () => {
  it("refuses a path through a symbolic link in the gateway's clone, and allows one that does not exist yet", async () => {
    const repo = await mkdtemp(join(tmpdir(), "portal-links-"));
    try {
      await mkdir(join(repo, "sites/dinkes/content"), { recursive: true });
      await mkdir(join(repo, "sites/dlh/content/berita"), { recursive: true });
      await symlink(join(repo, "sites/dlh/content/berita"), join(repo, "sites/dinkes/content/berita"));
      await writeFile(join(repo, "sites/dinkes/content/.keep"), "");
      const decision = checkNoLinks(repo, "sites/dinkes/content/berita/x.md");
      assert.equal(decision?.ok, false);
      assert.equal(checkNoLinks(repo, "sites/dinkes/content/pengumuman/x.md"), undefined);
    } finally {
      await rm(repo, { recursive: true, force: true });
    }
  });

  it("lets an editor touch the draft branches of their unit's collections only", () => {
    assert.equal(checkBranch("cms/dinkes_berita/posyandu-serentak", penulisDinkes).ok, true);
    for (const branch of [
      "cms/dlh_berita/x",
      "cms/dinkes2_berita/x",
      "cms/portal_siaran/x",
      "cms/dinkes_berita/../../main",
      "main",
      "cms/dinkes_berita",
      "refs/heads/cms/dinkes_berita/x",
      42,
    ])
      assert.equal(checkBranch(branch, penulisDinkes).ok, false, String(branch));
  });
});

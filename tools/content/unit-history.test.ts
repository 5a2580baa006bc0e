import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { firstCommitted, readUnitHistory } from "./unit-history.ts";

/** A repository whose commits touch units' folders at known moments (Unix seconds). */
describe("what Git says of each unit's folder", () => {
  let root: string;
  const now = new Date("2026-12-01T00:00:00Z");
  const at = (iso: string) => Math.floor(new Date(iso).getTime() / 1000);
  const git = (cwd: string, args: string[], date?: string) => {
    const r = spawnSync("git", ["-c", "user.email=t@example.org", "-c", "user.name=t", ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) },
    });
    assert.equal(r.status, 0, r.stderr);
  };
  const commit = async (files: Record<string, string>, date: string) => {
    for (const [path, text] of Object.entries(files)) {
      await mkdir(dirname(join(root, path)), { recursive: true });
      await writeFile(join(root, path), text);
    }
    git(root, ["add", "-A"]);
    git(root, ["commit", "-qm", date], date);
  };

  before(async () => {
    root = await mkdtemp(join(tmpdir(), "unit-history-"));
    git(root, ["init", "-q", "-b", "main"]);
    await commit(
      { "sites/dinkes/site.json": "{}", "sites/disdik/site.json": "{}", "README.md": "x" },
      "2025-01-10T00:00:00Z",
    );
    // A name Git would print quoted and escaped (outside ASCII, with a space): still the unit's change.
    await commit({ "sites/dinkes/content/berita/kabar café 1.md": "x" }, "2026-03-05T00:00:00Z");
    await commit({ "sites/bkad/site.json": "{}" }, "2026-06-01T00:00:00Z");
    // A commit dated years ahead: a wrong clock, not a change.
    await commit({ "sites/disdik/content/profil.md": "x" }, "2031-01-01T00:00:00Z");
    await commit({ "README.md": "y" }, "2026-11-01T00:00:00Z");
  });
  after(() => rm(root, { recursive: true, force: true }));

  it("gives each unit its last change, the day its site.json was added, and dates after now apart", async () => {
    const h = await readUnitHistory(root, now);
    assert.equal(h.git, true);
    assert.equal(h.shallow, false);
    assert.deepEqual(Object.fromEntries(h.times), {
      dinkes: at("2026-03-05T00:00:00Z"),
      bkad: at("2026-06-01T00:00:00Z"),
      disdik: at("2025-01-10T00:00:00Z"),
    });
    assert.deepEqual(Object.fromEntries(h.future), { disdik: at("2031-01-01T00:00:00Z") });
    assert.deepEqual(Object.fromEntries(h.added), {
      dinkes: at("2025-01-10T00:00:00Z"),
      disdik: at("2025-01-10T00:00:00Z"),
      bkad: at("2026-06-01T00:00:00Z"),
    });
    // The same days of addition as validation's own reading (which tells look-alike units apart).
    assert.deepEqual(Object.fromEntries(h.added), Object.fromEntries(firstCommitted(root)));
  });

  it("says when the history is cut (a shallow clone, as CI checks out)", async () => {
    const clone = `${root}-shallow`;
    try {
      git(tmpdir(), ["clone", "-q", "--depth", "2", `file://${root}`, clone]);
      const h = await readUnitHistory(clone, now);
      assert.equal(h.shallow, true);
      assert.equal(h.git, true);
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it("asks Git again only when HEAD's commit or the shallow cut moved", async () => {
    const clone = `${root}-moves`;
    const path = process.env.PATH;
    const withoutGit = async () => {
      // No git on the PATH: only a kept answer can still say anything.
      process.env.PATH = "";
      try {
        return await readUnitHistory(clone, now);
      } finally {
        process.env.PATH = path;
      }
    };
    try {
      git(tmpdir(), ["clone", "-q", "--depth", "3", `file://${root}`, clone]);
      assert.equal((await readUnitHistory(clone, now)).shallow, true);
      assert.equal((await withoutGit()).git, true, "nothing moved: the last answer is kept");

      await writeFile(join(clone, "sites/bkad/site.json"), "{ }");
      git(clone, ["commit", "-qam", "bkad"], "2026-11-20T00:00:00Z");
      assert.equal((await readUnitHistory(clone, now)).times.get("bkad"), at("2026-11-20T00:00:00Z"));
      git(clone, ["commit", "-q", "--amend", "-m", "bkad again"], "2026-11-21T00:00:00Z");
      assert.equal((await readUnitHistory(clone, now)).times.get("bkad"), at("2026-11-21T00:00:00Z"));
      // The ref moved into packed-refs, then back: the same commit is the same answer.
      git(clone, ["pack-refs", "--all"]);
      assert.equal((await withoutGit()).times.get("bkad"), at("2026-11-21T00:00:00Z"));
      git(clone, ["reset", "-q", "--hard", "HEAD~1"]);
      assert.equal((await readUnitHistory(clone, now)).times.get("bkad"), at("2026-06-01T00:00:00Z"));

      git(clone, ["fetch", "-q", "--unshallow"]);
      const whole = await readUnitHistory(clone, now);
      assert.deepEqual([whole.shallow, whole.times.get("disdik")], [false, at("2025-01-10T00:00:00Z")]);
    } finally {
      process.env.PATH = path;
      await rm(clone, { recursive: true, force: true });
    }
  });

  it("has no times outside Git, and does not fail", async () => {
    const plain = await mkdtemp(join(tmpdir(), "unit-history-plain-"));
    try {
      const h = await readUnitHistory(plain, now);
      assert.deepEqual([h.git, h.times.size, h.added.size], [false, 0, 0]);
    } finally {
      await rm(plain, { recursive: true, force: true });
    }
  });
});

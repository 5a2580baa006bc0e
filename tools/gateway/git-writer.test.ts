import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { GitWriter, type WriteRequest } from "./git-writer.ts";

/**
 * The gateway's writes against a real bare repository as the Git host, with a developer's clone
 * pushing beside it.
 */
describe("the gateway's Git writes", () => {
  let dir: string;
  let host: string;
  let dev: string;
  let writer: GitWriter;
  let beforePush: (() => Promise<void>) | undefined;
  const git = (cwd: string, ...args: string[]) => {
    const run = spawnSync("git", args, {
      cwd,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: "Dev",
        GIT_AUTHOR_EMAIL: "dev@paserkab.go.id",
        GIT_COMMITTER_NAME: "Dev",
        GIT_COMMITTER_EMAIL: "dev@paserkab.go.id",
      },
    });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.trim();
  };
  const devCommit = async (path: string, text: string) => {
    git(dev, "pull", "--quiet", "--rebase", "origin", "main");
    await writeFile(join(dev, path), text);
    git(dev, "add", "-A");
    git(dev, "commit", "-qm", `dev: ${path}`);
    git(dev, "push", "--quiet", "origin", "main");
  };
  const editor = (n: number) => ({ id: `editor${n}`, name: `Editor ${n}`, email: `editor${n}@paserkab.go.id` });
  const save = (n: number, unit: string, file: string, text: string): WriteRequest => ({
    editor: editor(n),
    unit,
    branch: "main",
    action: "persistEntry",
    message: `Ubah ${file}`,
    changes: [{ path: `sites/${unit}/content/berita/${file}.md`, content: text }],
  });
  /** The host's main, newest first: "sha parents|author|committer|Portal-Unit|subject". */
  const hostLog = () =>
    git(host, "log", "--format=%H %P|%an|%cn|%(trailers:key=Portal-Unit,valueonly,separator=%x2C)|%s%x1e", "main")
      .split("\x1e")
      .map((entry) => entry.trim().replace(/\n/g, ""))
      .filter(Boolean);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-writer-"));
    host = join(dir, "host.git");
    dev = join(dir, "dev");
    spawnSync("git", ["init", "-q", "--bare", "-b", "main", host]);
    spawnSync("git", ["clone", "-q", host, dev]);
    git(dev, "checkout", "-q", "-b", "main");
    await writeFile(join(dev, "README.md"), "portal\n");
    git(dev, "add", "-A");
    git(dev, "commit", "-qm", "init");
    git(dev, "push", "-q", "origin", "main");
    writer = await new GitWriter({
      clone: join(dir, "gateway-clone"),
      remote: host,
      identity: { name: "Portal gateway", email: "portal-gateway@paserkab.go.id" },
      auditLog: join(dir, "audit.jsonl"),
      beforePush: () => beforePush?.() ?? Promise.resolve(),
    }).open();
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("commits as the gateway, the editor as author, with the unit's trailer, and pushes main", async () => {
    const result = await writer.write(save(1, "dinkes", "posyandu", "---\ntitle: Posyandu\n---\n"));
    assert.equal(result.ok, true);
    const [top] = hostLog();
    assert.match(top!, /\|Editor 1\|Portal gateway\|dinkes\|Ubah posyandu$/);
  });

  it("keeps 20 concurrent saves of 5 editors in 3 units: each committed once, main linear", async () => {
    const before = hostLog().length;
    const units = ["dinkes", "dlh", "disdik"];
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => writer.write(save(i % 5, units[i % 3]!, `serentak-${i}`, `isi ${i}\n`))),
    );
    assert.deepEqual(
      results.map((r) => r.ok),
      Array(20).fill(true),
    );
    const log = hostLog();
    assert.equal(log.length, before + 20);
    // Linear: every commit has one parent.
    assert.ok(log.every((line) => line.split("|")[0]!.split(" ").length <= 2));
    const subjects = log.map((l) => l.split("|").at(-1));
    for (let i = 0; i < 20; i++)
      assert.equal(subjects.filter((s) => s === `Ubah serentak-${i}`).length, 1, `save ${i} once`);
  });

  it("rebases onto a developer's push that lands first, and pushes again", async () => {
    beforePush = async () => {
      beforePush = undefined;
      await devCommit("README.md", "portal, edited by a developer\n");
    };
    const result = await writer.write(save(2, "dlh", "bank-sampah", "isi\n"));
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.attempts, 2);
    const [top, second] = hostLog();
    assert.match(top!, /Ubah bank-sampah$/);
    assert.match(second!, /dev: README\.md$/);
  });

  it("reports a conflict with a change to the same file that landed first, and pushes nothing", async () => {
    await writer.write(save(3, "dinkes", "jadwal", "versi 1\n"));
    beforePush = async () => {
      beforePush = undefined;
      await devCommit("sites/dinkes/content/berita/jadwal.md", "versi dari developer\n");
    };
    const head = hostLog()[0];
    const result = await writer.write(save(3, "dinkes", "jadwal", "versi editor\n"));
    assert.deepEqual(result.ok ? "ok" : [result.conflict, result.reason], [
      true,
      "someone changed the same file on main first",
    ]);
    assert.match(hostLog()[0]!, /dev: sites\/dinkes\/content\/berita\/jadwal\.md$/, "the developer's change stands");
    assert.notEqual(head, undefined);
    // The clone is clean again: the next save works.
    assert.equal((await writer.write(save(3, "dinkes", "jadwal-2", "baru\n"))).ok, true);
  });

  it("reports a push the host refuses (its hook), without retrying for ever", async () => {
    const hook = join(host, "hooks/pre-receive");
    await writeFile(hook, "#!/bin/sh\necho 'pemeliharaan server' >&2\nexit 1\n");
    await chmod(hook, 0o755);
    try {
      const result = await writer.write(save(4, "dlh", "ditolak", "x\n"));
      assert.equal(result.ok, false);
      assert.match(!result.ok ? result.reason : "", /the Git host refused the push: .*pemeliharaan server/);
    } finally {
      await rm(hook);
    }
  });

  it("commits a draft to its own branch, created from main", async () => {
    const result = await writer.write({ ...save(1, "dinkes", "draf", "draf\n"), branch: "cms/dinkes_berita/draf" });
    assert.equal(result.ok, true);
    assert.match(git(host, "log", "-1", "--format=%s", "cms/dinkes_berita/draf"), /Ubah draf/);
    assert.doesNotMatch(hostLog()[0]!, /Ubah draf/);
  });

  it("writes an audit line for every write, accepted or not", async () => {
    await writer.refused({
      user: "editor4",
      unit: "dinkes",
      action: "persistEntry",
      paths: ["themes/x"],
      reason: "outside",
    });
    const lines = (await readFile(join(dir, "audit.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    const results = lines.map((l) => l.result);
    assert.equal(results.filter((r) => r === "committed").length, 1 + 20 + 1 + 1 + 1 + 1);
    assert.deepEqual(
      [results.includes("conflict"), results.includes("failed"), results.at(-1)],
      [true, true, "refused"],
    );
    for (const line of lines)
      for (const key of ["time", "user", "unit", "action", "paths", "result"]) assert.ok(key in line, key);
  });
});

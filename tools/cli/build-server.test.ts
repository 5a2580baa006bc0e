import assert from "node:assert/strict";
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { copyTooling } from "../test/tooling-copy.ts";
import { pathToFileURL } from "node:url";

/** The client's socket for a checkout (plain JavaScript, loaded by address as its callers do). */
const { buildServerSocket } = (await import(
  pathToFileURL(join(toolsRepoRoot, "tools/cli/build-server-client.mjs")).href
)) as { buildServerSocket: (root: string) => string };

/**
 * `portal build-server` in a checkout of its own (the server builds the checkout it belongs to):
 * this repository's tools, the mini fixture's sites, Git. Each build goes through the real CLI
 * (portal.mjs) or Nx's executor, as CI runs them.
 */
/** Retries `check` (an assertion) until it holds, or fails with its last error after `ms`: for a process's output, which comes when it comes. */
async function until(check: () => void, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

describe("portal build-server", () => {
  let dir: string;
  let socket: string;
  let server: { child: ChildProcess; output: () => string } | undefined;
  const env = { ...process.env, CI: "true", NX_DAEMON: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0" };
  const post = () => join(dir, "sites/dinkes/content/berita/posyandu-serentak.md");

  /** `check` with dinkes' post changed by `change`, the post as it was afterwards. */
  async function withPost(change: (text: string) => string, check: () => Promise<void>): Promise<void> {
    const before = await readFile(post(), "utf8");
    await writeFile(post(), change(before));
    try {
      await check();
    } finally {
      await writeFile(post(), before);
    }
  }

  /** `portal <args>` in the checkout, as Nx's run-commands runs it. */
  const portal = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, [join(dir, "tools/cli/portal.mjs"), ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...env, ...extraEnv },
    });

  async function startServer(args: string[] = []): Promise<NonNullable<typeof server>> {
    const child = spawn(process.execPath, [join(dir, "tools/cli/portal.mjs"), "build-server", ...args], {
      cwd: dir,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    child.stdout!.on("data", (d: Buffer) => (text += d));
    child.stderr!.on("data", (d: Buffer) => (text += d));
    const started = { child, output: () => text };
    await until(
      () => assert.match(text, /portal build-server: (building|one is running|.* exists and is not)/),
      60_000,
    );
    return started;
  }

  async function stopServer(): Promise<void> {
    if (!server) return;
    const { child } = server;
    server = undefined;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-build-server-"));
    await copyTooling(dir, ["portal.json"]);
    await cp(join(toolsRepoRoot, "tools/test/fixtures/mini/sites"), join(dir, "sites"), { recursive: true });
    await cp(join(toolsRepoRoot, "sites/portal/media/lambang.png"), join(dir, "sites/portal/media/lambang.png"));
    // The CLI compiled as this checkout left it (its name is the hash of its sources): not again.
    if (existsSync(join(toolsRepoRoot, ".cache/compiled")))
      await cp(join(toolsRepoRoot, ".cache/compiled"), join(dir, ".cache/compiled"), { recursive: true });
    await writeFile(join(dir, ".gitignore"), "node_modules\ndist\n.nx\n.cache\n");
    const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qm", "init");
    socket = buildServerSocket(dir);
    server = await startServer();
  });
  after(async () => {
    await stopServer();
    await rm(dir, { recursive: true, force: true });
  });

  it("listens on a socket only its user can open", () => {
    assert.match(server!.output(), new RegExp(`socket ${socket.replace(/[.]/g, "\\.")}`));
    const stat = statSync(socket);
    assert.ok(stat.isSocket());
    assert.equal(stat.mode & 0o777, 0o600);
  });

  it("warms up by building a unit aside before any request, leaving the checkout's dist/ untouched", async () => {
    await until(() => assert.match(server!.output(), /warmed up by building dinkes aside \(exit 0, [\d.]+ s\)/));
    // The tests below build into dist/; none has yet.
    assert.equal(existsSync(join(dir, "dist")), false, "the warm-up wrote into the checkout's dist/");
  });
  it("builds the site `portal build <site>` names, printing what the CLI prints, and exits with its code", async () => {
    const run = portal(["build", "dinkes"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /✔ dinkes: \d+ halaman/);
    assert.match(run.stdout, /1 situs dibangun ke .*dist/);
    assert.doesNotMatch(run.stderr, /building in this process/);
    await until(() => assert.match(server!.output(), /built dinkes \(exit 0/));
    assert.ok(existsSync(join(dir, "dist/dinkes/index.html")));
  });

  it("sees a post edited between two builds", async () => {
    await withPost(
      (text) => text.replace(/^title: .*$/m, "title: Posyandu Serentak Diperluas ke 12 Kecamatan"),
      async () => {
        const run = portal(["build", "dinkes"]);
        assert.equal(run.status, 0, run.stdout + run.stderr);
        const page = await readFile(join(dir, "dist/dinkes/berita/posyandu-serentak/index.html"), "utf8");
        assert.match(page, /Posyandu Serentak Diperluas ke 12 Kecamatan/);
      },
    );
    assert.equal(portal(["build", "dinkes"]).status, 0);
    const page = await readFile(join(dir, "dist/dinkes/berita/posyandu-serentak/index.html"), "utf8");
    assert.doesNotMatch(page, /Diperluas/, "the edit undone is undone in the next build");
  });

  it("sees a template of the theme edited between two builds", async () => {
    const layout = join(dir, "themes/default/_includes/layouts/base.njk");
    const before = await readFile(layout, "utf8");
    await writeFile(
      layout,
      before.replace('<footer class="site-footer">', '<footer class="site-footer" data-uji="tema-baru">'),
    );
    try {
      assert.equal(portal(["build", "dinkes"]).status, 0);
      assert.match(await readFile(join(dir, "dist/dinkes/index.html"), "utf8"), /data-uji="tema-baru"/);
    } finally {
      await writeFile(layout, before);
    }
  });

  it("builds with the caller's environment, not its own", async () => {
    const run = portal(["build", "dinkes"], { PORTAL_BASE_URL: "http://contoh.localhost:9090" });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(
      await readFile(join(dir, "dist/dinkes/feed.xml"), "utf8"),
      /http:\/\/dinkes\.contoh\.localhost:9090\//,
    );
    assert.equal(portal(["build", "dinkes"]).status, 0);
    assert.doesNotMatch(await readFile(join(dir, "dist/dinkes/feed.xml"), "utf8"), /contoh\.localhost/);
  });

  it("fails as the CLI fails: a broken post is named with its field, and the exit code is 1", async () => {
    await withPost(
      (text) => text.replace(/^date: .*$/m, "date: kemarin sore"),
      async () => {
        const run = portal(["build", "dinkes"]);
        assert.equal(run.status, 1, run.stdout + run.stderr);
        assert.match(run.stderr, /posyandu-serentak\.md/);
        assert.match(run.stderr, /date/);
      },
    );
    assert.equal(portal(["build", "dinkes"]).status, 0, "and the server goes on serving");
  });

  it("builds the one-site task Nx's executor hands it, and the hub's command after it", async () => {
    await withPost(
      (text) => `${text}\nSatu kalimat lagi.\n`,
      async () => {
        const run = spawnSync(
          process.execPath,
          [
            join(dir, "node_modules/nx/dist/bin/nx.js"),
            "run",
            "portal:build",
            "--skip-nx-cache",
            "--outputStyle=static",
          ],
          { cwd: dir, encoding: "utf8", env },
        );
        assert.equal(run.status, 0, run.stdout + run.stderr);
        await until(() => {
          assert.match(server!.output(), /built dinkes \(exit 0.*\n(.*\n)*.*built portal \(exit 0/);
        });
        assert.match(
          await readFile(join(dir, "dist/dinkes/berita/posyandu-serentak/index.html"), "utf8"),
          /Satu kalimat lagi/,
        );
      },
    );
  });

  it("refuses a request that is not a build's, and goes on serving", async () => {
    const ask = (line: string) =>
      new Promise<string>((resolve) => {
        const conn = connect(socket);
        let answer = "";
        conn.on("data", (d) => (answer += d));
        conn.on("close", () => resolve(answer));
        conn.on("error", () => resolve(answer));
        conn.end(line);
      });
    assert.match(await ask("bukan json\n"), /"refused":"the request is not JSON"/);
    assert.match(
      await ask(`${JSON.stringify({ protocol: 99, sites: ["dinkes"], json: false, env: {} })}\n`),
      /"refused":"protocol 99/,
    );
    assert.match(await ask(`${JSON.stringify({ protocol: 1, sites: [], json: false, env: {} })}\n`), /"refused"/);
    assert.match(
      await ask(`${JSON.stringify({ protocol: 1, sites: ["dinkes"], json: false, env: { A: 1 } })}\n`),
      /"refused"/,
    );
    assert.match(await ask(`${"x".repeat(2 * 1024 * 1024)}\n`), /^(|.*"refused".*)$/s);
    // A site that does not exist: the build's own refusal, as from the CLI.
    const unknown = portal(["build", "../../etc"]);
    assert.notEqual(unknown.status, 0);
    assert.match(unknown.stderr + unknown.stdout, /etc/);
    assert.equal(portal(["build", "dinkes"]).status, 0);
  });

  it("is one per checkout: a second says the first is running and exits 0", () => {
    const second = portal(["build-server"]);
    assert.equal(second.status, 0, second.stdout + second.stderr);
    assert.match(second.stderr + second.stdout, /one is running for this checkout already/);
  });

  it("refuses --idle that is not whole seconds", () => {
    const run = portal(["build-server", "--idle", "sebentar"]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--idle takes whole seconds/);
  });

  it("leaves the build to its caller once a schema changed, and stops", async () => {
    const schema = join(dir, "content-schema/site.schema.json");
    const before = await readFile(schema, "utf8");
    await writeFile(schema, `${before}\n`);
    try {
      const run = portal(["build", "dinkes"]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(
        run.stderr,
        /content-schema\/site\.schema\.json changed since the server started; building in this process instead/,
      );
      await until(() => assert.ok(server!.child.exitCode !== null, server!.output()));
      assert.equal(server!.child.exitCode, 0);
      assert.ok(!existsSync(socket), "its socket is gone");
    } finally {
      await writeFile(schema, before);
    }
    server = await startServer();
  });

  it("after a server died without a word, its callers build themselves and a new one takes its socket", async () => {
    const { child } = server!;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
    server = undefined;
    assert.ok(existsSync(socket), "a killed server leaves its socket");
    const run = portal(["build", "dinkes"]);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /1 situs dibangun/);
    assert.equal(run.stderr, "", "nothing to say: no server was running");
    server = await startServer();
    assert.match(server.output(), /portal build-server: building/);
  });

  /**
   * Another process listening on the server's socket with `answer` for every connection, and the
   * socket's mode set to `mode`: a peer that is not the real server.
   */
  async function peer(answer: string, mode: string): Promise<ChildProcess> {
    rmSync(socket, { force: true });
    const script = `const net = require("node:net"); process.umask(0o077);
      net.createServer((c) => c.end(${JSON.stringify(answer)})).listen(${JSON.stringify(socket)}, () => {
        require("node:fs").chmodSync(${JSON.stringify(socket)}, 0o${mode}); console.log("ready"); });`;
    const child = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise((resolve) => child.stdout!.once("data", resolve));
    return child;
  }

  async function stopPeer(child: ChildProcess): Promise<void> {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill();
    await exited;
    rmSync(socket, { force: true });
  }

  it("a peer that answers and hangs up before the build's end: the caller builds itself and says why", async () => {
    await stopServer();
    const impostor = await peer(`${JSON.stringify({ stdout: "…\n" })}\n`, "600");
    try {
      const run = portal(["build", "dinkes"]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stderr, /the build server stopped before the build finished; building in this process instead/);
      assert.match(run.stdout, /1 situs dibangun/);
    } finally {
      await stopPeer(impostor);
    }
  });

  it("never takes the word of a socket other users can open", async () => {
    const open = await peer(`${JSON.stringify({ code: 0 })}\n`, "666");
    try {
      const run = portal(["build", "dinkes"]);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /1 situs dibangun/, "it built, instead of taking the socket's exit code");
      // Nor does a server start there: the socket is not its to remove.
      const refused = portal(["build-server"]);
      assert.equal(refused.status, 1);
      assert.match(refused.stderr, /exists and is not a socket of this user that only it can open/);
    } finally {
      await stopPeer(open);
    }
  });

  it("stops by itself after --idle seconds with nothing to build, and removes its socket", async () => {
    const idle = await startServer(["--idle", "1"]);
    await until(() => assert.ok(idle.child.exitCode !== null), 20_000);
    assert.equal(idle.child.exitCode, 0);
    assert.match(idle.output(), /stopped \(nothing to build for 1 s\)/);
    assert.ok(!existsSync(socket));
  });
});

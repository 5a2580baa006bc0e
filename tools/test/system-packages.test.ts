import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { installAdvice, shortfall, systemPackages, type MachineView } from "./system-packages.ts";

/** A scratch machine: a PATH folder and a root under which the table's absolute files are made. */
describe("the system packages the tests need", () => {
  let dir: string;
  let bin: string;
  let root: string;
  const testPackages = systemPackages.filter((p) => p.neededBy === "test").map((p) => p.name);

  async function provide(...names: string[]): Promise<void> {
    for (const pkg of systemPackages.filter((p) => names.includes(p.name))) {
      const file = "command" in pkg.provides ? join(bin, pkg.provides.command) : join(root, pkg.provides.file);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, "#!/bin/sh\n");
      await chmod(file, 0o755);
    }
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-preflight-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const fresh = async (): Promise<MachineView> => {
    const at = await mkdtemp(join(dir, "machine-"));
    bin = join(at, "bin");
    root = join(at, "root");
    await mkdir(bin);
    await mkdir(root);
    return { path: bin, root };
  };

  it("names every missing package at once, in the table's order, and the benchmark's only for the benchmark", async () => {
    const machine = await fresh();
    assert.deepEqual(shortfall("test", machine), { packages: testPackages, other: [] });
    assert.deepEqual(shortfall("bench", machine).packages, [...testPackages, "wrk"]);
    await provide(...testPackages);
    assert.deepEqual(shortfall("test", machine), { packages: [], other: [] });
    assert.deepEqual(shortfall("bench", machine).packages, ["wrk"]);
  });

  it("counts a command only when it is an executable file on PATH, and a file only when it is a file", async () => {
    const machine = await fresh();
    await provide(...testPackages.filter((p) => p !== "nginx" && p !== "openssh-server"));
    await writeFile(join(bin, "nginx"), "not executable\n");
    await mkdir(join(root, "usr/sbin/sshd"), { recursive: true });
    // A relative PATH entry would depend on where npm test is started from.
    const relative = { ...machine, path: `bin:${machine.path}` };
    assert.deepEqual(shortfall("test", relative).packages, ["nginx", "openssh-server"]);
  });

  it("takes CHROMIUM_PATH instead of Debian's chromium, and says so when it names no program", async () => {
    const machine = await fresh();
    await provide(...testPackages.filter((p) => p !== "chromium"));
    const chrome = join(dir, "google-chrome");
    await writeFile(chrome, "#!/bin/sh\n");
    await chmod(chrome, 0o755);
    assert.deepEqual(shortfall("test", { ...machine, chromiumPath: chrome }), { packages: [], other: [] });
    const wrong = shortfall("test", { ...machine, chromiumPath: join(dir, "chrome-typo") });
    assert.deepEqual(wrong.packages, []);
    assert.match(wrong.other.join("\n"), /^CHROMIUM_PATH is ".*chrome-typo", which is not an executable file/);
  });

  it("gives the exact install command in one line, with sudo when not root", () => {
    const advice = installAdvice({ packages: ["chromium", "nginx"], other: [] }, false);
    assert.equal(advice?.split("\n").length, 1);
    assert.match(
      advice!,
      /^Missing system packages: chromium nginx\. Install them with: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium nginx$/,
    );
    assert.doesNotMatch(installAdvice({ packages: ["rsync"], other: [] }, true)!, /sudo/);
    assert.equal(installAdvice({ packages: [], other: [] }, true), undefined);
  });

  it("stops npm test before anything runs, with the advice and exit 1", async () => {
    const scripts = JSON.parse(await readFile(join(toolsRepoRoot, "package.json"), "utf8")).scripts;
    assert.match(scripts.test, /^node --import tsx tools\/test\/preflight\.ts && /);
    const bare = await fresh();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ["--import", "tsx", "tools/test/preflight.ts", ...args], {
        cwd: toolsRepoRoot,
        encoding: "utf8",
        env: { PATH: bare.path, CHROMIUM_PATH: join(dir, "none") },
      });
    const refused = run();
    assert.equal(refused.status, 1);
    assert.equal(refused.stdout, "");
    assert.match(
      refused.stderr,
      /^Missing system packages: git nginx .*rsync openssh-client default-jre-headless\. Install them with: /m,
    );
    assert.match(
      refused.stderr,
      / --no-install-recommends git nginx .*openssh-client default-jre-headless \(or run `bash \.ci\/run`, which installs them/,
    );
    assert.match(refused.stderr, /CHROMIUM_PATH is/);
    // .ci/run reads the names alone.
    const names = run("--packages");
    assert.match(names.stdout, /^git nginx (\S+ )*openssh-client default-jre-headless\n$/);
  });
});

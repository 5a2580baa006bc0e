import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { appendFile, cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { copyTooling } from "../test/tooling-copy.ts";
import { buildDependencies, createNodes, sharedInputs, siteInputs } from "./index.ts";
import { testsExcluded } from "./input-patterns.ts";
import { runDeployPlan, workflowCachePaths, workflowStepCommand } from "./workflow-cache-paths.ts";
import { startNxRemoteCache } from "../test/nx-remote-cache.ts";

describe("the Nx plugin's inferred projects", () => {
  const [pattern, create] = createNodes;
  const context = { nxJsonConfiguration: {}, workspaceRoot: toolsRepoRoot, configFiles: [] } as unknown as Parameters<
    typeof create
  >[2];

  it("matches one site.json per site folder", () => assert.equal(pattern, "sites/*/site.json"));

  it("infers a project named after the folder with a cached build target, and a manifest target for the hub", async () => {
    const results = await create(["sites/dinkes/site.json", "sites/portal/site.json"], {}, context);
    const [file, result] = results[0]!;
    assert.equal(file, "sites/dinkes/site.json");
    const project = result.projects!["sites/dinkes"]!;
    assert.equal(project.name, "dinkes");
    const build = project.targets!.build!;
    assert.equal(build.executor, "./tools/nx-plugin:build");
    assert.equal(build.cache, true);
    assert.deepEqual(build.outputs, ["{workspaceRoot}/dist/dinkes"]);
    assert.deepEqual(build.inputs, [siteInputs], "the project's inputs, named once");
    const inputs = project.namedInputs![siteInputs]!;
    assert.ok(inputs.includes("{projectRoot}/**/*"));
    for (const input of sharedInputs) assert.ok(inputs.includes(input), input);
    assert.ok(build.metadata?.description);
    // The copy of the manifest the hub reads, cached alone, with the very inputs of the build.
    const manifest = project.targets!.manifest!;
    assert.equal(manifest.executor, build.executor);
    assert.equal(manifest.cache, true);
    assert.deepEqual(manifest.outputs, [
      "{workspaceRoot}/dist/.manifests/dinkes.json",
      "{workspaceRoot}/dist/.manifests/dinkes.hub.json",
    ]);
    assert.deepEqual(manifest.inputs, build.inputs);
    assert.deepEqual(build.dependsOn, ["manifest"]);
  });

  it("names as inputs exactly the modules the build loads, and every package they load", async () => {
    const results = await create(["sites/dinkes/site.json", "sites/portal/site.json"], {}, context);
    const inputs = results[0]![1].projects!["sites/dinkes"]!.namedInputs![siteInputs]!;
    const patterns = inputs.filter(
      (i): i is string => typeof i === "string" && /^!?\{workspaceRoot\}\/tools\//.test(i) && !sharedInputs.includes(i),
    );
    assert.ok(patterns.includes(testsExcluded), "a module's tests are no input");
    // What Nx matches: a folder's modules but their tests, or the file named.
    const matched = patterns
      .filter((p) => !p.startsWith("!"))
      .flatMap((p) => {
        const path = p.slice("{workspaceRoot}/".length);
        if (!path.endsWith("/*.ts")) return [path];
        const folder = path.slice(0, -"/*.ts".length);
        return readdirSync(join(toolsRepoRoot, folder))
          .filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"))
          .map((name) => `${folder}/${name}`);
      });
    assert.deepEqual(matched.sort(), buildDependencies(toolsRepoRoot).files, "exactly the modules the build loads");
    assert.ok(matched.includes("tools/generator/filters/tanggal.ts"));
    assert.ok(matched.includes("tools/pipeline/stages/publish.ts"));
    assert.deepEqual(
      matched.filter((f) => /tools\/(deploy|serve|bench|demo)\//.test(f)),
      [],
      "nothing the build does not load",
    );
    assert.ok(patterns.length < matched.length, "a folder of modules the build loads is one pattern");
    const external = inputs.find((i) => typeof i === "object" && "externalDependencies" in i) as {
      externalDependencies: string[];
    };
    for (const pkg of [
      "js-yaml",
      "pagefind",
      "posthtml",
      "decap-cms-core",
      "esbuild",
      "@11ty/eleventy",
      "markdown-it",
      "sharp",
    ])
      assert.ok(external.externalDependencies.includes(pkg), pkg);
  });

  it("makes the hub (portal.json's `hub`) depend on every other site, reading their manifests", async () => {
    const results = await create(
      ["sites/dinkes/site.json", "sites/portal/site.json", "sites/dlh/site.json"],
      {},
      context,
    );
    const hub = results[1]![1].projects!["sites/portal"]!;
    assert.deepEqual(hub.implicitDependencies, ["dinkes", "dlh"]);
    assert.deepEqual(hub.targets!.build!.dependsOn, ["^manifest"]);
    assert.equal(hub.targets!.manifest, undefined);
    // Never in the units' batch: the CLI's build, which Nx starts itself.
    assert.equal(hub.targets!.build!.executor, "nx:run-commands");
    assert.deepEqual(hub.targets!.build!.options, { command: "node tools/cli/portal.mjs build portal" });
    // Of the units, only what their builds keep for the hub; and the quarter hour the deploy names.
    assert.deepEqual(hub.targets!.build!.inputs, [siteInputs]);
    const hubInputs = hub.namedInputs![siteInputs]!.filter((i) => typeof i === "object");
    assert.ok(
      hubInputs.some(
        (i) => JSON.stringify(i) === '{"dependentTasksOutputFiles":"**/.manifests/*.hub.json","transitive":false}',
      ),
      JSON.stringify(hubInputs),
    );
    assert.ok(hubInputs.some((i) => JSON.stringify(i) === '{"env":"PORTAL_TIME_SLOT"}'));
    const unitInputs = results[0]![1].projects!["sites/dinkes"]!.namedInputs![siteInputs]!;
    assert.ok(
      !unitInputs.some((i) => JSON.stringify(i).includes("PORTAL_TIME_SLOT")),
      "a unit's cache is not cut by the clock",
    );
    assert.equal(results[0]![1].projects!["sites/dinkes"]!.implicitDependencies, undefined);
  });

  it("lets the target be renamed", async () => {
    const results = await create(["sites/dinkes/site.json"], { targetName: "site" }, context);
    assert.ok(results[0]![1].projects!["sites/dinkes"]!.targets!.site);
  });
});

/**
 * Nx itself, in a scratch Git repository holding three small sites: what `nx affected` selects
 * after a change in one site, in the theme, and in a test file.
 */
/**
 * The sites Nx's output says were built: a task of a unit's `build` or `manifest` target that ran
 * (one build of the site serves both), not one restored from the cache.
 */
function builtIn(out: string): string[] {
  const ran = out
    .split("\n")
    // "> nx run" with --outputStyle=static, "✔  nx run" (or ✖) as the workflows run Nx.
    .filter((l) => /(>|✔|✖)\s+nx run \S+:(build|manifest)/.test(l) && !/cache|existing outputs/.test(l));
  return [...new Set(ran.map((l) => /nx run ([^\s:]+):/.exec(l)![1]!))].sort();
}

describe("nx affected -t build in a scratch repository", () => {
  let dir: string;
  const git = (...args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
  const runNx = (...args: string[]) =>
    spawnSync(process.execPath, [join(toolsRepoRoot, "node_modules/nx/dist/bin/nx.js"), ...args], {
      cwd: dir,
      encoding: "utf8",
      env: { ...process.env, CI: "true", NX_DAEMON: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0" },
    });
  /** Nx in `cwd` (the scratch repository unless said), as CI runs it; fails the test if Nx fails. */
  const nxIn = (cwd: string, ...args: string[]) => {
    const run = spawnSync(
      process.execPath,
      [join(toolsRepoRoot, "node_modules/nx/dist/bin/nx.js"), ...args, "--outputStyle=static"],
      {
        cwd,
        encoding: "utf8",
        env: { ...process.env, CI: "true", NX_DAEMON: "false", NX_NO_CLOUD: "true", FORCE_COLOR: "0" },
      },
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    return run;
  };
  const nx = (...args: string[]) => nxIn(dir, ...args).stdout;
  /** The sites `nx affected` really builds; a dependency restored from Nx's cache is not built. */
  const affected = () => builtIn(nx("affected", "-t", "build", "--base=HEAD"));

  /** What `nx show projects --affected` prints (the list CI shards deploys by), one project a line. */
  const printAffected = () => {
    const out = nx("show", "projects", "--affected", "--base=HEAD");
    console.log(
      `# nx show projects --affected:\n${out
        .trim()
        .split("\n")
        .map((l) => `#   ${l}`)
        .join("\n")}`,
    );
    return out.trim().split("\n").filter(Boolean).sort();
  };

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portal-nx-"));
    await copyTooling(dir, ["portal.json"]);
    await cp(join(toolsRepoRoot, "tools/test/fixtures/mini/sites"), join(dir, "sites"), { recursive: true });
    await cp(join(dir, "sites/portal"), join(dir, "sites/dlh"), { recursive: true });
    // The demo's portal.json names the regency's emblem, a file of the hub's media.
    await cp(join(toolsRepoRoot, "sites/portal/media/lambang.png"), join(dir, "sites/portal/media/lambang.png"));
    await writeFile(
      join(dir, "sites/dlh/site.json"),
      JSON.stringify({
        slug: "dlh",
        name: "Dinas Lingkungan Hidup",
        short_name: "DLH",
        type: "dinas",
        address: "Jl. Modang No. 1, Tanah Grogot",
        phone: "(0543) 21001",
        email: "dlh@paserkab.go.id",
        status: "active",
      }),
    );
    await writeFile(join(dir, ".gitignore"), "node_modules\ndist\n.nx\n.cache\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qm", "init");
    // Every site built once, as after the previous merge: Nx's cache holds their outputs.
    nx("run-many", "-t", "build");
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("builds the site whose content changed; the hub too when what it shows of the unit changed", async () => {
    const post = join(dir, "sites/dinkes/content/berita/posyandu-serentak.md");
    const text = await readFile(post, "utf8");
    // The body only: the hub shows nothing of it, and comes from the cache.
    await appendFile(post, "\nParagraf tambahan.\n");
    assert.deepEqual(printAffected(), ["dinkes", "portal"]);
    assert.deepEqual(affected(), ["dinkes"]);
    git("checkout", "-q", "--", "sites");
    // A field of a service's front matter the hub neither shows nor judges (its requirements).
    const service = join(dir, "sites/dinkes/content/layanan/surat-keterangan-sehat.md");
    await writeFile(service, (await readFile(service, "utf8")).replace("Pas foto 3x4", "Pas foto 4x6"));
    assert.deepEqual(affected(), ["dinkes"]);
    git("checkout", "-q", "--", "sites");
    // The title: the hub lists it.
    await writeFile(post, text.replace(/^title: .*$/m, "title: Posyandu serentak di seluruh kecamatan"));
    assert.deepEqual(affected(), ["dinkes", "portal"]);
    git("checkout", "-q", "--", "sites");
  });

  it("builds every site when the theme changes", async () => {
    await appendFile(join(dir, "themes/default/assets/style.css"), "\n/* change */\n");
    assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    git("checkout", "-q", "--", "themes");
  });

  it("builds every site when a unit's registry record changes (every page links to every unit)", async () => {
    const file = join(dir, "sites/dlh/site.json");
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("Dinas Lingkungan Hidup", "Dinas Lingkungan Hidup dan Kehutanan"),
    );
    assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    git("checkout", "-q", "--", "sites");
  });

  it("builds every site when the hub's service catalogue changes (topics, synonyms)", async () => {
    await writeFile(
      join(dir, "sites/portal/katalog.json"),
      JSON.stringify({
        topics: [
          { slug: "kesehatan", title: "Kesehatan", kind: "topik" },
          { slug: "kerja", title: "Pekerjaan", kind: "topik" },
        ],
        synonyms: [["surat sehat", "surat dokter"]],
      }),
    );
    assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    await rm(join(dir, "sites/portal/katalog.json"));
  });

  it("has no project for a retired unit, and retiring one rebuilds every remaining site (the hub writes its page)", async () => {
    const file = join(dir, "sites/dlh/site.json");
    await writeFile(file, (await readFile(file, "utf8")).replace('"status":"active"', '"status":"retired"'));
    assert.match(await readFile(file, "utf8"), /"retired"/);
    assert.deepEqual(JSON.parse(nx("show", "projects", "--json")).sort(), ["dinkes", "portal"]);
    // What CI deploys: never the retired unit (deploy would refuse it), every other site.
    assert.deepEqual(printAffected(), ["dinkes", "portal"]);
    git("checkout", "-q", "--", "sites");
  });

  it("builds an archived unit with the hub, in whose site its pages live: a change to them rebuilds the hub only", async () => {
    const file = join(dir, "sites/dlh/site.json");
    const record = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
    await writeFile(file, JSON.stringify({ ...record, status: "retired", retired_on: "2026-12-01", archived: true }));
    git("-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qam", "archive dlh");
    try {
      assert.deepEqual(JSON.parse(nx("show", "projects", "--json")).sort(), ["dinkes", "portal"]);
      // Built once as archived (dinkes too: its network menu lost dlh), as after that merge.
      nx("run-many", "-t", "build");
      await appendFile(join(dir, "sites/dlh/content/halaman/profil.md"), "\nParagraf tambahan di arsip.\n");
      assert.deepEqual(printAffected(), ["portal"]);
      assert.deepEqual(affected(), ["portal"]);
      assert.match(
        await readFile(join(dir, "dist/portal/arsip/dlh/profil/index.html"), "utf8"),
        /Paragraf tambahan di arsip/,
      );
    } finally {
      git("checkout", "-q", "--", "sites");
      git("reset", "-q", "--hard", "HEAD~1");
    }
  });

  it("builds every site when DKISP publishes a broadcast", async () => {
    await mkdir(join(dir, "sites/portal/content/siaran"), { recursive: true });
    await writeFile(
      join(dir, "sites/portal/content/siaran/libur.md"),
      "---\ntitle: Libur nasional\nstart: 2026-12-24 00:00\nend: 2026-12-27 00:00\nlevel: info\n---\n",
    );
    assert.deepEqual(printAffected(), ["dinkes", "dlh", "portal"]);
    assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    await rm(join(dir, "sites/portal/content/siaran"), { recursive: true, force: true });
  });

  it("builds nothing when a tool the build does not load changes (deploy)", async () => {
    await appendFile(join(dir, "tools/deploy/deploy.ts"), "\n// change\n");
    assert.deepEqual(affected(), [], git("status", "--short").stdout);
    git("checkout", "-q", "--", "tools");
  });

  it("builds every site when a module of the generator changes", async () => {
    await appendFile(join(dir, "tools/generator/filters/tanggal.ts"), "\n// change\n");
    assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    git("checkout", "-q", "--", "tools");
  });

  it("builds every site when a package that shapes the output changes version (pagefind)", async () => {
    const lock = join(dir, "package-lock.json");
    const before = await readFile(lock, "utf8");
    const data = JSON.parse(before) as { packages: Record<string, { version: string; integrity?: string }> };
    const entry = data.packages["node_modules/pagefind"]!;
    entry.version = `${entry.version}-next`;
    entry.integrity = "sha512-changed";
    await writeFile(lock, JSON.stringify(data, null, 2));
    try {
      assert.deepEqual(affected(), ["dinkes", "dlh", "portal"]);
    } finally {
      await writeFile(lock, before);
    }
  });

  it("fails the graph with portal.json's problem when portal.json is broken", async () => {
    const file = join(dir, "portal.json");
    const before = await readFile(file, "utf8");
    await writeFile(file, before.slice(0, 40));
    try {
      const run = runNx("show", "projects");
      assert.notEqual(run.status, 0, run.stdout);
      assert.match(run.stdout + run.stderr, /portal\.json cannot be read \(.*JSON/);
    } finally {
      await writeFile(file, before);
    }
  });

  it("uses its cache as the workflows restore it: a push that changes nothing builds no site, an edit its unit (and the hub when it shows the change)", async () => {
    // What the build jobs of deploy.yml and pull-request.yml keep between runs (actions/cache).
    const cachedPaths = (file: string) => workflowCachePaths(toolsRepoRoot, file);
    const paths = cachedPaths("deploy.yml");
    assert.deepEqual(cachedPaths("pull-request.yml"), paths);
    // A new runner: a fresh clone, then only those paths restored.
    const clone = await mkdtemp(join(tmpdir(), "portal-nx-clone-"));
    try {
      assert.equal(spawnSync("git", ["clone", "-q", dir, clone]).status, 0);
      await symlink(join(toolsRepoRoot, "node_modules"), join(clone, "node_modules"));
      for (const path of paths)
        if (existsSync(join(dir, path))) await cp(join(dir, path), join(clone, path), { recursive: true });
      const run = (...args: string[]) => {
        const result = nxIn(clone, ...args);
        assert.doesNotMatch(result.stdout + result.stderr, /Unrecognized Cache Artifacts/);
        return result.stdout;
      };
      const built = builtIn;
      const all = run("run-many", "-t", "build");
      assert.deepEqual(built(all), [], all);
      assert.ok(existsSync(join(clone, "dist/dinkes/index.html")), "the sites' outputs come back from the cache");
      const post = join(clone, "sites/dinkes/content/berita/posyandu-serentak.md");
      /** One commit, then what the next runner starts from: no dist/, only the cache. */
      const push = async (change: (text: string) => string) => {
        await writeFile(post, change(await readFile(post, "utf8")));
        const commit = spawnSync(
          "git",
          ["-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qam", "sunting"],
          { cwd: clone },
        );
        assert.equal(commit.status, 0);
        await rm(join(clone, "dist"), { recursive: true, force: true });
        return built(run("affected", "-t", "build", "--base=HEAD~1"));
      };
      // A page's body: the hub shows nothing of it, so it comes from the cache, as it was.
      assert.deepEqual(await push((text) => `${text}\nSuntingan setelah pemulihan.\n`), ["dinkes"]);
      // The hub's build brings back each other unit's manifest from the cache, not its site.
      assert.ok(existsSync(join(clone, "dist/.manifests/dlh.json")));
      assert.ok(existsSync(join(clone, "dist/.manifests/dlh.hub.json")));
      assert.ok(!existsSync(join(clone, "dist/dlh")), "an unaffected unit's site is not restored");
      assert.ok(existsSync(join(clone, "dist/dinkes/index.html")) && existsSync(join(clone, "dist/portal/index.html")));
      // A new title: the hub lists it, so the hub is built again, and shows it.
      const title = "Jadwal baru posyandu serentak";
      assert.deepEqual(await push((text) => text.replace(/^title: .*$/m, `title: ${title}`)), ["dinkes", "portal"]);
      assert.match(await readFile(join(clone, "dist/portal/index.html"), "utf8"), new RegExp(title));
    } finally {
      await rm(clone, { recursive: true, force: true });
    }
  });

  it("builds in the deploy workflow's unit jobs past one runner, which share Nx's remote cache: the job after them builds only the hub", async () => {
    const tokens = { write: "tulis-0123456789abcdef0123456789abcdef", read: "baca-0123456789abcdef0123456789abcdef" };
    const cache = await startNxRemoteCache(tokens);
    const clones: string[] = [];
    /** A new runner: a fresh clone with nothing of Nx's local cache, and the job's command from deploy.yml. */
    const job = async (name: string, step: string, values: Record<string, string>, token = tokens.write) => {
      const clone = await mkdtemp(join(tmpdir(), `portal-nx-${name}-`));
      clones.push(clone);
      assert.equal(spawnSync("git", ["clone", "-q", dir, clone]).status, 0);
      await symlink(join(toolsRepoRoot, "node_modules"), join(clone, "node_modules"));
      const command = workflowStepCommand(toolsRepoRoot, "deploy.yml", name, step, values);
      // Not spawnSync: the cache answers from this process.
      const child = spawn("bash", ["-c", command], {
        cwd: clone,
        env: {
          ...process.env,
          CI: "true",
          NX_DAEMON: "false",
          NX_NO_CLOUD: "true",
          FORCE_COLOR: "0",
          NX_SELF_HOSTED_REMOTE_CACHE_SERVER: cache.url,
          NX_SELF_HOSTED_REMOTE_CACHE_ACCESS_TOKEN: token,
        },
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      assert.equal(code, 0, out);
      assert.doesNotMatch(out, /Unrecognized Cache Artifacts|remote cache endpoint/i, out);
      return { clone, out };
    };
    try {
      // The build job's plan step, as deploy.yml runs it for a run that builds every site, with a
      // remote cache and one unit a job.
      const outputs = runDeployPlan(
        toolsRepoRoot,
        dir,
        { before: "HEAD", all: true, unitsPerJob: 1 },
        { ...process.env, CI: "true", NX_DAEMON: "false" },
      );
      const unitJobs = JSON.parse(outputs.unit_jobs!) as { job: number; units: string; projects: string }[];
      assert.deepEqual(
        unitJobs.map((j) => j.projects),
        ["dinkes", "dlh"],
        "each unit in a job of its own, never the hub",
      );
      for (const unitJob of unitJobs) {
        const { out } = await job("units", "Build ", {
          "matrix.units": unitJob.units,
          "matrix.projects": unitJob.projects,
        });
        assert.deepEqual(builtIn(out), [unitJob.projects], out);
      }
      // Each unit's build and manifest, stored by the job that built it.
      assert.equal(cache.stored.length, 4, cache.log.join("\n"));
      // The hub, from the units' manifests in the remote cache; not their sites.
      const hubJob = await job("hub", "Build the hub", { "needs.build.outputs.hub": outputs.hub! });
      assert.deepEqual(builtIn(hubJob.out), ["portal"], hubJob.out);
      assert.match(hubJob.out, /nx run dinkes:manifest\s+\[remote cache\]/);
      assert.match(await readFile(join(hubJob.clone, "dist/portal/index.html"), "utf8"), /Posyandu serentak/i);
      assert.ok(!existsSync(join(hubJob.clone, "dist/dinkes")), "a unit's site is its deploy job's to fetch");
      // A deploy job takes its shard's sites from the remote cache, building none.
      const shards = JSON.parse(outputs.shards!) as { sites: string; projects: string }[];
      assert.deepEqual(shards, [{ shard: 1, sites: "dinkes dlh portal", projects: "dinkes,dlh" }]);
      const deploy = await job("deploy", "Take this shard's units", { "matrix.projects": shards[0]!.projects });
      assert.deepEqual(builtIn(deploy.out), [], deploy.out);
      for (const site of ["dinkes", "dlh"]) assert.ok(existsSync(join(deploy.clone, "dist", site, "index.html")), site);
      // A token that may only read (a pull request's, deploy.md) builds what the cache lacks and
      // stores none of it: Nx takes the server's 403 as "not stored", not as a failure.
      const before = cache.stored.length;
      await appendFile(join(dir, "sites/dlh/content/halaman/profil.md"), "\nParagraf dari cabang.\n");
      git("-c", "user.email=ci@example.org", "-c", "user.name=CI", "commit", "-qam", "cabang");
      try {
        const branch = await job("units", "Build ", { "matrix.units": "dlh", "matrix.projects": "dlh" }, tokens.read);
        assert.deepEqual(builtIn(branch.out), ["dlh"], branch.out);
      } finally {
        git("reset", "-q", "--hard", "HEAD~1");
      }
      assert.equal(cache.stored.length, before, "nothing stored with a token that may only read");
      assert.ok(
        cache.log.some((line) => /^PUT \S+ 403$/.test(line)),
        cache.log.join("\n"),
      );
    } finally {
      await cache.stop();
      for (const clone of clones) await rm(clone, { recursive: true, force: true });
    }
  });

  it("builds a unit once for its manifest and its site; a site not from that build is built again", async () => {
    const run = (...args: string[]) => nx(...args, "--skip-nx-cache");
    // The manifest's task builds the site; the site's task, after it, finds it in place.
    assert.match(run("run", "dinkes:manifest"), /dinkes: \d+ pages in/);
    assert.match(run("run", "dinkes:build", "--exclude-task-dependencies"), /dinkes: already built with its manifest/);
    // A dist/dinkes/ whose manifest is not the copy's (another build's output) is built again.
    const site = join(dir, "dist/dinkes/manifest.json");
    await writeFile(
      site,
      (await readFile(site, "utf8")).replace(/"generated": "[^"]+"/, '"generated": "2000-01-01T00:00:00.000Z"'),
    );
    assert.match(run("run", "dinkes:build", "--exclude-task-dependencies"), /dinkes: \d+ pages in/);
    // Never for the hub: it has no manifest task, so its own copy proves nothing. The CLI builds it.
    assert.match(run("run", "portal:build", "--exclude-task-dependencies"), /✔ portal: \d+ halaman, \d+ ms/);
  });

  it("runs the plugin and the executor compiled to JavaScript, compiled again after an edit of their TypeScript", async () => {
    // The before() hook's build loaded both: Nx registered no TypeScript transpiler (compiled.cjs).
    for (const entry of ["index", "build-executor"])
      assert.ok(existsSync(join(dir, `.cache/compiled/${entry}.inputs.json`)), entry);
    const description = () =>
      (
        JSON.parse(nx("show", "project", "dinkes", "--json")) as {
          targets: { build: { metadata: { description: string } } };
        }
      ).targets.build.metadata.description;
    assert.match(description(), /^Validate and build dinkes's site/);
    const plugin = join(dir, "tools/nx-plugin/index.ts");
    await writeFile(plugin, (await readFile(plugin, "utf8")).replace("Validate and build", "Check and build"));
    try {
      assert.match(description(), /^Check and build dinkes's site/);
    } finally {
      git("checkout", "-q", "--", "tools");
    }
    assert.match(description(), /^Validate and build dinkes's site/, "and back");
  });

  it("builds nothing when only a test changes", async () => {
    await mkdir(join(dir, "tools/content"), { recursive: true });
    await appendFile(join(dir, "tools/content/validate-workspace.test.ts"), "\n// change\n");
    assert.deepEqual(affected(), [], git("status", "--short").stdout);
    git("checkout", "-q", "--", "tools");
  });
});

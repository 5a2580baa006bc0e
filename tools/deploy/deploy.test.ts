import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { connect as tlsConnect } from "node:tls";
import { existsSync } from "node:fs";
import { appendFile, cp, mkdtemp, readdir, readFile, rm, stat, symlink, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { decodeHTML } from "entities";
import { after, before, describe, it } from "node:test";
import type { Browser } from "playwright-core";
import { buildSites } from "../pipeline/build-sites.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { readRegistry } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { freePort, launchChromium } from "../test/browser.ts";
import { brotliModule, get, selfSignedCertificate, startNginx, type RunningNginx } from "../test/nginx.ts";
import { followRequests } from "../test/settled.ts";
import { startSshd } from "../test/sshd.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { deploySites } from "./deploy.ts";
import { nginxConfig } from "./nginx-config.ts";
import { parseTarget } from "./target.ts";

/**
 * Deploys of the mini fixture (the hub and dinkes) to a folder, served by a real nginx with the
 * generated configuration on a loopback port, checked over HTTP and in Chromium.
 */
describe("deploy, served by nginx", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let nginx: RunningNginx;
  let browser: Browser;
  let target: string;
  let port: number;
  const cli = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), ...args, "--root", ws.root],
      { encoding: "utf8", env: { ...process.env, PORTAL_BASE_URL: `http://localhost:${port}` } },
    );
  const deploy = (sites = ["portal", "dinkes"], force = false) =>
    deploySites({
      distDir: ws.distDir,
      stagingDir: join(ws.root, ".cache/deploy"),
      target: parseTarget(target),
      sites,
      keep: 3,
      shareFrom: "portal",
      force,
    });
  const home = (host: string) => get(port, host, "/");

  before(async () => {
    port = await freePort();
    ws = await tempWorkspace(fixtures.mini);
    target = await mkdtemp(join(tmpdir(), "portal-srv-"));
    const report = await buildSites(ws, undefined, { base: { protocol: "http:", apex: `localhost:${port}` } });
    assert.deepEqual(
      report.results.filter((r) => !r.ok).map((r) => r.slug),
      [],
    );
    const results = await deploy();
    assert.deepEqual(
      results.map((r) => [r.site, r.ok, r.error]),
      [
        ["portal", true, undefined],
        ["dinkes", true, undefined],
      ],
    );
    const { portal } = await readPortal(ws);
    const sites = await readRegistry(ws);
    nginx = await startNginx(
      (p) =>
        nginxConfig({
          portal: portal!,
          sites,
          root: target,
          base: { protocol: "http:", apex: `localhost:${p}` },
          listen: `127.0.0.1:${p}`,
          brotli: existsSync(brotliModule),
        }),
      port,
    );
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await nginx?.stop();
    await ws?.dispose();
    if (target) await rm(target, { recursive: true, force: true });
  });

  it("serves each unit on its own host, the hub on the apex and www, and a 404 for any other host", async () => {
    const dinkes = await home("dinkes.localhost");
    assert.equal(dinkes.status, 200);
    assert.match(dinkes.body, /<title>[^<]*Dinas Kesehatan/);
    const hub = await home("localhost");
    assert.equal(hub.status, 200);
    assert.match(hub.body, /Perangkat daerah|perangkat daerah/);
    assert.doesNotMatch(hub.body, /<title>[^<]*Dinas Kesehatan/);
    assert.equal((await home("www.localhost")).body, hub.body);
    for (const host of ["dlh.localhost", "evil.example", "dinkes.localhost.evil.example", "127.0.0.1"]) {
      const other = await home(host);
      assert.equal(other.status, 404, host);
      assert.match(other.body, /Situs tidak ditemukan/, host);
      assert.doesNotMatch(other.body, /Dinas Kesehatan/, host);
    }
    // A unit's own 404 page, not the hub's.
    const missing = await get(port, "dinkes.localhost", "/tidak-ada/");
    assert.equal(missing.status, 404);
    assert.match(missing.body, /Dinas Kesehatan/);
  });

  it("sends the security and cache headers on every response, and precompressed files", async () => {
    const hubHtml = await home("localhost");
    const style = /href="(\/assets\/style\.css\?v=[0-9a-f]{8})"/.exec(hubHtml.body)![1]!;
    const image = /src="(\/img\/[^"]+)"/.exec((await home("dinkes.localhost")).body)?.[1];
    // The first of the parts of the units' records' index the hub's search merges (records-index.ts).
    const unitsIndexes = /data-units-indexes="([^"]+)"/.exec((await get(port, "localhost", "/cari/")).body)?.[1];
    const [unitsIndex] = JSON.parse(decodeHTML(unitsIndexes ?? "[]")) as string[];
    assert.ok(unitsIndex, "the hub's search names an index of the units' records");
    const responses = {
      html: await home("dinkes.localhost"),
      fingerprinted: await get(port, "dinkes.localhost", style),
      image: image ? await get(port, "dinkes.localhost", image) : undefined,
      searchEntry: await get(port, "dinkes.localhost", "/pagefind/pagefind-entry.json"),
      unitsSearchEntry: await get(port, "localhost", `${unitsIndex}pagefind-entry.json`),
      notFound: await get(port, "dinkes.localhost", "/tidak-ada/"),
      unknownHost: await home("tidak-dikenal.localhost"),
      admin: await get(port, "dinkes.localhost", "/admin/"),
    };
    // Pagefind's index files are data its script fetches: the file headers, not a page's.
    const pageResponses = Object.entries(responses).filter(([name]) => !/searchentry/i.test(name));
    for (const name of ["searchEntry", "unitsSearchEntry"] as const) {
      const h = responses[name].headers;
      assert.equal(h["x-content-type-options"], "nosniff", name);
      assert.equal(h["access-control-allow-origin"], "*", name);
      assert.equal(h["content-security-policy"], undefined, name);
      assert.equal(h["x-frame-options"], undefined, name);
    }
    for (const [name, response] of pageResponses) {
      if (!response) continue;
      const h = response.headers;
      assert.match(String(h["content-security-policy"]), /default-src 'self'.*frame-ancestors/, name);
      assert.equal(h["x-content-type-options"], "nosniff", name);
      assert.equal(h["referrer-policy"], "strict-origin-when-cross-origin", name);
      assert.match(String(h["permissions-policy"]), /camera=\(\)/, name);
      assert.match(String(h["strict-transport-security"]), /max-age=31536000/, name);
      assert.ok(h["cache-control"], name);
    }
    assert.equal(responses.html.headers["cache-control"], "no-cache");
    assert.doesNotMatch(
      String(responses.html.headers["content-security-policy"]),
      /'unsafe-inline'|'unsafe-eval'/,
      "no inline script or style on the site's pages",
    );
    // A page talks to its own host only and starts no worker: a script injected into a unit's page
    // could otherwise send what it read to any unit's host (the search below proves it needs neither).
    for (const response of [hubHtml, responses.html, responses.notFound]) {
      const policy = String(response.headers["content-security-policy"]);
      assert.match(policy, /(?:^|; )connect-src 'self'(?:;|$)/, policy);
      assert.match(policy, /(?:^|; )worker-src 'none'(?:;|$)/, policy);
    }
    assert.equal(responses.fingerprinted.headers["cache-control"], "public, max-age=31536000, immutable");
    if (responses.image) assert.equal(responses.image.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.equal(responses.searchEntry.headers["cache-control"], "public, max-age=60");
    assert.equal(responses.unitsSearchEntry.status, 200);
    assert.equal(responses.unitsSearchEntry.headers["cache-control"], "public, max-age=60");
    // The CMS's module is revalidated each time; the chunks it names by their content are kept.
    const cms = await readdir(join(target, "dinkes", "current", "admin", "decap"));
    const chunk = cms.find((name) => name !== "decap-cms.js");
    assert.ok(chunk, `the CMS has chunks beside its module: ${cms.join(", ")}`);
    assert.equal(
      (await get(port, "dinkes.localhost", "/admin/decap/decap-cms.js")).headers["cache-control"],
      "no-cache",
    );
    assert.equal(
      (await get(port, "dinkes.localhost", `/admin/decap/${chunk}`)).headers["cache-control"],
      "public, max-age=31536000, immutable",
    );
    assert.equal(
      responses.searchEntry.headers["access-control-allow-origin"],
      "*",
      "the hub's search reads every unit's index",
    );
    assert.equal(responses.html.headers["access-control-allow-origin"], undefined);

    const gzip = await get(port, "dinkes.localhost", "/", { "accept-encoding": "gzip" });
    assert.equal(gzip.headers["content-encoding"], "gzip");
    if (existsSync(brotliModule)) {
      // Debian 12's brotli_static (ngx_brotli 1.0.0~rc) cannot open files under disable_symlinks
      // (it miscounts the path's length; fixed upstream), so nginx falls back to the .gz file.
      const br = await get(port, "dinkes.localhost", "/", { "accept-encoding": "br, gzip" });
      assert.ok(
        ["br", "gzip"].includes(String(br.headers["content-encoding"])),
        String(br.headers["content-encoding"]),
      );
    }
  });

  it("sends Pagefind's index files in brotli to browsers that take it, as they are to the others", async () => {
    const pagefindDir = join(target, "dinkes", "current", "pagefind");
    const wasm = (await readdir(pagefindDir)).find((name) => /^wasm\.[a-z]+\.pagefind$/.test(name));
    assert.ok(wasm, "the unit's search has Pagefind's WebAssembly");
    const packed = await readFile(join(pagefindDir, wasm));
    const unpacked = gunzipSync(packed);
    assert.equal(unpacked.subarray(0, 12).toString(), "pagefind_dcd", "Pagefind's signature, which its script checks");
    const path = `/pagefind/${wasm}`;
    const br = await get(port, "dinkes.localhost", path, { "accept-encoding": "gzip, deflate, br, zstd" });
    assert.equal(br.status, 200);
    assert.equal(br.headers["content-encoding"], "br");
    assert.equal(br.headers["content-type"], "application/octet-stream");
    assert.match(String(br.headers.vary), /Accept-Encoding/);
    assert.ok(brotliDecompressSync(br.bytes).equals(unpacked), "the brotli body is Pagefind's file unpacked");
    assert.ok(br.bytes.length < packed.length * 0.95, `${br.bytes.length} bytes in brotli, ${packed.length} in gzip`);
    const accepts: Record<string, string>[] = [
      { "accept-encoding": "gzip" },
      { "accept-encoding": "gzip, br;q=0" },
      {},
    ];
    for (const accept of accepts) {
      const plain = await get(port, "dinkes.localhost", path, accept);
      assert.equal(plain.status, 200, JSON.stringify(accept));
      assert.equal(plain.headers["content-encoding"], undefined, JSON.stringify(accept));
      assert.ok(plain.bytes.equals(packed), `the file as Pagefind wrote it for ${JSON.stringify(accept)}`);
      assert.match(String(plain.headers.vary), /Accept-Encoding/);
    }
    // Data a script fetches: how to keep it and not to sniff it, without a page's headers, which
    // HTTP/2 from nginx would send again with each of a search's twenty files.
    for (const response of [br, await get(port, "dinkes.localhost", path)]) {
      assert.equal(response.headers["x-content-type-options"], "nosniff");
      assert.equal(response.headers["cache-control"], "public, max-age=300");
      assert.equal(response.headers["access-control-allow-origin"], "*");
      assert.equal(response.headers["content-security-policy"], undefined);
      assert.equal(response.headers["permissions-policy"], undefined);
    }
    // A result fragment too small to gain a packet has no brotli file: it goes as it is to anyone.
    const fragments = await readdir(join(pagefindDir, "fragment"));
    const small = [];
    for (const name of fragments) if ((await stat(join(pagefindDir, "fragment", name))).size < 512) small.push(name);
    assert.ok(small.length, `the unit's index has a fragment under 512 bytes: ${fragments.join(", ")}`);
    const fragment = small[0]!;
    assert.equal(existsSync(join(pagefindDir, "fragment", `${fragment}.br`)), false);
    const asItIs = await get(port, "dinkes.localhost", `/pagefind/fragment/${fragment}`, { "accept-encoding": "br" });
    assert.equal(asItIs.status, 200);
    assert.equal(asItIs.headers["content-encoding"], undefined);
    assert.equal(asItIs.headers["cache-control"], "public, max-age=31536000, immutable");
    assert.ok(asItIs.bytes.equals(await readFile(join(pagefindDir, "fragment", fragment))));
    // Pagefind's script too (Debian 12's brotli module would send its .gz), as a script.
    const script = await readFile(join(pagefindDir, "pagefind.js"));
    const scriptBr = await get(port, "dinkes.localhost", "/pagefind/pagefind.js", { "accept-encoding": "gzip, br" });
    assert.equal(scriptBr.headers["content-encoding"], "br");
    assert.match(String(scriptBr.headers["content-type"]), /^application\/javascript/);
    assert.ok(brotliDecompressSync(scriptBr.bytes).equals(script));
    assert.equal(scriptBr.headers["cache-control"], "public, max-age=300");
    // A script keeps a page's headers: a worker's policy is its script's response's.
    assert.match(String(scriptBr.headers["content-security-policy"]), /default-src 'self'/);
    const scriptGz = await get(port, "dinkes.localhost", "/pagefind/pagefind.js", { "accept-encoding": "gzip" });
    assert.equal(scriptGz.headers["content-encoding"], "gzip");
    assert.ok(gunzipSync(scriptGz.bytes).equals(script));
    // The brotli files are reached through the rewrite alone: asked for by name, a 404.
    const direct = await get(port, "dinkes.localhost", `${path}.br`, { "accept-encoding": "br" });
    assert.equal(direct.status, 404);
    assert.equal(direct.headers["content-encoding"], undefined);
  });

  it("loads every kind of page in Chromium under the policy with no violation", async () => {
    const context = await browser.newContext();
    const violations: string[] = [];
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const page = await context.newPage();
    const requests = followRequests(page);
    page.on("console", (m) =>
      m.text().includes("Content Security Policy") || m.text().startsWith("CSP violation")
        ? violations.push(`${page.url()}: ${m.text()}`)
        : undefined,
    );
    const hub = `http://localhost:${port}`;
    const unit = `http://dinkes.localhost:${port}`;
    const dinkesNews = /href="(\/berita\/[^"/]+\/)"/.exec((await home("dinkes.localhost")).body)?.[1] ?? "/berita/";
    const pages = [
      `${hub}/`,
      `${hub}/kabar/`,
      `${hub}/informasi-publik/`,
      `${unit}/`,
      `${unit}${dinkesNews}`,
      `${unit}/berita/`,
      `${unit}/pengumuman/`,
      `${unit}/agenda/`,
      `${unit}/dokumen/`,
      `${unit}/layanan/`,
      `${unit}/galeri/`,
      `${unit}/pejabat/`,
      `${unit}/informasi-publik/`,
      `${unit}/profil/`,
      `${unit}/tidak-ada/`,
    ];
    // One item of every type the unit has, from its own lists.
    for (const type of ["pengumuman", "agenda", "dokumen", "layanan", "galeri", "pejabat"]) {
      const item = new RegExp(`href="(/${type}/[^"/]+/)"`).exec(
        (await get(port, "dinkes.localhost", `/${type}/`)).body,
      )?.[1];
      if (item) pages.push(`${unit}${item}`);
    }
    // Every resource a page asks for, lazy images near the viewport included, is let through or
    // reported before the next page.
    for (const url of pages) {
      await page.goto(url);
      await requests.settled();
    }
    // Search runs Pagefind's WebAssembly, on the unit and across units on the hub, reading its
    // files as they arrive in brotli.
    const encodings: string[] = [];
    page.on("response", (response) => {
      if (/\/pagefind\/.*(?:\.pagefind|\.pf_\w+|\.js)$/.test(response.url()))
        encodings.push(
          `${new URL(response.url()).host}${new URL(response.url()).pathname} ${response.headers()["content-encoding"] ?? "as it is"}`,
        );
    });
    for (const url of [`${unit}/cari/?q=posyandu`, `${hub}/cari/?q=posyandu`]) {
      await page.goto(url);
      await page.locator("#search-results li a").first().waitFor({ timeout: 15_000 });
      assert.match(
        (await page.locator("#search-results li a").first().getAttribute("href")) ?? "",
        url.startsWith(hub) ? new RegExp(`^${unit}/`) : /^\/berita\/|^\/galeri\//,
        url,
      );
    }
    for (const host of [`dinkes.localhost:${port}`, `localhost:${port}`])
      assert.ok(
        ["wasm.", "pagefind.js "].every((file) =>
          encodings.some((e) => e.startsWith(`${host}/pagefind/${file}`) && e.endsWith(" br")),
        ),
        `${host}'s WebAssembly and Pagefind's script in brotli: ${encodings.join("; ")}`,
      );
    // The policy holds: a script injected into a unit's page (as gambling spam is) does not run,
    // and is reported, which also proves violations are seen here.
    await page.goto(`${unit}/`);
    const ran = await page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { injected?: boolean }).injected === true;
    });
    assert.equal(ran, false, "an injected inline script is blocked");
    assert.equal(violations.length > 0 && violations.every((v) => /script-src/.test(v)), true, violations.join("\n"));
    violations.length = 0;
    // The CMS, under its own policy.
    await page.goto(`${unit}/admin/`);
    await page.getByRole("button", { name: /Masuk/ }).first().waitFor({ timeout: 30_000 });
    await context.close();
    assert.deepEqual(violations, []);
  });

  it("stores the CMS's bundle once: the units' copies are hard links to the hub's", async () => {
    const file = "admin/decap/decap-cms.js";
    const [unit, hub] = await Promise.all([
      stat(join(target, "dinkes", "current", file)),
      stat(join(target, "portal", "current", file)),
    ]);
    assert.equal(unit.ino, hub.ino);
  });

  it("keeps the CMS out of the build's output and adds it at deploy; refuses a site built with another bundle", async () => {
    // dist/ (what Nx caches per site) names the CMS's files; the release holds them.
    const built = await readdir(join(ws.distDir, "dinkes", "admin", "decap"));
    assert.deepEqual(built, ["bundle.json"]);
    const named = JSON.parse(await readFile(join(ws.distDir, "dinkes", "admin", "decap", "bundle.json"), "utf8")) as {
      key: string;
      files: string[];
    };
    const released = await readdir(join(target, "dinkes", "current", "admin", "decap"));
    for (const file of named.files) assert.ok(released.includes(file), `${file} is deployed`);
    // Built by another checkout (another Decap): not deployed, and the reason says what to do.
    const manifest = join(ws.distDir, "dinkes", "admin", "decap", "bundle.json");
    const original = await readFile(manifest, "utf8");
    await writeFile(manifest, original.replace(named.key, "0123456789abcdef"));
    const current = await readdir(join(target, "dinkes", "releases"));
    try {
      const [result] = await deploy(["dinkes"]);
      assert.equal(result!.ok, false);
      assert.match(result!.error!, /built with the CMS's bundle 0123456789abcdef.*build the site again/);
      assert.deepEqual(await readdir(join(target, "dinkes", "releases")), current, "the current release stays");
    } finally {
      await writeFile(manifest, original);
    }
  });

  it("adds no release for a site whose files have not changed", async () => {
    const releases = join(target, "dinkes", "releases");
    const before = await readdir(releases);
    const [result] = await deploy(["dinkes"]);
    assert.equal(result!.ok, true, result!.error);
    assert.equal(result!.unchanged, true);
    assert.deepEqual(await readdir(releases), before);
  });

  it("deploys a file changed in place even with its size and modification time put back", async () => {
    // The remembered hashes are keyed by what stat says; a write changes the ctime, which
    // nobody can set back, so the change is seen.
    const file = join(ws.distDir, "dinkes", "robots.txt");
    const original = await readFile(file);
    const { mtime } = await stat(file);
    const altered = Buffer.from(
      original.toString("latin1").replace(/[a-z]/, (c) => (c === "x" ? "y" : "x")),
      "latin1",
    );
    assert.equal(altered.length, original.length);
    assert.notDeepEqual(altered, original);
    await writeFile(file, altered);
    await utimes(file, mtime, mtime);
    try {
      const [result] = await deploy(["dinkes"]);
      assert.equal(result!.ok, true, result!.error);
      assert.notEqual(result!.unchanged, true, "the changed file is deployed");
      assert.deepEqual(await readFile(join(target, "dinkes", "current", "robots.txt")), altered);
    } finally {
      await writeFile(file, original);
      const [back] = await deploy(["dinkes"]);
      assert.equal(back!.ok, true, back!.error);
    }
  });

  it("fails only the site whose folder on the target cannot be made; the others deploy", async () => {
    // A file where a new unit's folder belongs, as a careless operator could leave one.
    await cp(join(ws.distDir, "dinkes"), join(ws.distDir, "dlh"), { recursive: true });
    await writeFile(join(target, "dlh"), "bukan folder");
    const index = join(ws.distDir, "dinkes", "index.html");
    const before = await readFile(index, "utf8");
    await writeFile(index, before.replace("</main>", "<p>Rilis dengan tetangga rusak</p></main>"));
    try {
      const results = await deploy(["dlh", "dinkes"]);
      const bySite = new Map(results.map((r) => [r.site, r]));
      assert.equal(bySite.get("dlh")!.ok, false);
      assert.match(bySite.get("dlh")!.error!, /preparing the target for dlh/);
      assert.equal(bySite.get("dinkes")!.ok, true, bySite.get("dinkes")!.error);
      assert.match((await home("dinkes.localhost")).body, /Rilis dengan tetangga rusak/);
    } finally {
      await rm(join(ws.distDir, "dlh"), { recursive: true, force: true });
      await rm(join(target, "dlh"), { force: true });
      await writeFile(index, before);
      await deploy(["dinkes"]);
    }
  });

  it("switches a new release in atomically: requests during the deploy see the old page or the new one, whole", async () => {
    const before = (await home("dinkes.localhost")).body;
    const index = join(ws.distDir, "dinkes", "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("</main>", "<p>Rilis baru</p></main>"));
    const after = await readFile(index, "utf8");
    const seen = new Map<string, number>();
    let deploying = true;
    const load = (async () => {
      while (deploying) {
        const response = await home("dinkes.localhost");
        const kind =
          response.status !== 200
            ? `status ${response.status}`
            : response.body === before
              ? "old"
              : response.body === after
                ? "new"
                : "mixed";
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
    })();
    const [result] = await deploy(["dinkes"]);
    // Keep reading a moment after the switch.
    await new Promise((r) => setTimeout(r, 100));
    deploying = false;
    await load;
    assert.equal(result!.ok, true, result!.error);
    assert.deepEqual(
      [...seen.keys()].filter((k) => k !== "old" && k !== "new"),
      [],
      JSON.stringify([...seen]),
    );
    assert.ok(
      (seen.get("old") ?? 0) > 0 && (seen.get("new") ?? 0) > 0,
      `requests saw both releases: ${JSON.stringify([...seen])}`,
    );
    assert.equal((await home("dinkes.localhost")).body, after);
  });

  it("keeps the old release serving when a deploy is killed midway, and the next deploy cleans up", async () => {
    const serving = (await home("dinkes.localhost")).body;
    const index = join(ws.distDir, "dinkes", "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("</main>", "<p>Rilis yang terputus</p></main>"));
    // A deploy through the CLI, killed as soon as its files start arriving on the target.
    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        join(toolsRepoRoot, "tools/cli/portal.ts"),
        "deploy",
        "dinkes",
        "--target",
        target,
        "--root",
        ws.root,
      ],
      { stdio: "ignore" },
    );
    const releases = join(target, "dinkes", "releases");
    for (let i = 0; i < 600 && !(await readdir(releases)).some((f) => f.startsWith(".incoming-")); i++)
      await new Promise((r) => setTimeout(r, 10));
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    assert.ok(
      (await readdir(releases)).some((f) => f.startsWith(".incoming-")),
      "killed while the release was arriving",
    );
    assert.equal((await home("dinkes.localhost")).body, serving, "the old release still serves");

    const [result] = await deploy(["dinkes"]);
    assert.equal(result!.ok, true, result!.error);
    assert.match((await home("dinkes.localhost")).body, /Rilis yang terputus/);
    assert.deepEqual(
      (await readdir(releases)).filter((f) => f.startsWith(".")),
      [],
      "what the killed deploy left is gone",
    );
    assert.ok(
      (await readdir(releases)).filter((f) => !f.endsWith(".json")).length <= 3,
      "only --keep releases are kept",
    );
  });

  it("rolls back to the previous release with one command", async () => {
    const now = (await home("dinkes.localhost")).body;
    const index = join(ws.distDir, "dinkes", "index.html");
    await writeFile(index, (await readFile(index, "utf8")).replace("</main>", "<p>Rilis bermasalah</p></main>"));
    assert.equal((await deploy(["dinkes"]))[0]!.ok, true);
    assert.match((await home("dinkes.localhost")).body, /Rilis bermasalah/);
    const rollback = cli("rollback", "dinkes", "--target", target);
    assert.equal(rollback.status, 0, rollback.stderr);
    assert.match(rollback.stdout, /dinkes: serving \S+ again/);
    assert.equal((await home("dinkes.localhost")).body, now);
    // Names become folders on the server: a path is refused before anything runs there.
    assert.equal(cli("rollback", "../dinkes", "--target", target).status, 2);
    assert.equal(cli("rollback", "dinkes", "--to", "../../etc", "--target", target).status, 2);
  });

  it("finds a file changed, added or removed behind the deploy's back", async () => {
    // The built site is what serves (the rollback above served an older release).
    assert.equal((await deploy(["dinkes"]))[0]!.ok, true);
    const clean = cli("verify-deploy", "--target", target);
    assert.equal(clean.status, 0, clean.stderr + clean.stdout);
    assert.match(clean.stdout, /All 2 site\(s\) match/);

    const current = join(target, "dinkes", "current");
    await appendFile(join(current, "index.html"), '<a href="https://judi.example/">slot gacor</a>');
    await writeFile(join(current, "slot-gacor.html"), "<h1>slot</h1>");
    await rm(join(current, "robots.txt"));
    const altered = cli("verify-deploy", "--target", target);
    assert.equal(altered.status, 1);
    // In GitHub Actions, each altered site is also an annotation on the run.
    const annotated = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        join(toolsRepoRoot, "tools/cli/portal.ts"),
        "verify-deploy",
        "--target",
        target,
        "--root",
        ws.root,
      ],
      { encoding: "utf8", env: { ...process.env, GITHUB_ACTIONS: "true" } },
    );
    assert.match(
      annotated.stdout,
      /^::error title=dinkes%3A altered on the server::added slot-gacor\.html%0Achanged index\.html%0Amissing robots\.txt$/m,
    );
    assert.match(altered.stderr, /dinkes: release \S+ has been altered/);
    assert.match(altered.stderr, /changed: index\.html\n/);
    assert.match(altered.stderr, /added: {3}slot-gacor\.html/);
    assert.match(altered.stderr, /missing: robots\.txt/);
    assert.match(altered.stdout, /portal: \d+ files match/);

    // The files to deploy equal the release's manifest, so an ordinary deploy changes nothing;
    // a forced one restores the site (the altered file is not linked from the altered release).
    assert.equal((await deploy(["dinkes"]))[0]!.unchanged, true);
    assert.equal(cli("verify-deploy", "dinkes", "--target", target).status, 1);
    assert.equal((await deploy(["dinkes"], true))[0]!.ok, true);
    assert.equal(cli("verify-deploy", "--target", target).status, 0);
    assert.doesNotMatch((await home("dinkes.localhost")).body, /slot gacor/);
  });
  it("deploy: a symlink planted in current/ is never served by nginx, and verify-deploy names it", async () => {
    const outside = join(target, "rahasia-server.txt");
    await writeFile(outside, "slot gacor dari luar rilis");
    await symlink(outside, join(target, "dinkes", "current", "slot-gacor.html"));
    await symlink("/etc/passwd", join(target, "dinkes", "current", "passwd.txt"));
    try {
      for (const path of ["/slot-gacor.html", "/passwd.txt"]) {
        const res = await get(port, "dinkes.localhost", path);
        assert.notEqual(res.status, 200, path);
        assert.doesNotMatch(res.body, /slot gacor dari luar|root:x:0:0/, path);
      }
      const verify = cli("verify-deploy", "dinkes", "--target", target);
      assert.equal(verify.status, 1);
      assert.match(
        verify.stderr,
        new RegExp(
          `not a regular file: passwd\\.txt \\(symlink to /etc/passwd\\)\n {4}not a regular file: slot-gacor\\.html \\(symlink to ${outside.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\)`,
        ),
      );
    } finally {
      await rm(join(target, "dinkes", "current", "slot-gacor.html"));
      await rm(join(target, "dinkes", "current", "passwd.txt"));
    }
    assert.equal(cli("verify-deploy", "dinkes", "--target", target).status, 0);
  });

  it("deploy: --all with an empty dist/ and a stale dist/<gone>/ are refused with a clear error", async () => {
    const empty = await mkdtemp(join(tmpdir(), "portal-empty-dist-"));
    try {
      const none = cli("deploy", "--all", "--target", target, "--dist", empty);
      assert.equal(none.status, 1);
      assert.match(none.stderr, /holds no built site: run npm run build first \(nothing was deployed\)/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
    await cp(join(ws.distDir, "dinkes"), join(ws.distDir, "dinas-lama"), { recursive: true });
    try {
      const stale = cli("deploy", "--all", "--target", target);
      assert.equal(stale.status, 1);
      assert.match(
        stale.stderr,
        /Not a site of the registry, so not deployed: dinas-lama \(its folder was removed from sites\/, or it is retired/,
      );
      assert.match(stale.stdout, /= dinkes: unchanged/);
      assert.ok(!existsSync(join(target, "dinas-lama")), "the stale site is not deployed");
    } finally {
      await rm(join(ws.distDir, "dinas-lama"), { recursive: true, force: true });
    }
  });

  // npm test's preflight makes sure sshd, ssh and rsync are there: never skipped.
  it("deploys, verifies and rolls back a server over SSH and rsync", async () => {
    const sshd = await startSshd();
    const remoteDir = await mkdtemp(join(tmpdir(), "portal-remote-"));
    const remote = `${sshd.user}@127.0.0.1:${remoteDir}`;
    const saved = process.env.DEPLOY_SSH;
    process.env.DEPLOY_SSH = sshd.sshOptions;
    try {
      const first = await deploySites({
        distDir: ws.distDir,
        stagingDir: join(ws.root, ".cache/deploy-ssh"),
        target: parseTarget(remote),
        sites: ["portal", "dinkes"],
        keep: 3,
        shareFrom: "portal",
      });
      assert.deepEqual(
        first.map((r) => [r.site, r.ok, r.error]),
        [
          ["portal", true, undefined],
          ["dinkes", true, undefined],
        ],
      );
      const served = await readFile(join(remoteDir, "dinkes", "current", "index.html"), "utf8");
      assert.equal(served, await readFile(join(ws.distDir, "dinkes", "index.html"), "utf8"));

      const env = { ...process.env, DEPLOY_SSH: sshd.sshOptions };
      const run = (...args: string[]) =>
        spawnSync(
          process.execPath,
          [
            "--import",
            "tsx",
            join(toolsRepoRoot, "tools/cli/portal.ts"),
            ...args,
            "--target",
            remote,
            "--root",
            ws.root,
          ],
          { encoding: "utf8", env },
        );
      const verified = run("verify-deploy");
      assert.equal(verified.status, 0, verified.stderr + verified.stdout);
      await writeFile(join(remoteDir, "dinkes", "current", "injected.html"), "<p>slot</p>");
      const altered = run("verify-deploy", "dinkes");
      assert.equal(altered.status, 1);
      assert.match(altered.stderr, /added: {3}injected\.html/);

      const index = join(ws.distDir, "dinkes", "index.html");
      await writeFile(index, (await readFile(index, "utf8")).replace("</main>", "<p>Lewat SSH</p></main>"));
      const second = run("deploy", "dinkes");
      assert.equal(second.status, 0, second.stderr);
      assert.match(await readFile(join(remoteDir, "dinkes", "current", "index.html"), "utf8"), /Lewat SSH/);
      const back = run("rollback", "dinkes");
      assert.equal(back.status, 0, back.stderr);
      assert.equal(await readFile(join(remoteDir, "dinkes", "current", "index.html"), "utf8"), served);
    } finally {
      if (saved === undefined) delete process.env.DEPLOY_SSH;
      else process.env.DEPLOY_SSH = saved;
      await sshd.stop();
      await rm(remoteDir, { recursive: true, force: true });
    }
  });
  it("serves the same sites over HTTPS with the TLS configuration, and redirects plain HTTP", async () => {
    const dir = await mkdtemp(join(tmpdir(), "portal-tls-"));
    const certificate = selfSignedCertificate(dir);
    const { portal } = await readPortal(ws);
    const sites = await readRegistry(ws);
    const httpPort = await freePort();
    const tls = await startNginx((p) =>
      nginxConfig({
        portal: portal!,
        sites,
        root: target,
        base: { protocol: "https:", apex: `localhost:${p}` },
        listen: `127.0.0.1:${p}`,
        httpListen: `127.0.0.1:${httpPort}`,
        tls: certificate,
        brotli: false,
      }),
    );
    try {
      const secure = await get(tls.port, "dinkes.localhost", "/", {}, { tls: true });
      assert.equal(secure.status, 200);
      assert.match(secure.body, /Dinas Kesehatan/);
      assert.match(secure.tlsProtocol ?? "", /^TLSv1\.[23]$/);
      assert.match(String(secure.headers["content-security-policy"]), /upgrade-insecure-requests/);
      assert.match(String(secure.headers["strict-transport-security"]), /max-age=31536000; includeSubDomains/);
      // HTTP/2 is offered (ALPN), for phones on high-latency networks.
      const alpn = await new Promise<string | false>((resolve, reject) => {
        const socket = tlsConnect(
          {
            host: "127.0.0.1",
            port: tls.port,
            servername: "dinkes.localhost",
            ALPNProtocols: ["h2", "http/1.1"],
            rejectUnauthorized: false,
          },
          () => {
            resolve(socket.alpnProtocol ?? false);
            socket.end();
          },
        );
        socket.on("error", reject);
      });
      assert.equal(alpn, "h2");
      const plain = await get(httpPort, "dinkes.localhost", "/berita/");
      assert.equal(plain.status, 301);
      assert.equal(plain.headers.location, "https://dinkes.localhost/berita/");
    } finally {
      await tls.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

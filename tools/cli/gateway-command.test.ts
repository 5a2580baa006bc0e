import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { RepoView } from "../gateway/repo-view.ts";
import { hostState } from "./gateway-command.ts";
import { freePort } from "../test/browser.ts";
import { startDaemon, type Daemon } from "../test/daemon.ts";
import { call, gatewayHost, type GatewayHost, ssoLogin, startSso } from "../test/gateway-host.ts";

const portal = join(toolsRepoRoot, "tools/cli/portal.ts");

/** `npm run gateway` as DKISP starts it: settings from the environment, a bare repository as the host. */
describe("portal gateway", () => {
  let h: GatewayHost;
  let sso: Awaited<ReturnType<typeof startSso>>;
  let daemon: Daemon;
  let port: number;

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    sso = await startSso([`http://dinkes.localhost:${port}/admin/api/callback`]);
    daemon = await startDaemon(
      "portal gateway",
      process.execPath,
      [
        "--import",
        "tsx",
        portal,
        "gateway",
        "--port",
        String(port),
        "--apex",
        `localhost:${port}`,
        "--http",
        "--clone",
        join(h.dir, "cli-clone"),
        "--audit-log",
        join(h.dir, "cli-audit.jsonl"),
      ],
      {
        ready: (output) => output.includes("Editors' gateway on"),
        timeoutMs: 60_000,
        env: {
          PORTAL_GATEWAY_REMOTE: h.host,
          PORTAL_GATEWAY_SECRET: "rahasia-cli-0123456789abcdef0123456789",
          PORTAL_OIDC_ISSUER: sso.issuer,
          PORTAL_OIDC_CLIENT_ID: sso.clientId,
          PORTAL_OIDC_CLIENT_SECRET: sso.clientSecret,
        },
      },
    );
  });
  after(async () => {
    await daemon?.stop();
    await sso?.close();
    await h?.close();
  });

  it("says where it listens and for how many sites, and logs a verifikator in who then saves", async () => {
    assert.match(
      daemon.output(),
      new RegExp(`Editors' gateway on http://127\\.0\\.0\\.1:${port} for 3 sites of localhost:${port}`),
    );
    assert.equal((await call(`http://dinkes.localhost:${port}/admin/api/session`)).status, 401);
    const { cookie } = await ssoLogin(`http://dinkes.localhost:${port}/admin/api/login?next=/admin/`, "budi");
    const origin = `http://dinkes.localhost:${port}`;
    const saved = await call(`${origin}/admin/api/v1`, {
      method: "POST",
      headers: { "content-type": "application/json", origin, cookie },
      body: JSON.stringify({
        action: "persistEntry",
        params: {
          branch: "main",
          dataFiles: [
            {
              path: "sites/dinkes/content/berita/dari-cli.md",
              slug: "dari-cli",
              raw: "---\ntitle: Dari CLI\ndate: 2026-11-20\nsummary: Disimpan lewat gateway yang dijalankan dari CLI.\n---\nIsi.\n",
            },
          ],
          assets: [],
          options: { useWorkflow: false, commitMessage: "Dari CLI" },
          // A new entry: the editor's page loaded no version of it (admin.js sends this).
          base: { "sites/dinkes/content/berita/dari-cli.md": null },
        },
      }),
    });
    assert.equal(saved.status, 200, saved.body);
    assert.match(h.git(h.host, "show", "main:sites/dinkes/content/berita/dari-cli.md"), /Dari CLI/);
  });

  it("names every missing setting at once and exits 2, printing no secret", () => {
    const run = spawnSync(process.execPath, ["--import", "tsx", portal, "gateway"], {
      encoding: "utf8",
      env: {
        ...process.env,
        PORTAL_GATEWAY_REMOTE: "",
        PORTAL_GATEWAY_SECRET: "pendek",
        PORTAL_OIDC_ISSUER: "",
        PORTAL_OIDC_CLIENT_ID: "",
        PORTAL_OIDC_CLIENT_SECRET: "",
      },
    });
    assert.equal(run.status, 2);
    for (const name of [
      "PORTAL_GATEWAY_REMOTE",
      "PORTAL_OIDC_ISSUER",
      "PORTAL_OIDC_CLIENT_ID",
      "PORTAL_OIDC_CLIENT_SECRET",
    ])
      assert.match(run.stderr, new RegExp(`${name} is not set`));
    assert.match(run.stderr, /PORTAL_GATEWAY_SECRET is shorter than 32 characters/);
    assert.ok(!run.stderr.includes("pendek"));
  });

  it("hides the credential in the remote's address when the host cannot be read", () => {
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", portal, "gateway", "--clone", join(h.dir, "nowhere-clone")],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          PORTAL_GATEWAY_REMOTE: "https://x-access-token:ghp_rahasia@127.0.0.1:9/tidak-ada.git",
          PORTAL_GATEWAY_SECRET: "rahasia-cli-0123456789abcdef0123456789",
          PORTAL_OIDC_ISSUER: sso.issuer,
          PORTAL_OIDC_CLIENT_ID: "x",
          PORTAL_OIDC_CLIENT_SECRET: "y",
        },
      },
    );
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, /cannot read the repository at https:\/\/\*\*\*@127\.0\.0\.1:9\/tidak-ada\.git/);
    assert.ok(!run.stderr.includes("ghp_rahasia"), run.stderr);
  });

  it("lets nobody edit a retired unit's folder, whatever SSO groups its staff still have", async () => {
    const record = JSON.parse(h.git(h.host, "show", "main:sites/bappeda/site.json")) as Record<string, unknown>;
    await h.devCommit({
      "sites/bappeda/site.json": JSON.stringify({
        ...record,
        status: "retired",
        retired_on: "2026-12-01",
        archived: true,
      }),
    });
    const clone = join(h.dir, "retired-view");
    h.git(h.dir, "clone", "--quiet", h.host, clone);
    const { units } = await hostState(new RepoView(clone), "main");
    assert.deepEqual([...units].sort(), ["dinkes", "portal"]);
  });
});

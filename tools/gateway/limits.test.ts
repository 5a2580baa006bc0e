import assert from "node:assert/strict";
import { request } from "node:http";
import { stat } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import { freePort } from "../test/browser.ts";
import { gatewayClient } from "../test/gateway-client.ts";
import { call, gatewayHost, type GatewayHost, gatewayWithSso, ssoLogin } from "../test/gateway-host.ts";
import { maxAssetsPerSave } from "./actions/files.ts";

/**
 * What one request, or a flood of them, may cost the gateway, and what the audit log keeps of
 * them: through the real gateway over HTTP, a real OIDC provider and a bare Git host, with rate
 * limits small enough to reach in a test.
 */
describe("the gateway's costs are bounded, and every refusal and login is audited", () => {
  let h: GatewayHost;
  let gw: Awaited<ReturnType<typeof gatewayWithSso>>;
  let port: number;
  const secret = "rahasia-sesi-uji-0123456789abcdef0123456789";
  const { api, origin, session } = gatewayClient(
    () => h,
    () => port,
    secret,
  );
  const loginPoints = 6;
  const editorPoints = 8;
  const audited = async (match: (e: Record<string, unknown>) => boolean) => (await h.audit()).filter(match);

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    gw = await gatewayWithSso(h, {
      sitePort: port,
      listen: port,
      slugs: ["dinkes", "portal"],
      secret,
      rates: {
        loginPerAddress: { points: loginPoints, duration: 60 },
        apiPerEditor: { points: editorPoints, duration: 60 },
      },
    });
  });
  after(async () => {
    await gw?.close();
    await h?.close();
  });

  it("audit: a login, a failed login, a 401 and a 400, one line each, with the address", async () => {
    const { reply } = await ssoLogin(`${origin("dinkes")}/admin/api/login?next=/admin/`, "budi");
    assert.equal(reply.status, 303);
    const failed = await call(`${origin("dinkes")}/admin/api/callback?code=x&state=y`);
    assert.equal(failed.status, 400);
    assert.equal((await api(undefined, "dinkes", "entriesByFolder", {})).status, 401);
    const garbled = await call(`${origin("dinkes")}/admin/api/v1`, {
      method: "POST",
      headers: { origin: origin("dinkes"), cookie: session("budi", "dinkes"), "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(garbled.status, 400);
    const logins = await audited((e) => e.action === "login");
    assert.deepEqual(
      logins.map((e) => [e.user, e.status, e.result]),
      [
        ["budi", 303, "accepted"],
        ["-", 400, "refused"],
      ],
    );
    assert.ok(logins.every((e) => e.address === "127.0.0.1"));
    assert.equal((await audited((e) => e.status === 401 && e.reason === "no session")).length, 1);
    assert.equal((await audited((e) => e.status === 400 && e.reason === "not JSON")).length, 1);
  });

  it("audit: 200 anonymous requests with a 12 KB Origin add a bounded line each", async () => {
    const log = () => stat(h.auditLog).then((s) => s.size);
    const before = await log();
    const long = `https://${"x".repeat(12 * 1024)}.example`;
    for (let i = 0; i < 200; i++) {
      const reply = await api(undefined, "dinkes", "getEntry", {}, { origin: long });
      assert.equal(reply.status, 403);
    }
    const grown = (await log()) - before;
    assert.ok(grown < 200 * 600, `${grown} bytes for 200 refusals`);
    const last = (await h.audit()).at(-1)!;
    assert.equal(last.status, 403);
    assert.ok(String(last.reason).length <= 301, String(last.reason).length.toString());
  });

  it("refuses a body over 64 MiB by its Content-Length before reading it, and a longer stream as it passes the limit", async () => {
    const declared = await call(`${origin("dinkes")}/admin/api/v1`, {
      method: "POST",
      headers: {
        origin: origin("dinkes"),
        cookie: session("budi", "dinkes"),
        "content-type": "application/json",
        "content-length": String(100 * 1024 * 1024),
      },
      body: "{}",
    });
    assert.equal(declared.status, 413);
    // Chunked, without a length: the gateway answers once 64 MiB have come, and reads no more.
    const streamed = await new Promise<{ status: number; sent: number }>((resolve, reject) => {
      let sent = 0;
      const req = request(
        {
          host: "127.0.0.1",
          port,
          path: "/admin/api/v1",
          method: "POST",
          headers: {
            host: `dinkes.localhost:${port}`,
            origin: origin("dinkes"),
            cookie: session("budi", "dinkes"),
            "content-type": "application/json",
            "transfer-encoding": "chunked",
          },
        },
        (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, sent });
        },
      );
      req.on("error", (error) => (sent > 64 * 1024 * 1024 ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      const pump = () => {
        while (sent < 200 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end();
      };
      pump();
    });
    assert.equal(streamed.status, 413);
    assert.ok(streamed.sent < 200 * 1024 * 1024, `the client could send all ${streamed.sent} bytes`);
    assert.equal((await audited((e) => e.status === 413)).length, 2);
  });

  it(`refuses more than ${maxAssetsPerSave} files in one save, audited`, async () => {
    const assets = Array.from({ length: maxAssetsPerSave + 1 }, (_, i) => ({
      path: `sites/dinkes/media/berita/foto-${i}.jpg`,
      content: "AAAA",
      encoding: "base64",
    }));
    const reply = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [{ path: "sites/dinkes/content/berita/banyak.md", slug: "banyak", raw: "---\ntitle: x\n---\n" }],
      assets,
      options: { useWorkflow: true, collectionName: "dinkes_berita", status: "draft" },
    });
    assert.equal(reply.status, 413);
    assert.match(reply.body.error!, new RegExp(`paling banyak memuat ${maxAssetsPerSave} berkas`));
    assert.equal((await audited((e) => e.status === 413 && e.action === "persistEntry")).length, 1);
  });

  it("rate: an address that keeps starting logins, and an editor who keeps calling the API, get 429 with Retry-After", async () => {
    const logins: number[] = [];
    for (let i = 0; i < loginPoints + 2; i++)
      logins.push((await call(`${origin("dinkes")}/admin/api/login?next=/admin/`)).status);
    assert.ok(logins.includes(429), JSON.stringify(logins));
    assert.ok(logins.filter((s) => s === 302).length < loginPoints, JSON.stringify(logins));
    const calls: { status: number; retry?: string }[] = [];
    for (let i = 0; i < editorPoints + 2; i++) {
      const reply = await call(`${origin("dinkes")}/admin/api/v1`, {
        method: "POST",
        headers: { origin: origin("dinkes"), cookie: session("ani", "dinkes"), "content-type": "application/json" },
        body: JSON.stringify({ action: "info", params: {} }),
      });
      calls.push({ status: reply.status, retry: reply.headers["retry-after"] as string | undefined });
    }
    assert.deepEqual(
      calls.map((c) => c.status),
      [...Array(editorPoints).fill(200), 429, 429],
    );
    assert.ok(Number(calls.at(-1)!.retry) > 0);
    assert.ok((await audited((e) => e.status === 429 && e.user === "ani")).length >= 2);
    assert.ok((await audited((e) => e.status === 429 && e.user === "-")).length >= 1, "the login refusals too");
    // Another editor is not held up by one who floods.
    assert.equal((await api("budi", "dinkes", "info")).status, 200);
  });

  it("logout: only a POST from the site's own page ends the session", async () => {
    const logout = (method: string, from?: string) =>
      call(`${origin("dinkes")}/admin/api/logout`, {
        method,
        headers: { cookie: session("budi", "dinkes"), ...(from ? { origin: from } : {}) },
      });
    // An <img> on a sibling site sends a GET: nothing happens.
    const img = await logout("GET");
    assert.equal(img.status, 405);
    assert.equal(img.headers["set-cookie"], undefined);
    for (const from of [undefined, "http://bappeda.localhost:1", `http://portal.localhost:${port}`]) {
      const refused = await logout("POST", from);
      assert.equal(refused.status, 403, String(from));
      assert.equal(refused.headers["set-cookie"], undefined);
    }
    const done = await logout("POST", origin("dinkes"));
    assert.equal(done.status, 303);
    assert.match(String(done.headers["set-cookie"]), /__Host-portal-sesi=; .*Max-Age=0/);
    assert.ok(String(done.headers.location).includes("/session/end"), String(done.headers.location));
    assert.equal((await audited((e) => e.action === "logout" && e.user === "budi")).length, 1);
  });
});

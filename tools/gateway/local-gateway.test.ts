import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { PortalConfig } from "../core/records.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import { localGateway } from "./local-gateway.ts";

/**
 * `npm start`'s gateway names the developer as docs/cms-and-gateway.md says: by their Git
 * identity, in the audit log and in the session the CMS shows (a real gateway over HTTP, a real
 * repository).
 */
describe("the local gateway's identity", () => {
  let ws: Awaited<ReturnType<typeof tempWorkspace>>;
  let server: Server;
  let port: number;
  let cookie: string;
  const git = (...args: string[]) => spawnSync("git", args, { cwd: ws.root, encoding: "utf8" });

  before(async () => {
    ws = await tempWorkspace(fixtures.mini);
    git("init", "-q", "-b", "main");
    git("config", "user.name", "Siti Rahma");
    git("config", "user.email", "siti@dkisp.example");
    git("add", "-A");
    git("commit", "-qm", "start");
    const portal = JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig;
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
    const local = await localGateway(ws, portal, new Set(["portal", "dinkes"]), { port });
    server.on("request", local.handler);
    cookie = local.adminCookie.split(";")[0]!;
  });
  after(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await ws?.dispose();
  });

  /** A request from dinkes's /admin/ page, as the browser sends it (fetch cannot set Host). */
  const request = (path: string, body?: unknown) =>
    new Promise<{ status: number; json: () => unknown }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: `/admin/api${path}`,
          method: body === undefined ? "GET" : "POST",
          headers: {
            host: `dinkes.localhost:${port}`,
            cookie,
            origin: `http://dinkes.localhost:${port}`,
            "content-type": "application/json",
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8");
            resolve({ status: res.statusCode ?? 0, json: () => JSON.parse(text) });
          });
        },
      );
      req.on("error", reject);
      req.end(body === undefined ? undefined : JSON.stringify(body));
    });

  it("is the developer's git config user.name and user.email, in the session and in the audit log", async () => {
    const session = (await request("/session")).json() as { name: string; email: string; local: boolean };
    assert.deepEqual([session.name, session.email, session.local], ["Siti Rahma", "siti@dkisp.example", true]);
    // A save without the version it started from is refused: one line of the audit log.
    const refused = await request("/v1", {
      action: "persistEntry",
      params: { entry: { path: "sites/dinkes/content/berita/x.md", raw: "---\ntitle: x\n---\n", slug: "x" } },
    });
    assert.equal(refused.status, 428);
    const audit = (await readFile(join(ws.cacheDir, "gateway", "audit.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { user: string; action: string });
    assert.deepEqual(audit.at(-1) && [audit.at(-1)!.user, audit.at(-1)!.action], [
      "siti@dkisp.example",
      "persistEntry",
    ]);
  });
});

import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";

/**
 * The server side of Nx's self-hosted remote cache, as its OpenAPI specification states it
 * (nx.dev, "Self-Hosted Cache"), for the tests only: `GET /v1/cache/{hash}` answers 200 with the
 * entry or 404, `PUT` stores it (200), refuses to replace one (409), and a token that may only read
 * gets 403 for a store; no or an unknown token, 401. In production DKISP runs a server of its own
 * that implements the same specification (docs/operations/deploy.md); none can be installed here
 * without the internet, and nginx's WebDAV module cannot stand in for one: it answers a store
 * with 201 or 204, which Nx takes for a misconfigured endpoint (measured).
 */
export interface RunningCache {
  url: string;
  /** The hashes stored, in the order they arrived. */
  stored: string[];
  /** Each request as "METHOD hash status". */
  log: string[];
  stop: () => Promise<void>;
}

export async function startNxRemoteCache(tokens: { write: string; read: string }): Promise<RunningCache> {
  const dir = await mkdtemp(join(tmpdir(), "portal-nx-remote-"));
  const stored: string[] = [];
  const log: string[] = [];
  const answer = (res: ServerResponse, status: number, line: string) => {
    log.push(`${line} ${status}`);
    res.writeHead(status).end();
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const hash = /^\/v1\/cache\/([0-9A-Za-z]+)$/.exec(req.url ?? "")?.[1];
    const line = `${req.method} ${hash ?? req.url}`;
    if (!hash) return answer(res, 404, line);
    const role =
      req.headers.authorization === `Bearer ${tokens.write}`
        ? "write"
        : req.headers.authorization === `Bearer ${tokens.read}`
          ? "read"
          : undefined;
    if (!role) return answer(res, 401, line);
    const file = join(dir, hash);
    const exists = await stat(file).then(
      () => true,
      () => false,
    );
    if (req.method === "GET") {
      if (!exists) return answer(res, 404, line);
      log.push(`${line} 200`);
      res.writeHead(200, { "content-type": "application/octet-stream" });
      return void (await pipeline(createReadStream(file), res));
    }
    if (req.method !== "PUT") return answer(res, 405, line);
    if (role !== "write") return answer(res, 403, line);
    if (exists) return answer(res, 409, line);
    // Whole or not at all: a reader never sees half an entry.
    const partial = `${file}.partial-${process.hrtime.bigint()}`;
    await pipeline(req, createWriteStream(partial));
    await rename(partial, file);
    stored.push(hash);
    answer(res, 200, line);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.push(`${req.method} ${req.url} 500 ${String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stored,
    log,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

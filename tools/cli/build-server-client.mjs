// @ts-check
/**
 * The side of `portal build-server` (build-server.ts) that a build's process runs before it loads
 * the compiled CLI: `portal build <site...>` (portal.mjs) and Nx's executor for one site
 * (nx-plugin/build-executor.ts). When a server of this checkout and of this very CLI is listening,
 * the build runs there, in a process whose CLI is loaded and whose code V8 has already compiled
 * and optimised, and this process only relays its output and exit code. So the two processes of a
 * post's edit in CI (its unit's build in Nx's batch worker, then the hub's) start no CLI of their
 * own, and the second finds the code the first ran warm (docs/benchmarks.md: 3.6–3.9 s against
 * 3.0–3.2 s for a title edit at 40 × 100).
 *
 * With no server, or one that does not answer to the end, the caller builds in its own process as
 * before: the server can only make a build faster, never make one fail or be skipped.
 *
 * Plain JavaScript, not part of the compiled CLI: it runs before the CLI is loaded, which it is
 * here to spare. The server imports the same file, so the two agree on the socket and the messages.
 */
import { createHash } from "node:crypto";
import { lstatSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { createInterface } from "node:readline";

/** The messages' format: a server and a client of another one do not talk. */
export const buildServerProtocol = 1;

/**
 * The socket of the server for a checkout (its root). A server builds only with the code it started
 * with: it refuses a build once a file the CLI is compiled from has changed (build-server.ts), so
 * a client need not hash those files to find it. In the system's temporary folder, since a socket's
 * address is limited to 107 bytes and a checkout's path is not.
 * @param {string} root
 */
export function buildServerSocket(root) {
  const id = createHash("sha256").update(root).digest("hex").slice(0, 24);
  return `${tmpdir()}/portal-build-${id}.sock`;
}

/**
 * Whether `path` is a socket of this user that no other user may open: a server's word is taken
 * as a build's result, so a socket another user made (or could reach) is never used.
 * @param {string} path
 */
export function isOwnSocket(path) {
  try {
    const stat = lstatSync(path);
    return stat.isSocket() && stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/**
 * @typedef {{ code: number } | { unserved: string | undefined }} ServedBuild
 * `code`: the build ran on the server and ended with it. `unserved`: the caller builds itself,
 * after printing the reason when there is one (none when no server is running).
 */

/**
 * Asks the server at `socket` to build `sites`, relaying what it prints to this process's output.
 * `onResult`, when given, asks for each site's result as data (`portal build --json`'s lines).
 * @param {{ socket: string; sites: string[]; onResult?: (result: any) => void }} request
 * @returns {Promise<ServedBuild>}
 */
export function buildOnServer({ socket, sites, onResult }) {
  if (!isOwnSocket(socket)) return Promise.resolve({ unserved: undefined });
  return new Promise((resolve) => {
    const conn = connect(socket);
    /** @type {number | undefined} */
    let code;
    let answered = false;
    /** @type {string | undefined} */
    let broken;
    conn.on("error", (error) => {
      // Refused or gone before it said anything: a server that stopped left its socket behind.
      broken ??= answered ? `the build server's connection failed (${error.message})` : "";
    });
    conn.on("connect", () => {
      conn.write(
        `${JSON.stringify({ protocol: buildServerProtocol, sites, json: onResult !== undefined, env: process.env })}\n`,
      );
    });
    const lines = createInterface({ input: conn, crlfDelay: Number.POSITIVE_INFINITY });
    // The connection's own error is handled above; readline reports it again.
    lines.on("error", () => undefined);
    lines.on("line", (line) => {
      answered = true;
      /** @type {Record<string, unknown>} */
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        broken ??= "the build server's answer could not be read";
        conn.destroy();
        return;
      }
      if (typeof message.stdout === "string") process.stdout.write(message.stdout);
      else if (typeof message.stderr === "string") process.stderr.write(message.stderr);
      else if (message.result !== undefined && onResult) onResult(message.result);
      else if (typeof message.code === "number") code = message.code;
      // It will not build this (another protocol, a request it cannot read): it says why.
      else if (typeof message.refused === "string") broken ??= `the build server refused the build: ${message.refused}`;
    });
    conn.on("close", () => {
      if (code !== undefined) resolve({ code });
      else
        resolve({ unserved: broken || (answered ? "the build server stopped before the build finished" : undefined) });
    });
  });
}

import { type Dirent, chmodSync, lstatSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { type Socket, connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { listSiteSlugs } from "../content/registry.ts";
import { hubSlug } from "../core/hub-slug.ts";
import { pathToFileURL } from "node:url";
import { createInterface } from "node:readline";
import { Progress } from "../core/progress.ts";
import { closeSearchProcess, keepSearchProcess } from "../pipeline/stages/search-index.ts";
import { defaultSchemaDir, toolsRepoRoot, type Workspace, workspaceAt } from "../core/workspace.ts";
import { filesToForget, forgetCachedFiles } from "../pipeline/eleventy-cache.ts";
import { type JsonSiteResult, runBuild } from "./build-command.ts";
import { describeError } from "./run-cli.ts";

/**
 * `portal build-server`: one process that keeps the CLI loaded and builds the sites that
 * `portal build <site...>` and Nx's executor for one site hand it (build-server-client.mjs says
 * when and why). The deploy workflow starts it before Nx, so it loads while Nx reads its graph, and
 * a post's edit then builds its unit and the hub there, one after the other, the second with the
 * code the first ran already optimised.
 *
 * It builds as `npm start` does on every save (start-command.ts): `buildSites` again in one
 * process, whose caches are each keyed by what they were read from, so a build sees the files as
 * they are when it starts. One build at a time, in the order asked; each with the caller's
 * environment (the quarter hour, the base address, the dist folder), and its output and exit code
 * sent back to the caller, which prints them as its own. It stops by itself after `idleSeconds`
 * with nothing to build, and on SIGTERM or SIGINT.
 *
 * Once listening, before any caller's request, it builds one unit aside (`warmUp`): a first build
 * runs the CLI's code cold, and the deploy workflow starts the server early enough (before its
 * plan step) for that first build to be no caller's.
 */

/** What the client module exports (plain JavaScript, loaded before the CLI: build-server-client.mjs). */
interface BuildServerClient {
  buildServerProtocol: number;
  buildServerSocket: (root: string) => string;
  isOwnSocket: (path: string) => boolean;
}

/** A request longer than this is not a build's (a site list and an environment): refused unread. */
const requestBytesAtMost = 1 << 20;
const requestWithinMs = 10_000;

export interface BuildServerOptions {
  idleSeconds: number;
}

async function clientModule(): Promise<BuildServerClient> {
  return (await import(
    pathToFileURL(join(toolsRepoRoot, "tools/cli/build-server-client.mjs")).href
  )) as BuildServerClient;
}

export async function runBuildServer(ws: Workspace, options: BuildServerOptions): Promise<number> {
  if (ws.root !== toolsRepoRoot || ws.distDir !== workspaceAt().distDir) {
    // A client names no folder: the server builds the checkout it belongs to, where clients send it.
    console.error(
      "portal build-server: builds this checkout only; --root and --dist are not taken (a build's own PORTAL_DIST_DIR is)",
    );
    return 2;
  }
  const client = await clientModule();
  const socket = client.buildServerSocket(toolsRepoRoot);
  const free = await claimSocket(socket, client);
  if (free !== true) {
    console.error(free.message);
    return free.code;
  }
  // What this process loaded once and keeps: a build after any of it changed is the caller's.
  const loaded = stampsOf(loadedOnce());
  const sources = new SourceStamps();
  const server = createServer((conn) => void onConnection(conn));
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;
  let idle: NodeJS.Timeout | undefined;
  let stop!: (code: number) => void;
  const stopped = new Promise<number>((resolve) => (stop = resolve));
  let closed = false;
  const close = (why: string, code: number) => {
    if (closed) return;
    closed = true;
    clearTimeout(idle);
    server.close();
    rmSync(socket, { force: true });
    console.log(`portal build-server: stopped (${why}).`);
    void closeSearchProcess().finally(() => stop(code));
  };
  const idleFromNow = () => {
    clearTimeout(idle);
    if (closed) return;
    idle = setTimeout(() => close(`nothing to build for ${options.idleSeconds} s`, 0), options.idleSeconds * 1000);
  };

  async function onConnection(conn: Socket): Promise<void> {
    clearTimeout(idle);
    pending++;
    const request = await readRequest(conn, client.buildServerProtocol);
    const send = (message: Record<string, unknown>) => {
      if (!conn.destroyed) conn.write(`${JSON.stringify(message)}\n`);
    };
    if ("refused" in request) {
      send({ refused: request.refused });
      conn.end();
    } else {
      queue = queue
        .then(async () => {
          const started = performance.now();
          const built = await buildFor(request, send, { loaded, sources });
          if ("refused" in built) {
            send({ refused: built.refused });
            conn.end();
            return close(built.refused, 0);
          }
          if (!conn.destroyed) conn.end(`${JSON.stringify({ code: built.code })}\n`);
          console.log(
            `portal build-server: built ${request.sites.join(" ")} (exit ${built.code}, ${((performance.now() - started) / 1000).toFixed(2)} s)`,
          );
        })
        .catch((error: unknown) => {
          // Hung up without an exit code, the caller builds in its own process; the queue goes on.
          console.error(`portal build-server: could not build ${request.sites.join(" ")}: ${describeError(error)}`);
          conn.destroy();
        });
      await queue;
    }
    if (--pending === 0) idleFromNow();
  }

  server.on("error", (error) => close(`its socket failed: ${error.message}`, 1));
  // Owner only: whoever can write to the socket has the server build, and takes its word for it.
  const mask = process.umask(0o077);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(socket, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    console.error(`portal build-server: cannot listen on ${socket}: ${describeError(error)}`);
    return 1;
  } finally {
    process.umask(mask);
  }
  chmodSync(socket, 0o600);
  // Builds follow one another here, as npm start's do: Pagefind's process stays for the next.
  keepSearchProcess();
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => close(signal, 0));
  console.log(
    `portal build-server: building ${toolsRepoRoot}'s sites for \`portal build <site>\` and Nx's one-site tasks (socket ${socket}); stops after ${options.idleSeconds} s with nothing to build.`,
  );
  // Queued as a build: a request that comes meanwhile waits for it, and the idle time counts from its end.
  pending++;
  queue = queue
    .then(async () => {
      const warm = pending > 1 ? { skipped: "a caller was waiting" } : await warmUp({ loaded, sources });
      if ("refused" in warm) return close(warm.refused, 0);
      console.log(`portal build-server: ${"skipped" in warm ? `not warmed up (${warm.skipped})` : warm.warmed}.`);
    })
    .catch((error: unknown) => console.error(`portal build-server: not warmed up: ${describeError(error)}`));
  await queue;
  if (--pending === 0) idleFromNow();
  return stopped;
}

/**
 * A unit built into a temporary folder, its output discarded, so that the code a build runs is
 * compiled and optimised before a caller's build needs it: at 40 units × 100 posts, a unit's build
 * after another's took 0.40–0.46 s in one process against 0.59–0.73 s as its first
 * (docs/benchmarks.md, 2026-12-07, night). It writes nothing of the checkout's but what a build
 * keeps in `.cache/` (encoded images, compiled templates), each by what it was made from. The first
 * unit in the folder's order: any unit runs the code every unit's build runs.
 */
async function warmUp(kept: {
  loaded: ReadonlyMap<string, string>;
  sources: SourceStamps;
}): Promise<{ warmed: string } | { skipped: string } | { refused: string }> {
  const ws = workspaceAt();
  let unit: string | undefined;
  let aside: string;
  try {
    const hub = hubSlug(ws.root);
    unit = (await listSiteSlugs(ws)).find((slug) => slug !== hub);
    if (!unit) return { skipped: "no unit but the hub" };
    aside = await mkdtemp(join(tmpdir(), "portal-warm-up-"));
  } catch (error) {
    // Never a failure of the server's: the builds queued after it would never run.
    return { skipped: describeError(error) };
  }
  const started = performance.now();
  try {
    const env = Object.fromEntries(
      Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined),
    );
    // Its pictures quickly: encoding a unit's photos in AVIF when the image cache does not hold
    // them (a first run) would keep a caller waiting for pictures nobody sees.
    const built = await buildFor(
      { sites: [unit], json: true, env: { ...env, PORTAL_DIST_DIR: aside } },
      () => {},
      kept,
      { quickImages: true },
    );
    if ("refused" in built) return built;
    return {
      warmed: `warmed up by building ${unit} aside (exit ${built.code}, ${((performance.now() - started) / 1000).toFixed(2)} s)`,
    };
  } finally {
    await rm(aside, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * Whether the socket's address is free for this server: a server still answering there is the
 * checkout's server already (nothing to do, exit 0); a socket nobody answers on is a stopped
 * server's, removed; anything else there is not ours to remove.
 */
async function claimSocket(
  socket: string,
  client: BuildServerClient,
): Promise<true | { code: number; message: string }> {
  let exists: boolean;
  try {
    lstatSync(socket);
    exists = true;
  } catch {
    exists = false;
  }
  if (!exists) return true;
  if (!client.isOwnSocket(socket))
    return {
      code: 1,
      message: `portal build-server: ${socket} exists and is not a socket of this user that only it can open; remove it if it is a stopped server's`,
    };
  const answering = await new Promise<boolean>((resolve) => {
    const probe = connect(socket);
    probe.once("connect", () => {
      probe.destroy();
      resolve(true);
    });
    probe.once("error", () => resolve(false));
  });
  if (answering)
    return { code: 0, message: `portal build-server: one is running for this checkout already (socket ${socket}).` };
  rmSync(socket, { force: true });
  return true;
}

interface BuildRequest {
  sites: string[];
  json: boolean;
  env: Record<string, string>;
}

/** The first line a client sends, checked: a request that is not a build's is refused, unbuilt. */
async function readRequest(conn: Socket, protocol: number): Promise<BuildRequest | { refused: string }> {
  const line = await new Promise<string | undefined>((resolve) => {
    // A caller sends its request at once: one that does not is not left holding the server awake.
    const late = setTimeout(() => {
      resolve(undefined);
      conn.destroy();
    }, requestWithinMs);
    conn.once("close", () => clearTimeout(late));
    let bytes = 0;
    conn.on("data", (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > requestBytesAtMost) {
        resolve(undefined);
        conn.destroy();
      }
    });
    const lines = createInterface({ input: conn, crlfDelay: Number.POSITIVE_INFINITY });
    lines.once("line", (first) => {
      clearTimeout(late);
      lines.close();
      resolve(first);
    });
    conn.once("close", () => resolve(undefined));
    conn.once("error", () => resolve(undefined));
  });
  if (line === undefined)
    return { refused: `no request line of at most ${requestBytesAtMost} bytes within ${requestWithinMs / 1000} s` };
  let request: unknown;
  try {
    request = JSON.parse(line);
  } catch {
    return { refused: "the request is not JSON" };
  }
  const r = request as Partial<Record<keyof BuildRequest | "protocol", unknown>>;
  if (r.protocol !== protocol) return { refused: `protocol ${String(r.protocol)}, this server speaks ${protocol}` };
  const sites = r.sites;
  const env = r.env;
  if (!Array.isArray(sites) || sites.length === 0 || !sites.every((s) => typeof s === "string"))
    return { refused: "`sites` must name at least one site" };
  if (typeof r.json !== "boolean") return { refused: "`json` must be true or false" };
  if (
    typeof env !== "object" ||
    env === null ||
    Array.isArray(env) ||
    !Object.values(env).every((v) => typeof v === "string")
  )
    return { refused: "`env` must map names to strings" };
  return { sites: sites as string[], json: r.json, env: env as Record<string, string> };
}

/**
 * One build, as `portal build [--json] <site...>` would run it in the caller's process: with its
 * environment, its output sent to it, and an internal error reported as the CLI reports one
 * (run-cli.ts), with exit code 1.
 */
async function buildFor(
  request: BuildRequest,
  send: (message: Record<string, unknown>) => void,
  kept: { loaded: ReadonlyMap<string, string>; sources: SourceStamps },
  /** The warm-up's, never a caller's. */
  own: { quickImages?: true } = {},
): Promise<{ code: number } | { refused: string }> {
  const restoreEnv = useEnvironment(request.env);
  try {
    // The CLI's code and the schemas are loaded once a process; npm start reloads the schemas on a
    // change it watches. This server watches nothing: such a build is left to the caller, who
    // loads them as they are now, and the server stops.
    const changed = firstChanged(kept.loaded, stampsOf(loadedOnce()));
    if (changed) return { refused: `${relative(toolsRepoRoot, changed)} changed since the server started` };
    const ws = workspaceAt();
    await kept.sources.forgetChanged(ws);
    const restoreOutput = sendOutput(send);
    const progress = new Progress();
    try {
      return {
        code: await runBuild(ws, request.sites, {
          json: request.json,
          progress,
          onJson: (result: JsonSiteResult) => send({ result }),
          ...own,
        }),
      };
    } catch (error) {
      console.error(`Internal error: portal build failed: ${describeError(error)}, during ${progress.describe()}.`);
      return { code: 1 };
    } finally {
      restoreOutput();
    }
  } finally {
    restoreEnv();
  }
}

/**
 * The files of what a process loads once and keeps: the compiled CLI's sources (the list
 * compiled-cli.mjs hashes them from, and what it reads besides) and the schemas.
 */
function loadedOnce(): string[] {
  const listed = join(toolsRepoRoot, ".cache", "compiled", "cli.inputs.json");
  let inputs: string[] = [];
  try {
    inputs = (JSON.parse(readFileSync(listed, "utf8")) as string[]).map((file) => join(toolsRepoRoot, file));
  } catch {
    // Run from the sources, never compiled: the list's absence is its stamp.
  }
  return [
    listed,
    join(toolsRepoRoot, "tools", "cli", "compiled-cli.mjs"),
    join(toolsRepoRoot, "tsconfig.json"),
    ...inputs,
    ...filesUnder(defaultSchemaDir()),
  ];
}

/**
 * Eleventy keeps what it read in process-wide caches that only its watcher's reports empty (npm
 * start reports its own watcher's: eleventy-cache.ts). This server has no watcher: before each
 * build it compares every file Eleventy may have read (the theme and the sites' content) with what
 * it was before the last, and reports those that changed, as npm start would have.
 */
class SourceStamps {
  #last: Map<string, string> | undefined;

  async forgetChanged(ws: Workspace): Promise<void> {
    const sites = await listSiteSlugs(ws);
    const files = [
      ...filesUnder(ws.themeDir),
      ...sites.flatMap((slug) => filesUnder(join(ws.sitesDir, slug, "content"))),
    ];
    const now = stampsOf(files);
    const last = this.#last;
    this.#last = now;
    // The first build: nothing read yet.
    if (!last) return;
    const changed = [...new Set([...now.keys(), ...last.keys()])].filter((file) => now.get(file) !== last.get(file));
    if (changed.length === 0) return;
    // A template of the theme: every page compiled from it is compiled again (npm start does the same).
    const themeChanged = changed.some((file) => file.startsWith(`${ws.themeDir}${sep}`));
    // The hub renders archived units' pages too: every site's content, not only the built sites'.
    await forgetCachedFiles(themeChanged ? filesToForget(ws, sites, changed) : changed);
  }
}

function filesUnder(dir: string): string[] {
  try {
    return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}

/**
 * Each file's size, times of change and inode: a write changes the change time, which no tool can
 * set back, and a file put in another's place has another inode. A file that cannot be read has
 * no stamp, which differs from any it had.
 */
function stampsOf(files: readonly string[]): Map<string, string> {
  const stamps = new Map<string, string>();
  for (const file of files) {
    try {
      const stat = statSync(file);
      stamps.set(file, `${stat.size} ${stat.mtimeMs} ${stat.ctimeMs} ${stat.ino}`);
    } catch {
      stamps.set(file, "unreadable");
    }
  }
  return stamps;
}

function firstChanged(before: ReadonlyMap<string, string>, now: ReadonlyMap<string, string>): string | undefined {
  for (const [file, stamp] of now) if (before.get(file) !== stamp) return file;
  for (const file of before.keys()) if (!now.has(file)) return file;
  return undefined;
}

/**
 * The caller's environment for the time of its build. Set on `process.env` itself (not a new
 * object), where Node's own readers of it (TZ, the children the build starts) find it.
 */
function useEnvironment(env: Record<string, string>): () => void {
  const own = { ...process.env };
  const apply = (to: Record<string, string | undefined>) => {
    for (const name of Object.keys(process.env)) if (!(name in to)) delete process.env[name];
    for (const [name, value] of Object.entries(to))
      if (value !== undefined && process.env[name] !== value) process.env[name] = value;
  };
  apply(env);
  return () => apply(own);
}

/** What the build prints, sent to the client instead (the worker threads' output comes through these too). */
function sendOutput(send: (message: Record<string, unknown>) => void): () => void {
  const streams = [
    [process.stdout, "stdout"],
    [process.stderr, "stderr"],
  ] as const;
  const kept = streams.map(([stream]) => stream.write);
  for (const [stream, name] of streams)
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      send({ [name]: typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString("utf8") });
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  return () => {
    streams.forEach(([stream], i) => {
      stream.write = kept[i]!;
    });
  };
}

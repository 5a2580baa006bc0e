import { spawn } from "node:child_process";
import { isAbsolute, resolve } from "node:path";

/**
 * Where sites are deployed: a folder on this machine, or `user@host:/srv/portal` over SSH. Every
 * operation on the target is a POSIX shell script (tools/deploy/target-scripts.ts) run by `sh`
 * here or on the server, and files travel by rsync in both cases, so a local target exercises the
 * very code that runs against a server. The server needs only sh, GNU coreutils, sha256sum and
 * rsync; no Node.
 */
export type Target = { kind: "local"; dir: string } | { kind: "ssh"; host: string; dir: string };

export function parseTarget(spec: string): Target {
  // user@host:dir or host:dir (scp syntax); a Windows-style "C:\" never occurs here.
  const remote = /^([^/:\s]+):(.+)$/.exec(spec);
  if (remote) return { kind: "ssh", host: remote[1]!, dir: remote[2]! };
  return { kind: "local", dir: isAbsolute(spec) ? spec : resolve(spec) };
}

/** A site's folder on the target: `<dir>/<slug>` (holds `current` and `releases/`). */
export function siteDirOn(target: Target, site: string): string {
  return `${target.dir.replace(/\/$/, "")}/${site}`;
}

export function describeTarget(target: Target): string {
  return target.kind === "local" ? target.dir : `${target.host}:${target.dir}`;
}

/** SSH options from DEPLOY_SSH (e.g. "-p 2222 -i key -o StrictHostKeyChecking=yes"), split on spaces. */
function sshOptions(): string[] {
  return (process.env.DEPLOY_SSH ?? "").split(/\s+/).filter(Boolean);
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], input?: string): Promise<RunResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr }));
    child.stdin.end(input ?? "");
  });
}

/** Runs `script` with `args` ($1, $2...) on the target: `sh -s` here, or through ssh. */
export function runScript(target: Target, script: string, args: string[]): Promise<RunResult> {
  if (target.kind === "local") return run("sh", ["-s", "--", ...args], script);
  // ssh joins its arguments into one command line for the remote shell: quote each.
  return run(
    "ssh",
    [...sshOptions(), "-o", "BatchMode=yes", target.host, ["sh", "-s", "--", ...args].map(shellQuote).join(" ")],
    script,
  );
}

/**
 * rsync `from` (a folder's contents when it ends in "/", else a file) to `to` on the target;
 * `linkDest` hard-links files found unchanged in those folders instead of copying them.
 */
export function transfer(
  target: Target,
  from: string,
  to: string,
  options: { linkDest?: string[] } = {},
): Promise<RunResult> {
  // --checksum: a file changed on the server behind our back (same size and time, other bytes)
  // must not be taken as unchanged and linked into the new release.
  // Not -a: times are not kept, so a rebuilt file with the same bytes is still linked (rsync
  // links only files equal in every kept attribute). A linked file keeps its first time, hence
  // its ETag: browsers keep their copy across releases.
  const args = ["-rlpD", "--delete", "--checksum", ...(options.linkDest ?? []).map((dir) => `--link-dest=${dir}`)];
  if (target.kind === "ssh") args.push("-e", ["ssh", ...sshOptions(), "-o", "BatchMode=yes"].map(shellQuote).join(" "));
  const destination = target.kind === "local" ? to : `${target.host}:${to}`;
  return run("rsync", [...args, from, destination]);
}

export function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

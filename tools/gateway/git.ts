import { spawn } from "node:child_process";

export class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`git ${args.join(" ")} failed (${code}): ${output.trim()}`);
  }
}

/**
 * Runs git in `cwd`; resolves with its standard output, rejects with a GitError that carries
 * everything it printed. `input` is written to its standard input. No prompt ever blocks the
 * gateway, and no user's or machine's Git configuration shapes its commits or reads.
 */
export function git(
  args: string[],
  cwd: string,
  options: { input?: string | Buffer; env?: Record<string, string>; binary?: false },
): Promise<string>;
export function git(
  args: string[],
  cwd: string,
  options: { input?: string | Buffer; env?: Record<string, string>; binary: true },
): Promise<Buffer>;
export function git(args: string[], cwd: string): Promise<string>;
export function git(
  args: string[],
  cwd: string,
  options: { input?: string | Buffer; env?: Record<string, string>; binary?: boolean } = {},
): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      env: {
        ...process.env,
        GIT_TERMINAL_PROMPT: "0",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_CONFIG_GLOBAL: "/dev/null",
        ...options.env,
      },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    const out: Buffer[] = [];
    let err = "";
    child.stdout?.on("data", (d: Buffer) => out.push(d));
    child.stderr?.on("data", (d) => (err += d));
    child.on("error", reject);
    child.on("close", (code) => {
      const stdout = Buffer.concat(out);
      if (code === 0) resolve(options.binary ? stdout : stdout.toString("utf8"));
      else reject(new GitError(args, code, `${stdout.toString("utf8")}${err}`));
    });
    if (child.stdin) {
      // git may exit before reading all it was given (a refusal); that is its answer, not an error.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input);
    }
  });
}

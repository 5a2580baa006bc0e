import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";

/**
 * A server the tests start as a child process (nginx, sshd, `portal start`): it is ready when
 * `ready()` says so, and `stop()` ends it, waits, then runs `cleanup` (its temporary folder). If
 * it exits or never gets ready, it is cleaned up and the error carries what it printed.
 */
export interface Daemon {
  process: ChildProcess;
  /** Everything it has printed so far (stdout and stderr). */
  output: () => string;
  /** How it ended ("exited with code 1", "killed by SIGKILL"), or undefined while it runs. */
  ended: () => string | undefined;
  stop: () => Promise<void>;
}

export interface DaemonOptions {
  ready: (output: string) => Promise<boolean> | boolean;
  cleanup?: () => Promise<void>;
  timeoutMs?: number;
  /** Added to the environment the process inherits. */
  env?: NodeJS.ProcessEnv;
  /** Where it runs (default: here). */
  cwd?: string;
}

export async function startDaemon(
  name: string,
  command: string,
  args: string[],
  options: DaemonOptions,
): Promise<Daemon> {
  const child = spawn(command, args, {
    stdio: ["ignore", "pipe", "pipe"],
    ...(options.env ? { env: { ...process.env, ...options.env } } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  // A server that dies in the middle of a file takes every later test with it, each failing on a
  // refused connection: how it ended is what tells a crash (a signal) from an exit of its own.
  let ended: string | undefined;
  child.once("exit", (code, signal) => (ended = signal ? `killed by ${signal}` : `exited with code ${code}`));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
    }
    await options.cleanup?.();
  };
  for (
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    !(await options.ready(output));
    await new Promise((r) => setTimeout(r, 50))
  ) {
    if (Date.now() > deadline || child.exitCode !== null) {
      await stop();
      throw new Error(`${name} did not get ready:\n${output}`);
    }
  }
  return { process: child, output: () => output, ended: () => ended, stop };
}

/** Whether something accepts TCP connections on 127.0.0.1:port. */
export function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.end();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}

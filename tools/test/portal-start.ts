import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";
import { freePort } from "./browser.ts";
import { startDaemon } from "./daemon.ts";
import { buildProcessFlags } from "../core/build-process-flags.ts";

export interface RunningPortal {
  port: number;
  /** Everything the process has printed so far (stdout and stderr). */
  output: () => string;
  /** Whether the process is still running. */
  running: () => boolean;
  /** How it ended ("exited with code 1", "killed by SIGKILL"), or undefined while it runs. */
  ended: () => string | undefined;
  /**
   * Waits until what it printed after `from` (a length of `output()`) matches `pattern`; fails
   * after `timeoutMs` with what it did print, so a rebuild that never comes names itself.
   */
  printed: (from: number, pattern: RegExp, timeoutMs?: number) => Promise<void>;
  stop: () => Promise<void>;
}

/** `portal start` on a workspace, as a person runs it, on a free loopback port; resolves once it serves. */
export async function startPortal(root: string, env: NodeJS.ProcessEnv = {}): Promise<RunningPortal> {
  const port = await freePort();
  const server = await startDaemon(
    "portal start",
    process.execPath,
    // As `npm start` runs it.
    [
      ...buildProcessFlags,
      join(toolsRepoRoot, "tools/cli/portal.mjs"),
      "start",
      "--root",
      root,
      "--port",
      String(port),
    ],
    { ready: (output) => output.includes("Tekan Ctrl+C"), timeoutMs: 120_000, env },
  );
  // Checked as each piece of output arrives, not on a timer: the benchmarks time save-to-page by
  // it, and a 100 ms poll added up to 100 ms to each figure (and made them all alike).
  const printed = (from: number, pattern: RegExp, timeoutMs = 60_000): Promise<void> =>
    new Promise((resolve, reject) => {
      const streams = [server.process.stdout!, server.process.stderr!];
      const seen = () => pattern.test(server.output().slice(from));
      const check = () => {
        if (!seen()) return;
        done();
        resolve();
      };
      const timer = setTimeout(() => {
        done();
        reject(
          new Error(
            `portal start never printed ${pattern} within ${timeoutMs} ms; it printed:\n${server.output().slice(from)}`,
          ),
        );
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        for (const stream of streams) stream.off("data", check);
      };
      // After startDaemon's own listeners, which append each piece to the output first.
      for (const stream of streams) stream.on("data", check);
      check();
    });
  return {
    port,
    output: server.output,
    printed,
    running: () => server.ended() === undefined,
    ended: server.ended,
    stop: server.stop,
  };
}

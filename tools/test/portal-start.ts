import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";
import { freePort } from "./browser.ts";
import { startDaemon } from "./daemon.ts";

export interface RunningPortal {
  port: number;
  /** Everything the process has printed so far (stdout and stderr). */
  output: () => string;
  /** Whether the process is still running. */
  running: () => boolean;
  stop: () => Promise<void>;
}

/** `portal start` on a workspace, as a person runs it, on a free loopback port; resolves once it serves. */
export async function startPortal(root: string, env: NodeJS.ProcessEnv = {}): Promise<RunningPortal> {
  const port = await freePort();
  const server = await startDaemon(
    "portal start",
    process.execPath,
    ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "start", "--root", root, "--port", String(port)],
    { ready: (output) => output.includes("Tekan Ctrl+C"), timeoutMs: 120_000, env },
  );
  return {
    port,
    output: server.output,
    running: () => server.process.exitCode === null && server.process.signalCode === null,
    stop: server.stop,
  };
}

import { spawn } from "node:child_process";
import { join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";
import { freePort } from "./browser.ts";

export interface RunningPortal {
  port: number;
  /** Everything the process has printed so far (stdout and stderr). */
  output: () => string;
  stop: () => Promise<void>;
}

/** `portal start` on a workspace, as a person runs it, on a free loopback port; resolves once it serves. */
export async function startPortal(root: string): Promise<RunningPortal> {
  const port = await freePort();
  const server = spawn(process.execPath, ["--import", "tsx", join(toolsRepoRoot, "tools/cli/portal.ts"), "start", "--root", root, "--port", String(port)], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  server.stdout.on("data", (d) => (output += d));
  server.stderr.on("data", (d) => (output += d));
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise((r) => server.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => void stop().then(() => reject(new Error(`portal start did not get ready:\n${output}`))), 120_000);
    server.stdout.on("data", () => output.includes("Tekan Ctrl+C") && (clearTimeout(timer), resolve()));
  });
  return { port, output: () => output, stop };
}

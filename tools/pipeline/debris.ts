import { existsSync } from "node:fs";
import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { stagingRoot } from "./build-context.ts";

/**
 * What builds that were killed (or failed in a way that skipped their own cleanup) left in
 * `dist/`: staging runs (`.staging/run-<pid>-<time>/`, tens of MB each) and the previous output
 * of a site being swapped (`<slug>.old-<pid>`). Only a process that is gone leaves debris; a
 * build still running in the same folder keeps its own. A site caught between the two renames
 * of its swap is put back.
 */
export async function clearDebris(ws: Workspace): Promise<void> {
  const staging = stagingRoot(ws);
  for (const name of existsSync(staging) ? await readdir(staging) : []) {
    const pid = /^run-(\d+)-\d+$/.exec(name)?.[1];
    if (!pid || !isRunning(Number(pid))) await rm(join(staging, name), { recursive: true, force: true, maxRetries: 3 });
  }
  for (const name of existsSync(ws.distDir) ? await readdir(ws.distDir) : []) {
    const m = /^(.+)\.old-(\d+)$/.exec(name);
    if (!m || isRunning(Number(m[2]))) continue;
    const site = join(ws.distDir, m[1]!);
    if (existsSync(site)) await rm(join(ws.distDir, name), { recursive: true, force: true, maxRetries: 3 });
    else await rename(join(ws.distDir, name), site);
  }
}

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

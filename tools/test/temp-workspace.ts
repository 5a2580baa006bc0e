import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toolsRepoRoot, workspaceAt, type Workspace } from "../core/workspace.ts";

/** A throwaway copy of a fixture workspace (portal.json + sites/), removed by `dispose`. */
export async function tempWorkspace(fixture: string): Promise<Workspace & { dispose: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), "portal-test-"));
  await cp(join(toolsRepoRoot, fixture), dir, { recursive: true });
  const ws = workspaceAt(dir);
  return { ...ws, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export const fixtures = {
  /** Two valid sites (hub + dinkes) exercising every content type. */
  mini: "tools/test/fixtures/mini",
  /** One problem per file, plus valid sites that must still build. */
  broken: "tools/content/fixtures/broken",
} as const;

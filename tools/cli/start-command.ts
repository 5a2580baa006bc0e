import type { Workspace } from "../core/workspace.ts";

export async function runStart(_ws: Workspace, _options: { port: number }): Promise<number> {
  throw new Error("Internal error: start is not implemented yet");
}

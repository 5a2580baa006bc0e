import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The hub's folder name, from portal.json, read before anything validates it: by Nx's graph (the
 * one site that depends on all the others) and by the deploy workflow's plan (the hub is never in
 * a units' job). A portal.json that cannot be read fails with the reason: every site's build would
 * fail on it anyway, and a graph without the hub's dependencies would build it too early.
 */
export function hubSlug(workspaceRoot: string): string {
  const file = join(workspaceRoot, "portal.json");
  let hub: unknown;
  try {
    hub = (JSON.parse(readFileSync(file, "utf8")) as { hub?: unknown }).hub;
  } catch (error) {
    throw new Error(
      `portal.json cannot be read (${error instanceof Error ? error.message : String(error)}): fix it; \`npm run validate\` says what is wrong`,
    );
  }
  if (typeof hub !== "string" || hub === "")
    throw new Error('portal.json has no `hub` (the folder of the regional portal\'s site, e.g. "portal"): add it');
  return hub;
}

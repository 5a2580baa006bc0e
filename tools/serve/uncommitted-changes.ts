import { spawnSync } from "node:child_process";

/**
 * How many tracked files have changes not committed: the local gateway publishes by pushing into
 * this repository's checked-out branch, which Git refuses while they exist, so `portal start`
 * says so up front. 0 outside a Git repository.
 */
export function uncommittedChanges(repoDir: string): number {
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: repoDir,
    encoding: "utf8",
  });
  return status.status === 0 ? status.stdout.split("\n").filter(Boolean).length : 0;
}

import { spawnSync } from "node:child_process";

/**
 * When each unit's `site.json` first entered the repository's history (Unix seconds), to tell
 * which of two units came first: a newcomer that copies an existing unit's name is the one told
 * to change it. A unit not committed yet, or a folder outside Git, has no time (it is the newest,
 * or history cannot tell). Renames count as additions: the folder under its new name is new.
 */
export function firstCommitted(root: string): Map<string, number> {
  const result = spawnSync(
    "git",
    ["log", "--diff-filter=A", "--no-renames", "--relative", "--format=%ct", "--name-only", "--", "sites/*/site.json"],
    { cwd: root, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const added = new Map<string, number>();
  if (result.status !== 0) return added;
  let time = 0;
  // Newest first: the last time seen for a path is when it was first added.
  for (const line of result.stdout.split("\n")) {
    if (/^\d+$/.test(line)) time = Number(line);
    const m = /^sites\/([^/]+)\/site\.json$/.exec(line);
    if (m) added.set(m[1]!, time);
  }
  return added;
}

/**
 * When each unit's folder last changed in the repository's history (Unix seconds of the newest
 * commit that touches `sites/<slug>/`): the last content change, from Git rather than file times,
 * which a fresh clone sets all to the moment of cloning. `shallow` says the history is cut (a CI
 * checkout of depth 1): every unit then seems to have changed at that one commit.
 */
export function lastChanged(root: string): { times: Map<string, number>; git: boolean; shallow: boolean } {
  const times = new Map<string, number>();
  const log = spawnSync("git", ["log", "--no-renames", "--relative", "--format=%ct", "--name-only", "--", "sites"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (log.status !== 0) return { times, git: false, shallow: false };
  let time = 0;
  // Newest first: the first time seen for a unit is its last change.
  for (const line of log.stdout.split("\n")) {
    if (/^\d+$/.test(line)) time = Number(line);
    const m = /^sites\/([^/]+)\//.exec(line);
    if (m && !times.has(m[1]!)) times.set(m[1]!, time);
  }
  const shallow = spawnSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: root, encoding: "utf8" });
  return { times, git: true, shallow: shallow.stdout.trim() === "true" };
}

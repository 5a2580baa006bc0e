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
 *
 * A commit dated after `now` (a day of clock skew allowed) is not a change that happened: a wrong
 * clock or a forged date would make a dormant unit look active for years. It is left out of
 * `times` and named in `future` (the latest such date per unit), for the report to flag.
 */
export function lastChanged(
  root: string,
  now: Date,
): { times: Map<string, number>; future: Map<string, number>; git: boolean; shallow: boolean } {
  const times = new Map<string, number>();
  const future = new Map<string, number>();
  const log = spawnSync("git", ["log", "--no-renames", "--relative", "--format=%ct", "--name-only", "--", "sites"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (log.status !== 0) return { times, future, git: false, shallow: false };
  const latest = Math.floor(now.getTime() / 1000) + skewSeconds;
  let time = 0;
  // Newest first by commit order: the first believable time seen for a unit is its last change.
  for (const line of log.stdout.split("\n")) {
    if (/^\d+$/.test(line)) time = Number(line);
    const m = /^sites\/([^/]+)\//.exec(line);
    if (!m) continue;
    const slug = m[1]!;
    if (time > latest) future.set(slug, Math.max(time, future.get(slug) ?? 0));
    else if (!times.has(slug)) times.set(slug, time);
  }
  const shallow = spawnSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: root, encoding: "utf8" });
  return { times, future, git: true, shallow: shallow.stdout.trim() === "true" };
}

/** How far ahead of now a commit's date may be before it is a wrong clock rather than a time zone. */
const skewSeconds = 24 * 60 * 60;

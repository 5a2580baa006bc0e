import { execFile, spawnSync } from "node:child_process";

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

/** What Git says of each unit's folder (readUnitHistory). Times are Unix seconds. */
export interface UnitHistory {
  /** The newest believable commit that touches `sites/<slug>/`: the unit's last change. */
  times: Map<string, number>;
  /** The latest commit per unit dated after now (a wrong clock or a forged date). */
  future: Map<string, number>;
  /** When `sites/<slug>/site.json` was first added (as firstCommitted). */
  added: Map<string, number>;
  /** false outside Git: no times at all. */
  git: boolean;
  /** The history is cut (a CI checkout of depth 1): every unit then seems to have changed at that one commit. */
  shallow: boolean;
}

/**
 * When each unit's folder last changed in the repository's history, and when it was added: the
 * last content change, from Git rather than file times, which a fresh clone sets all to the
 * moment of cloning. One `git log` over `sites/` answers both (with each file's status), run
 * beside the build's other work rather than blocking it: a build starts it before validating.
 *
 * A commit dated after `now` (a day of clock skew allowed) is not a change that happened: a wrong
 * clock or a forged date would make a dormant unit look active for years. It is left out of
 * `times` and named in `future` (the latest such date per unit), for the report to flag.
 */
export async function readUnitHistory(root: string, now: Date): Promise<UnitHistory> {
  const times = new Map<string, number>();
  const future = new Map<string, number>();
  const added = new Map<string, number>();
  const log = await git(root, [
    // quotePath off: a file name outside ASCII is printed as it is, not quoted and escaped.
    "-c",
    "core.quotePath=false",
    "log",
    "--no-renames",
    "--relative",
    // The only decoration left with every ref excluded is "grafted": the cut of a shallow clone.
    "--decorate-refs-exclude=refs/*",
    "--decorate-refs-exclude=HEAD",
    "--format=%ct%d",
    "--name-status",
    "--",
    "sites",
  ]);
  if (log === undefined) return { times, future, added, git: false, shallow: false };
  const latest = Math.floor(now.getTime() / 1000) + skewSeconds;
  let time = 0;
  let shallow = false;
  // Newest first by commit order: the first believable time seen for a unit is its last change,
  // and the last time its site.json is seen added is when it was first added.
  for (const line of log.split("\n")) {
    const commit = /^(\d+)( \(grafted\))?$/.exec(line);
    if (commit) {
      time = Number(commit[1]);
      shallow ||= commit[2] !== undefined;
      continue;
    }
    // "M<tab>sites/dinkes/…"; a name with a tab, newline or quote comes quoted.
    const m = /^[A-Z]\t"?sites\/([^/]+)\/(.*)$/.exec(line);
    if (!m) continue;
    const slug = m[1]!;
    if (line.startsWith("A\t") && m[2] === "site.json") added.set(slug, time);
    if (time > latest) future.set(slug, Math.max(time, future.get(slug) ?? 0));
    else if (!times.has(slug)) times.set(slug, time);
  }
  return { times, future, added, git: true, shallow };
}

/** A git command's output, or undefined when it fails (no Git, not a repository). */
function git(root: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 }, (error, stdout) =>
      resolve(error ? undefined : stdout),
    );
  });
}

/** How far ahead of now a commit's date may be before it is a wrong clock rather than a time zone. */
const skewSeconds = 24 * 60 * 60;

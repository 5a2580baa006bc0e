import { execFile, spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";

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
  const log = await historyLog(root);
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

/** The arguments of the one `git log` a build reads. */
const logArguments = [
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
];

/** The last log read per repository root, with the commit and shallow cut it was read at. */
const lastLog = new Map<string, { at: string; log: Promise<string | undefined> }>();

/**
 * `git log` over `sites/`, read again only when HEAD's commit or the shallow cut moved: the history
 * of a commit does not change, and npm start rebuilds on every save, where starting Git (a fork
 * of the whole server process) was 11–14 ms of the 300 a save may take (issue 27).
 */
function historyLog(root: string): Promise<string | undefined> {
  const at = headOf(root);
  const last = lastLog.get(root);
  if (at !== undefined && last?.at === at) return last.log;
  const log = git(root, logArguments);
  if (at === undefined) lastLog.delete(root);
  else lastLog.set(root, { at, log });
  // A failed read is not kept: the next build asks Git again.
  void log.then((text) => text === undefined && lastLog.get(root)?.log === log && lastLog.delete(root));
  return log;
}

/**
 * HEAD's commit and the shallow cut, read from `<root>/.git` as Git stores them (a loose ref,
 * else packed-refs); undefined when that is not plain (no `.git` folder at the root, a worktree's
 * `.git` file, a ref Git has not written yet): then Git is asked every time.
 */
function headOf(root: string): string | undefined {
  const dir = join(root, ".git");
  try {
    if (!statSync(dir).isDirectory()) return undefined;
    const head = readFileSync(join(dir, "HEAD"), "utf8").trim();
    const ref = /^ref: (refs\/\S+)$/.exec(head)?.[1];
    const commit = ref === undefined ? head : refCommit(dir, ref);
    if (!commit || !/^[0-9a-f]{40,64}$/.test(commit)) return undefined;
    return `${commit} ${readOptional(join(dir, "shallow")).replace(/\s+/g, " ")}`;
  } catch {
    return undefined;
  }
}

function refCommit(dir: string, ref: string): string | undefined {
  const loose = readOptional(join(dir, ref)).trim();
  if (loose) return loose;
  // packed-refs: "<id> <ref>" lines (and "^<id>" lines for annotated tags).
  const line = readOptional(join(dir, "packed-refs"))
    .split("\n")
    .find((l) => l.endsWith(` ${ref}`));
  return line?.split(" ")[0];
}

function readOptional(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
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

import { spawnSync } from "node:child_process";
import type { PortalConfig } from "../core/records.ts";
import { ownersOf } from "./access.ts";

/** The trailer the gateway writes on every commit: whose folder the change belongs to. */
export const unitTrailer = "Portal-Unit";

export interface GuardProblem {
  commit: string;
  subject: string;
  problem: string;
}

const git = (repo: string, args: string[]) => {
  const run = spawnSync("git", args, { cwd: repo, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`git ${args.join(" ")} failed: ${run.stderr.trim()}`);
  return run.stdout;
};

/**
 * The gateway's rule again, at merge: every commit in `base..head` that carries a `Portal-Unit`
 * trailer touches only that unit's folder (both sides of a rename count), and every commit made
 * by the gateway's identity carries one. A commit a developer makes without the trailer is
 * reviewed as code is (CODEOWNERS); it is not this guard's business.
 */
export function guardCommits(
  repo: string,
  range: { base: string; head?: string },
  portal: PortalConfig,
  units: ReadonlySet<string>,
): { commits: number; problems: GuardProblem[] } {
  const { gatewayEmail } = ownersOf(portal);
  // Merges included: a merge commit's own tree can change anything (an "evil merge"), which
  // `--no-merges` would never show.
  const log = git(repo, [
    "log",
    `--format=%H%x1f%ae%x1f%ce%x1f%s%x1f%(trailers:key=${unitTrailer},valueonly,separator=%x1e)%x1f%P%x1d`,
    `${range.base}..${range.head ?? "HEAD"}`,
  ]);
  const problems: GuardProblem[] = [];
  const commits = log.split("\x1d").filter((c) => c.trim());
  for (const entry of commits) {
    const [sha, author, committer, subject, trailers, parents] = entry.trim().split("\x1f") as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const values = trailers
      .split("\x1e")
      .map((v) => v.trim())
      .filter(Boolean);
    const report = (problem: string) => problems.push({ commit: sha.slice(0, 12), subject, problem });
    const byGateway = [author, committer].some((e) => e.toLowerCase() === gatewayEmail.toLowerCase());
    if (values.length === 0) {
      if (byGateway) report(`made by the gateway (${gatewayEmail}) without a ${unitTrailer} trailer`);
      continue;
    }
    // The gateway publishes by squashing and never merges: a merge that claims a unit is not its.
    if (parents.trim().split(" ").length > 1) {
      report(`is a merge commit with a ${unitTrailer} trailer; the gateway never merges (it squashes)`);
      continue;
    }
    if (values.length > 1) {
      report(`has ${values.length} ${unitTrailer} trailers (${values.join(", ")}); a change belongs to one unit`);
      continue;
    }
    const slug = values[0]!;
    if (!units.has(slug)) {
      report(`${unitTrailer}: ${slug} is not a unit of the registry`);
      continue;
    }
    const files = git(repo, ["diff-tree", "--no-commit-id", "--name-only", "-r", "--no-renames", "--root", sha])
      .split("\n")
      .filter(Boolean);
    for (const file of files.filter((f) => !f.startsWith(`sites/${slug}/`)))
      report(`${unitTrailer}: ${slug}, but it changes ${file}, outside sites/${slug}/`);
  }
  return { commits: commits.length, problems };
}

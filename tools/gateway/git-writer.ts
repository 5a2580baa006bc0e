import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { unitTrailer } from "./guard.ts";

/** Who a commit is by: the editor, as the SSO names them. */
export interface Person {
  name: string;
  email: string;
}

/** One file to write (its whole new content) or to delete. */
export type Change = { path: string; content: string | Buffer } | { path: string; delete: true };

export interface WriteRequest {
  /** The editor: the commit's author and the audit log's user. */
  editor: Person & { id: string };
  /** The unit the change belongs to: the commit's `Portal-Unit` trailer. */
  unit: string;
  /** The branch to commit to: `main`, or a draft's `cms/<collection>/<entry>`. */
  branch: string;
  /** What Decap's action was (persistEntry, deleteFile...), for the audit log. */
  action: string;
  message: string;
  changes: Change[];
}

export type WriteResult =
  | { ok: true; commit: string | undefined; attempts: number }
  /** `conflict`: someone changed the same lines first; nothing of this write was pushed. */
  | { ok: false; conflict: boolean; reason: string };

export interface GitWriterOptions {
  /** The gateway's own working clone. */
  clone: string;
  /** The Git host's repository (URL or path), with the one credential the gateway holds. */
  remote: string;
  /** The identity that commits and pushes; the editor is the author. */
  identity: Person;
  /** JSON lines: time, user, unit, action, paths, result. */
  auditLog: string;
  main?: string;
  /** How many times a push refused because the host moved on is rebased and tried again. */
  attempts?: number;
  /** Tests only: runs just before each push (a developer pushing at that moment). */
  beforePush?: () => Promise<void>;
}

class GitError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly output: string,
  ) {
    super(`git ${args.join(" ")} failed (${code}): ${output.trim()}`);
  }
}

/**
 * Every write of the editors' gateway, one at a time, onto the host's latest branch:
 * 1. the clone is reset to the host's branch (or, for a new draft, to main);
 * 2. the files are written and committed, the editor as author, `Portal-Unit: <unit>` as trailer;
 * 3. the push; if the host refuses because it moved on (another gateway, a developer's push),
 *    the commit is rebased onto the host's branch and pushed again, a few times at most;
 * 4. a rebase that conflicts is undone: nothing is pushed and the editor is told (their draft
 *    is still in the CMS, unsaved); a push the host refuses for another reason is reported as it.
 * Writes are serialised: two editors saving at once are committed one after the other.
 */
export class GitWriter {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly main: string;
  private readonly attempts: number;

  constructor(private readonly options: GitWriterOptions) {
    this.main = options.main ?? "main";
    this.attempts = options.attempts ?? 5;
  }

  /** Clones the host once; later starts reuse the clone. */
  async open(): Promise<this> {
    if (!existsSync(join(this.options.clone, ".git"))) {
      await mkdir(dirname(this.options.clone), { recursive: true });
      await run(
        ["clone", "--quiet", "--no-checkout", this.options.remote, this.options.clone],
        dirname(this.options.clone),
      );
    }
    return this;
  }

  write(request: WriteRequest): Promise<WriteResult> {
    const result = this.queue.then(() => this.writeNow(request));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** A refused request, recorded like an accepted one. */
  async refused(entry: {
    user: string;
    unit?: string;
    action: string;
    paths: string[];
    reason: string;
  }): Promise<void> {
    await this.audit({ ...entry, result: "refused" });
  }

  private async writeNow(request: WriteRequest): Promise<WriteResult> {
    const paths = request.changes.map((c) => c.path);
    const audit = (result: string, extra: Record<string, unknown> = {}) =>
      this.audit({
        user: request.editor.id,
        unit: request.unit,
        action: request.action,
        branch: request.branch,
        paths,
        result,
        ...extra,
      });
    let outcome: WriteResult;
    try {
      outcome = await this.commitAndPush(request);
    } catch (error) {
      outcome = { ok: false, conflict: false, reason: error instanceof Error ? error.message : String(error) };
    }
    await audit(
      outcome.ok ? "committed" : outcome.conflict ? "conflict" : "failed",
      outcome.ok ? { commit: outcome.commit } : { reason: outcome.reason },
    );
    return outcome;
  }

  private async commitAndPush(request: WriteRequest): Promise<WriteResult> {
    const git = (args: string[]) => run(args, this.options.clone);
    const { branch } = request;
    await git(["fetch", "--quiet", "--prune", "origin"]);
    const onHost = await git(["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${branch}`]).then(
      () => true,
      () => false,
    );
    // Whatever an earlier write left (a failed rebase, stray files) goes with the reset.
    await git(["rebase", "--abort"]).catch(() => undefined);
    await git(["checkout", "--quiet", "--force", "-B", branch, `origin/${onHost ? branch : this.main}`]);
    await git(["clean", "--quiet", "-fdx"]);

    for (const change of request.changes) {
      const file = join(this.options.clone, change.path);
      if ("delete" in change) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, change.content);
      }
    }
    await git(["add", "--all", "--", ...request.changes.map((c) => c.path)]);
    if (!(await git(["diff", "--cached", "--name-only"])).trim()) return { ok: true, commit: undefined, attempts: 0 };

    const { identity } = this.options;
    await git([
      "-c",
      `user.name=${identity.name}`,
      "-c",
      `user.email=${identity.email}`,
      "commit",
      "--quiet",
      "--no-verify",
      `--author=${request.editor.name} <${request.editor.email}>`,
      "-m",
      request.message,
      "--trailer",
      `${unitTrailer}: ${request.unit}`,
    ]);

    for (let attempt = 1; ; attempt++) {
      await this.options.beforePush?.();
      const pushed = await git(["push", "--quiet", "--porcelain", "origin", `HEAD:refs/heads/${branch}`]).then(
        () => undefined,
        (error: GitError) => error,
      );
      if (!pushed) return { ok: true, commit: (await git(["rev-parse", "HEAD"])).trim(), attempts: attempt };
      const movedOn = /\[rejected\]|non-fast-forward|fetch first|stale info/i.test(pushed.output);
      if (!movedOn)
        return { ok: false, conflict: false, reason: `the Git host refused the push: ${lastLines(pushed.output)}` };
      if (attempt >= this.attempts)
        return { ok: false, conflict: false, reason: `the Git host kept moving on: ${attempt} pushes refused` };
      await git(["fetch", "--quiet", "origin"]);
      const rebased = await git([
        "-c",
        `user.name=${identity.name}`,
        "-c",
        `user.email=${identity.email}`,
        "rebase",
        "--quiet",
        `origin/${branch}`,
      ]).then(
        () => true,
        () => false,
      );
      if (!rebased) {
        await git(["rebase", "--abort"]).catch(() => undefined);
        return { ok: false, conflict: true, reason: `someone changed the same file on ${branch} first` };
      }
    }
  }

  private async audit(entry: Record<string, unknown>): Promise<void> {
    await mkdir(dirname(this.options.auditLog), { recursive: true });
    await appendFile(this.options.auditLog, `${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
  }
}

/** What the host said about a refused push: its own messages, then git's line for the refusal. */
const lastLines = (text: string) => {
  const lines = text.trim().split("\n");
  const said = lines.filter((l) => /^remote:|rejected|error/i.test(l)).map((l) => l.replace(/^remote:\s*/, "").trim());
  return (said.length ? said : lines.slice(-3)).filter(Boolean).join(" / ");
};

/** Runs git; resolves with its output, rejects with a GitError that carries it. */
function run(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, {
      cwd,
      // No prompt ever blocks the gateway, and no user's or machine's Git config shapes its commits.
      env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new GitError(args, code, output))));
  });
}

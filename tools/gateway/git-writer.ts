import { existsSync } from "node:fs";
import { appendFile, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { type GitError, git as run } from "./git.ts";
import { unitTrailer } from "./guard.ts";
import { checkNoLinks } from "./path-policy.ts";

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
  /** More trailers after `Portal-Unit` (a draft's `Portal-Status`). */
  trailers?: Record<string, string>;
  /** Commit even when no file changes (a draft's status change is an empty commit). */
  allowEmpty?: boolean;
  /** Publish: the branch whose changes since it left `branch` are squashed into one commit there. */
  squash?: string;
  /**
   * Publish: the draft's head commit as the verifikator's approval saw it. A draft that moved on
   * since (a penulis's save a moment ago) is not published: what goes live is what was reviewed.
   */
  squashAt?: string;
  /**
   * The version each path had when the editor loaded it (its blob id; null: it did not exist),
   * as it must still be on `branch` (on main, for a draft not yet on the host) when the write
   * lands. Checked once the clone is reset to the host, and again on the host's newer branch
   * before a rebase: a write that started from an older version is refused, never applied over
   * someone else's.
   */
  expect?: Record<string, string | null>;
  /** The check the staged files must pass before the commit (validation, the path rule). */
  check?: WriteCheck;
}

export type WriteResult =
  | {
      ok: true;
      commit: string | undefined;
      attempts: number;
      /** The version each expected path has now (the editor's next write starts from it). */
      versions?: Record<string, string | null>;
    }
  | {
      ok: false;
      /** Someone changed the same lines first; nothing of this write was pushed. */
      conflict: boolean;
      /** The expected paths someone else changed since the editor loaded them. */
      stale?: string[];
      /** For the audit log, in English. */
      reason: string;
      /** What the editor is told, in Indonesian, when the content itself was refused. */
      refused?: string[];
    };

/**
 * Runs on the clone once the files are written and staged (`paths`, a publication's squashed
 * files included), before the commit: what it returns refuses the write (validation's problems
 * with the files, in the editor's language).
 */
export type WriteCheck = (clone: string, paths: string[]) => Promise<string[]>;

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
  /**
   * The command that receives a push on the host, for a host that is a working repository on
   * this machine (`npm start`'s local mode pushes into the developer's own clone, updating its
   * checked-out main in place).
   */
  receivePack?: string;
  /** How many times a push refused because the host moved on is rebased and tried again. */
  attempts?: number;
  /** Tests only: runs just before each push (a developer pushing at that moment). */
  beforePush?: () => Promise<void>;
}

/**
 * Every write of the editors' gateway, one at a time, onto the host's latest branch:
 * 1. the clone is reset to the host's branch (or, for a new draft, to main);
 * 2. the files are written (or, to publish, a draft's branch squashed in), checked (validation,
 *    the path rule; no write through a link in the tree) and committed, the editor as author,
 *    `Portal-Unit: <unit>` as trailer;
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
  private fetchedAt = 0;

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

  /**
   * Brings the clone's view of the host up to date for reads, at most once per `maxAgeMs`:
   * through the same queue as writes, since two fetches at once fight over the clone's refs.
   */
  refresh(maxAgeMs = 2000): Promise<void> {
    if (Date.now() - this.fetchedAt < maxAgeMs) return Promise.resolve();
    const done = this.queue.then(async () => {
      if (Date.now() - this.fetchedAt < maxAgeMs) return;
      await run(["fetch", "--quiet", "--prune", "origin"], this.options.clone);
      this.fetchedAt = Date.now();
    });
    this.queue = done.catch(() => undefined);
    return done;
  }

  /**
   * Deletes a draft's branch on the host (a draft thrown away, or published); with `at`, only
   * while the branch is still at that commit (what the decision to delete it was based on).
   */
  deleteBranch(request: Omit<WriteRequest, "message" | "changes"> & { at?: string }): Promise<WriteResult> {
    const result = this.queue.then(async (): Promise<WriteResult> => {
      const lease = request.at ? [`--force-with-lease=refs/heads/${request.branch}:${request.at}`] : [];
      const outcome = await run(
        [
          "push",
          "--quiet",
          "--porcelain",
          ...this.receivePack(),
          ...lease,
          "origin",
          "--delete",
          `refs/heads/${request.branch}`,
        ],
        this.options.clone,
      ).then(
        (): WriteResult => ({ ok: true, commit: undefined, attempts: 1 }),
        (error: GitError): WriteResult => ({
          ok: false,
          conflict: false,
          reason: `the Git host refused to delete ${request.branch}: ${lastLines(error.output)}`,
        }),
      );
      await this.audit({
        user: request.editor.id,
        unit: request.unit,
        action: request.action,
        branch: request.branch,
        paths: [],
        result: outcome.ok ? "deleted" : "failed",
        ...(outcome.ok ? {} : { reason: outcome.reason }),
      });
      return outcome;
    });
    this.queue = result.catch(() => undefined);
    return result;
  }

  private receivePack(): string[] {
    return this.options.receivePack ? [`--receive-pack=${this.options.receivePack}`] : [];
  }

  /** A refused request, recorded like an accepted one. */
  async refused(entry: {
    user: string;
    unit?: string;
    action: string;
    paths: string[];
    reason: string;
    status?: number;
  }): Promise<void> {
    await this.audit({ ...entry, result: "refused" });
  }

  /** Any other line of the audit log (a login, a logout, a refusal before a request is read). */
  async note(entry: Record<string, unknown> & { user: string; action: string; result: string }): Promise<void> {
    await this.audit(entry);
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
    this.fetchedAt = Date.now();
    const onHost = await git(["rev-parse", "--verify", "--quiet", `refs/remotes/origin/${branch}`]).then(
      () => true,
      () => false,
    );
    // Whatever an earlier write left (a failed rebase, stray files) goes with the reset.
    await git(["rebase", "--abort"]).catch(() => undefined);
    await git(["checkout", "--quiet", "--force", "-B", branch, `origin/${onHost ? branch : this.main}`]);
    await git(["clean", "--quiet", "-fdx"]);
    const stale = await this.changedSince(request.expect, "HEAD");
    if (stale.length)
      return { ok: false, conflict: true, stale, reason: `changed since the editor loaded it: ${stale.join(", ")}` };

    if (request.squashAt !== undefined && request.squash) {
      const head = await git(["rev-parse", "--verify", "--quiet", `origin/${request.squash}`]).catch(() => "");
      if (head.trim() !== request.squashAt)
        return {
          ok: false,
          conflict: true,
          stale: [request.squash],
          reason: `${request.squash} moved on since it was approved (${request.squashAt.slice(0, 12)})`,
        };
    }
    if (request.squash) {
      // Publishing: the draft's changes since it left this branch, as one commit. A change to the
      // same lines on this branch since then stops the publication; the draft stays as it was.
      const merged = await git(["merge", "--squash", "--no-commit", `origin/${request.squash}`]).then(
        () => true,
        () => false,
      );
      if (!merged) {
        await git(["reset", "--quiet", "--hard"]);
        return { ok: false, conflict: true, reason: `${request.squash} conflicts with ${branch}` };
      }
    }
    for (const change of request.changes) {
      // A link committed into the tree would lead this write anywhere on the gateway's machine.
      const linked = checkNoLinks(this.options.clone, change.path);
      if (linked && !linked.ok) return { ok: false, conflict: false, reason: linked.reason, refused: [linked.message] };
      const file = join(this.options.clone, change.path);
      if ("delete" in change) await rm(file, { force: true });
      else {
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, change.content);
      }
    }
    if (request.changes.length) await git(["add", "--all", "--", ...request.changes.map((c) => c.path)]);
    const staged = (await git(["diff", "--cached", "--name-only", "-z"])).split("\0").filter(Boolean);
    if (request.check && staged.length) {
      const problems = await request.check(this.options.clone, staged);
      if (problems.length)
        return { ok: false, conflict: false, reason: `content refused: ${problems.join(" / ")}`, refused: problems };
    }
    if (!staged.length && !request.allowEmpty) return { ok: true, commit: undefined, attempts: 0 };

    const { identity } = this.options;
    const trailers = Object.entries({ [unitTrailer]: request.unit, ...request.trailers }).flatMap(([k, v]) => [
      "--trailer",
      `${k}: ${v}`,
    ]);
    await git([
      "-c",
      `user.name=${identity.name}`,
      "-c",
      `user.email=${identity.email}`,
      "commit",
      "--quiet",
      "--no-verify",
      ...(staged.length ? [] : ["--allow-empty"]),
      `--author=${request.editor.name} <${request.editor.email}>`,
      "-m",
      request.message,
      ...trailers,
    ]);

    for (let attempt = 1; ; attempt++) {
      await this.options.beforePush?.();
      const pushed = await git([
        "push",
        "--quiet",
        "--porcelain",
        ...this.receivePack(),
        "origin",
        `HEAD:refs/heads/${branch}`,
      ]).then(
        () => undefined,
        (error: GitError) => error,
      );
      if (!pushed)
        return {
          ok: true,
          commit: (await git(["rev-parse", "HEAD"])).trim(),
          attempts: attempt,
          ...(request.expect ? { versions: await this.versionsAt(Object.keys(request.expect), "HEAD") } : {}),
        };
      const movedOn = /\[rejected\]|non-fast-forward|fetch first|stale info/i.test(pushed.output);
      if (!movedOn)
        return { ok: false, conflict: false, reason: `the Git host refused the push: ${lastLines(pushed.output)}` };
      if (attempt >= this.attempts)
        return { ok: false, conflict: false, reason: `the Git host kept moving on: ${attempt} pushes refused` };
      await git(["fetch", "--quiet", "origin"]);
      // Another gateway (or a developer) wrote first: a change to an expected path is someone
      // else's edit of the same entry, even where Git could merge the lines.
      const movedPaths = await this.changedSince(request.expect, `origin/${branch}`);
      if (movedPaths.length)
        return {
          ok: false,
          conflict: true,
          stale: movedPaths,
          reason: `changed on the host since the editor loaded it: ${movedPaths.join(", ")}`,
        };
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

  /** The blob id of each path at `rev` (null where it is missing). */
  private async versionsAt(paths: string[], rev: string): Promise<Record<string, string | null>> {
    const versions: Record<string, string | null> = {};
    for (const path of paths)
      versions[path] = await run(["rev-parse", "--verify", "--quiet", `${rev}:${path}`], this.options.clone).then(
        (out) => out.trim() || null,
        () => null,
      );
    return versions;
  }

  /** The paths of `expect` whose version at `rev` is not the expected one. */
  private async changedSince(expect: Record<string, string | null> | undefined, rev: string): Promise<string[]> {
    if (!expect) return [];
    const now = await this.versionsAt(Object.keys(expect), rev);
    return Object.keys(expect).filter((path) => now[path] !== expect[path]);
  }

  /**
   * One JSON line per event. Every field is cut to a sane length (a list to its first 20 items):
   * what a request sends (an Origin, a path, an action name) is the sender's to choose, and the
   * log must not grow by kilobytes for each of a flood of requests.
   */
  private async audit(entry: Record<string, unknown>): Promise<void> {
    await mkdir(dirname(this.options.auditLog), { recursive: true });
    await appendFile(
      this.options.auditLog,
      `${JSON.stringify({ time: new Date().toISOString(), ...bounded(entry) })}\n`,
    );
  }
}

/** The longest text an audit field keeps, and the most items a list keeps. */
const auditText = 300;
const auditItems = 20;

function bounded(entry: Record<string, unknown>): Record<string, unknown> {
  const cut = (value: unknown): unknown =>
    typeof value === "string"
      ? value.length > auditText
        ? `${value.slice(0, auditText)}…`
        : value
      : Array.isArray(value)
        ? [
            ...value.slice(0, auditItems).map(cut),
            ...(value.length > auditItems ? [`… ${value.length - auditItems} more`] : []),
          ]
        : value;
  return Object.fromEntries(Object.entries(entry).map(([k, v]) => [k, cut(v)]));
}

/** What the host said about a refused push: its own messages, then git's line for the refusal. */
const lastLines = (text: string) => {
  const lines = text.trim().split("\n");
  const said = lines.filter((l) => /^remote:|rejected|error/i.test(l)).map((l) => l.replace(/^remote:\s*/, "").trim());
  return (said.length ? said : lines.slice(-3)).filter(Boolean).join(" / ");
};

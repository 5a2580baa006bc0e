import { git } from "./git.ts";

/** One file of a branch as Git stores it. */
export interface TreeFile {
  path: string;
  /** The blob's id: changes when the content does (Decap caches by it). */
  oid: string;
}

export interface DraftDiff {
  path: string;
  status: "added" | "modified" | "deleted";
}

/** The trailer that carries a draft's workflow status on its branch, so it lives on the host. */
export const statusTrailer = "Portal-Status";

/**
 * What the gateway reads of the host's branches, from the objects its clone fetched, never from
 * a working tree: reads need no checkout (so they never wait for, or disturb, a write), and Git
 * never follows a link stored in a tree. Only regular files are ever listed or read: a symbolic
 * link or a submodule committed into a unit's folder reads as missing.
 */
export class RepoView {
  constructor(private readonly clone: string) {}

  private ref(branch: string) {
    return `refs/remotes/origin/${branch}`;
  }

  async exists(branch: string): Promise<boolean> {
    return git(["rev-parse", "--verify", "--quiet", this.ref(branch)], this.clone).then(
      () => true,
      () => false,
    );
  }

  /**
   * The id of a branch's whole tree: the same for two commits with the same files, so a commit
   * that only moves a draft's workflow status leaves it alone (its preview is not rendered again).
   */
  async tree(branch: string): Promise<string | undefined> {
    const out = await git(["rev-parse", "--verify", "--quiet", `${this.ref(branch)}^{tree}`], this.clone).catch(
      () => "",
    );
    return out.trim() || undefined;
  }

  /** Regular files under `folder` on `branch`, at most `depth` levels down (1: the folder's own files). */
  async list(branch: string, folder: string, depth = 1): Promise<TreeFile[]> {
    const out = await git(
      ["ls-tree", "-r", "-z", "--full-tree", this.ref(branch), "--", `${folder}/`],
      this.clone,
    ).catch(() => "");
    const files: TreeFile[] = [];
    for (const line of out.split("\0")) {
      const m = /^(\d+) blob ([0-9a-f]+)\t(.+)$/s.exec(line);
      if (!m || !/^1006[0-7]{2}$/.test(m[1]!)) continue;
      const path = m[3]!;
      if (!path.startsWith(`${folder}/`)) continue;
      if (path.slice(folder.length + 1).split("/").length > depth) continue;
      files.push({ path, oid: m[2]! });
    }
    return files;
  }

  /** The file at `path` on `branch`, or undefined when it is missing or not a regular file. */
  async read(branch: string, path: string): Promise<{ bytes: Buffer; oid: string } | undefined> {
    const entry = await git(["ls-tree", "-z", "--full-tree", this.ref(branch), "--", path], this.clone).catch(() => "");
    const m = /^(\d+) blob ([0-9a-f]+)\t(.+)\0?$/s.exec(entry);
    if (!m || !/^1006[0-7]{2}$/.test(m[1]!) || m[3]!.replace(/\0$/, "") !== path) return undefined;
    const bytes = await git(["cat-file", "blob", m[2]!], this.clone, { binary: true });
    return { bytes, oid: m[2]! };
  }

  /** Many blobs by id, through one `git cat-file --batch` (a folder's entries: one process, not two per file). */
  async blobs(oids: readonly string[]): Promise<Map<string, Buffer>> {
    const found = new Map<string, Buffer>();
    if (oids.length === 0) return found;
    const out = await git(["cat-file", "--batch"], this.clone, { input: `${oids.join("\n")}\n`, binary: true });
    let at = 0;
    while (at < out.length) {
      const eol = out.indexOf(10, at);
      const header = out.subarray(at, eol).toString("latin1");
      const m = /^([0-9a-f]+) blob (\d+)$/.exec(header);
      if (!m) {
        // "<oid> missing", or another type: nothing to take.
        at = eol + 1;
        continue;
      }
      const size = Number(m[2]);
      found.set(m[1]!, out.subarray(eol + 1, eol + 1 + size));
      at = eol + 1 + size + 1;
    }
    return found;
  }

  /** The host's branches under `prefix/` (the editorial workflow's `cms/`), without the prefix. */
  async branches(prefix: string): Promise<string[]> {
    const out = await git(["for-each-ref", "--format=%(refname)", `refs/remotes/origin/${prefix}/`], this.clone);
    return out
      .split("\n")
      .filter(Boolean)
      .map((ref) => ref.slice("refs/remotes/origin/".length));
  }

  /** What a draft changes since it left `main`: its own changes only, whatever main did since. */
  async diff(main: string, branch: string): Promise<DraftDiff[]> {
    const out = await git(
      ["diff", "--no-renames", "--name-status", "-z", `${this.ref(main)}...${this.ref(branch)}`],
      this.clone,
    );
    const parts = out.split("\0").filter(Boolean);
    const diffs: DraftDiff[] = [];
    for (let i = 0; i + 1 < parts.length; i += 2) {
      const code = parts[i]!;
      diffs.push({
        path: parts[i + 1]!,
        status: code === "A" ? "added" : code === "D" ? "deleted" : "modified",
      });
    }
    return diffs;
  }

  /**
   * A draft's workflow status: the newest `Portal-Status` trailer on its branch since it left
   * main. "Ready to publish" approves the draft as it was then: a save after it (a commit without
   * a status) puts the draft back in review, so the next publication cannot ship unreviewed text.
   */
  async status(main: string, branch: string): Promise<string | undefined> {
    return (await this.draft(main, branch))?.status;
  }

  /** A draft's head commit and status (see `status`), or undefined when the branch is missing. */
  async draft(main: string, branch: string): Promise<{ head: string; status: string | undefined } | undefined> {
    const out = await git(
      [
        "log",
        `--format=%H%x09%(trailers:key=${statusTrailer},valueonly,separator=%x2C)`,
        `${this.ref(main)}..${this.ref(branch)}`,
      ],
      this.clone,
    ).catch(() => undefined);
    if (out === undefined) return undefined;
    const commits = out
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split("\t").map((part) => part.trim()) as [string, string?]);
    const head =
      commits[0]?.[0] ?? (await git(["rev-parse", "--verify", this.ref(branch)], this.clone).catch(() => "")).trim();
    if (!head) return undefined;
    const marked = commits.findIndex(([, status]) => status);
    const status = marked < 0 ? undefined : commits[marked]![1];
    return { head, status: status === "pending_publish" && marked > 0 ? "pending_review" : status };
  }

  /** When a branch last changed, as its newest commit says. */
  async updatedAt(branch: string): Promise<string> {
    return (await git(["log", "-1", "--format=%cI", this.ref(branch)], this.clone)).trim();
  }
}

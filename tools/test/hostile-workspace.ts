import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { toolsRepoRoot } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { fixtures, tempWorkspace } from "./temp-workspace.ts";

/** "Today" for the tests of hostile content: dates ahead and behind are judged from it. */
export const hostileNow = new Date("2026-11-30T10:00:00+08:00");

/**
 * The mini fixture (the hub and dinkes, every content type) plus two plain units, dlh and
 * bapenda, so that a test can break one unit and see the others build. Files are written as an
 * editor, a pull request or an attacker with one unit's account would write them.
 */
export async function hostileWorkspace() {
  const ws = await tempWorkspace(fixtures.mini);
  const write = async (path: string, content: string | Buffer) => {
    await mkdir(dirname(join(ws.root, path)), { recursive: true });
    await writeFile(join(ws.root, path), content);
  };
  for (const [slug, name, short] of [
    ["dlh", "Dinas Lingkungan Hidup", "DLH"],
    ["bapenda", "Badan Pendapatan Daerah", "Bapenda"],
  ] as const) {
    await write(
      `sites/${slug}/site.json`,
      JSON.stringify({
        slug,
        name,
        short_name: short,
        type: slug === "bapenda" ? "badan" : "dinas",
        address: "Jl. Modang No. 1, Tanah Grogot",
        phone: "(0543) 21001",
        email: `${slug}@paserkab.go.id`,
        status: "active",
      }),
    );
    await write(`sites/${slug}/content/halaman/profil.md`, `---\ntitle: Profil ${short}\n---\nProfil ${name}.\n`);
    await write(
      `sites/${slug}/content/berita/kabar.md`,
      `---\ntitle: Kabar ${short}\ndate: 2026-11-20\nsummary: Kabar terbaru dari ${name}.\n---\nIsi kabar.\n`,
    );
  }
  /** Every problem validation finds, formatted as the CLI prints it. */
  const problems = async (only?: string[]) => {
    const v = await validateWorkspace(ws, only, { now: hostileNow });
    return [...v.portalProblems, ...v.sites.flatMap((s) => s.problems)].map(formatProblem);
  };
  /** The `portal` CLI on this workspace, as CI runs it (with a time limit: a hang is a failure). */
  const cli = (args: string[], timeoutMs = 180_000): SpawnSyncReturns<string> =>
    spawnSync(process.execPath, [join(toolsRepoRoot, "tools/cli/portal.mjs"), ...args, "--root", ws.root], {
      encoding: "utf8",
      timeout: timeoutMs,
      env: { ...process.env, PORTAL_BASE_URL: "" },
    });
  const git = (...args: string[]) =>
    spawnSync(
      "git",
      ["-c", "user.name=Uji", "-c", "user.email=uji@paserkab.go.id", "-c", "commit.gpgsign=false", ...args],
      { cwd: ws.root, encoding: "utf8" },
    );
  return { ...ws, write, problems, cli, git };
}

export type HostileWorkspace = Awaited<ReturnType<typeof hostileWorkspace>>;

/**
 * Front matter of nine nested YAML aliases ("billion laughs"): a billion values for whatever
 * walks the parsed data. The first anchor is on line 3.
 */
export const aliasBomb = `---\ntitle: Bom\n${[
  "a: &a [lol,lol,lol,lol,lol,lol,lol,lol,lol]",
  ...Array.from(
    { length: 8 },
    (_, i) =>
      `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(97 + i)}`)
        .join(",")}]`,
  ),
].join("\n")}\n---\nIsi.\n`;

/** A news item with the given body (and extra front matter), valid otherwise. */
export function newsItem(body: string, extra = ""): string {
  return `---\ntitle: "Uji isi berita"\ndate: 2026-11-30\nsummary: "Uji isi berita yang ditulis editor"\n${extra}---\n\n${body}\n`;
}

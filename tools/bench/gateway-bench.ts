import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { PortalConfig } from "../core/records.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { GitWriter } from "../gateway/git-writer.ts";
import { RepoView } from "../gateway/repo-view.ts";
import { startGateway } from "../gateway/server.ts";
import { seal } from "../gateway/session.ts";
import { freePort } from "../test/browser.ts";
import { writeBenchmarkSection } from "./benchmarks-section.ts";
import { call } from "../test/gateway-host.ts";

/**
 * The editors' gateway on the built-in demo: how long a save takes (the commit, validation of the
 * whole unit and the push), a draft, a read, and 20 saves at once from 5 editors of 3 units, with
 * a bare repository on this machine as the Git host (a real host adds its network round trips).
 * Replaces the "## Editors' gateway" section of docs/benchmarks.md.
 *
 *   node --import tsx tools/bench/gateway-bench.ts [--runs 10]
 */
const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    out: { type: "string", default: join(toolsRepoRoot, "docs", "benchmarks.md") },
  },
});
const runs = Number(values.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const git = (cwd: string, ...args: string[]) => {
  const r = spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_AUTHOR_NAME: "Bench",
      GIT_AUTHOR_EMAIL: "b@x",
      GIT_COMMITTER_NAME: "Bench",
      GIT_COMMITTER_EMAIL: "b@x",
    },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
};

const dir = await mkdtemp(join(tmpdir(), "portal-gateway-bench-"));
const seed = join(dir, "seed");
const host = join(dir, "host.git");
await cp(join(toolsRepoRoot, "sites"), join(seed, "sites"), { recursive: true });
await cp(join(toolsRepoRoot, "portal.json"), join(seed, "portal.json"));
git(dir, "init", "--quiet", "--bare", "--initial-branch=main", host);
git(seed, "init", "--quiet", "--initial-branch=main");
git(seed, "add", "-A");
git(seed, "commit", "--quiet", "-m", "demo");
git(seed, "push", "--quiet", host, "main");

const portal = JSON.parse(await readFile(join(seed, "portal.json"), "utf8")) as PortalConfig;
const units = new Set(
  spawnSync("ls", [join(seed, "sites")], { encoding: "utf8" })
    .stdout.split("\n")
    .filter((s) => s && existsSync(join(seed, "sites", s, "site.json"))),
);
const clone = join(dir, "clone");
const writer = await new GitWriter({
  clone,
  remote: host,
  identity: { name: "Portal Gateway", email: "g@x" },
  auditLog: join(dir, "audit.jsonl"),
}).open();
const port = await freePort();
const secret = "bench-secret-0123456789abcdef0123456789";
const server = await startGateway({
  gateway: { portal, units, writer, view: new RepoView(clone), main: "main" },
  apex: `localhost:${port}`,
  scheme: "http",
  // Sessions are sealed here; the SSO round trip itself is server.test.ts's, not a cost per save.
  auth: { kind: "oidc", login: undefined as never, secret, sessionHours: 8 },
  port,
});
const media = spawnSync("find", [join(seed, "sites/dinkes/media"), "-type", "f"], { encoding: "utf8" })
  .stdout.split("\n")
  .filter(Boolean).length;
const items = spawnSync("find", [join(seed, "sites/dinkes/content"), "-name", "*.md"], { encoding: "utf8" })
  .stdout.split("\n")
  .filter(Boolean).length;

const cookie = (user: string, slug: string) =>
  `__Host-portal-sesi=${seal({ id: user, name: user, email: `${user}@paserkab.go.id`, groups: [`/portal/${slug}/verifikator`], host: `${slug}.localhost:${port}`, expires: Date.now() / 1000 + 3600 }, secret)}`;
const api = async (user: string, slug: string, action: string, params: Record<string, unknown>) => {
  const origin = `http://${slug}.localhost:${port}`;
  const t = performance.now();
  const reply = await call(`${origin}/admin/api/v1`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie: cookie(user, slug) },
    body: JSON.stringify({ action, params: { branch: "main", ...params } }),
  });
  if (reply.status !== 200) throw new Error(`${action} on ${slug}: ${reply.status} ${reply.body.slice(0, 300)}`);
  return performance.now() - t;
};
const news = (slug: string, name: string, workflow = false) => ({
  dataFiles: [
    {
      path: `sites/${slug}/content/berita/${name}.md`,
      slug: name,
      raw: `---\ntitle: Berita ${name}\ndate: 2026-11-20\nsummary: Ringkasan berita untuk pengukuran.\n---\nIsi ${name}.\n`,
    },
  ],
  assets: [],
  // New entries: the page loaded no version of them.
  base: { [`sites/${slug}/content/berita/${name}.md`]: null },
  options: {
    useWorkflow: workflow,
    collectionName: `${slug}_berita`,
    status: "draft",
    commitMessage: `Simpan ${name}`,
  },
});

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
// The first save warms validation's memory of the unit's photos, as a running gateway has it.
await api("budi", "dinkes", "persistEntry", news("dinkes", "pemanasan"));
const saves: number[] = [];
const drafts: number[] = [];
const reads: number[] = [];
for (let i = 0; i < runs; i++) {
  saves.push(await api("budi", "dinkes", "persistEntry", news("dinkes", `ukur-${i}`)));
  drafts.push(await api("budi", "dinkes", "persistEntry", news("dinkes", `draf-${i}`, true)));
  reads.push(
    await api("budi", "dinkes", "entriesByFolder", {
      folder: "sites/dinkes/content/berita",
      extension: "md",
      depth: 1,
    }),
  );
}
const editors = [
  ["budi", "dinkes"],
  ["citra", "disdukcapil"],
  ["dewi", "kectanahgrogot"],
  ["eko", "dinkes"],
  ["fani", "disdukcapil"],
] as const;
const before = Number(git(host, "rev-list", "--count", "main"));
const t = performance.now();
await Promise.all(
  Array.from({ length: 20 }, (_, i) =>
    api(editors[i % 5]![0], editors[i % 5]![1], "persistEntry", news(editors[i % 5]![1], `serentak-${i}`)),
  ),
);
const burst = performance.now() - t;
const committed = Number(git(host, "rev-list", "--count", "main")) - before;
const merges = git(host, "rev-list", "--merges", "main").split("\n").filter(Boolean).length;
clearInterval(sampler);
await server.close();
await rm(dir, { recursive: true, force: true });

const ms = (x: number) => Math.round(x).toString();
const section = `## Editors' gateway (${new Date().toISOString().slice(0, 10)})

Written by \`node --import tsx tools/bench/gateway-bench.ts --runs ${runs}\` (also run by \`npm run bench\`).
The gateway over HTTP on the built-in demo, with a bare repository on this machine as the Git host
(a real host adds its network round trips to every push). dinkes holds ${items} content files and
${media} media files; every save validates the whole unit before it commits. Machine: ${cpus().length}
cores, Node ${process.version}.

| measurement | median (ms) | runs (ms) |
| --- | ---: | --- |
| A verifikator's save, published (\`persistEntry\` to main: fetch, write, validate dinkes, commit, push) | ${ms(median(saves))} | ${saves.map(ms).join(", ")} |
| A draft's save (\`persistEntry\` on a new \`cms/\` branch) | ${ms(median(drafts))} | ${drafts.map(ms).join(", ")} |
| A read (\`entriesByFolder\` of dinkes's news) | ${ms(median(reads))} | ${reads.map(ms).join(", ")} |

20 saves at once from 5 editors of 3 units: ${ms(burst)} ms in all, ${committed} of 20 committed,
${merges} merge commits on main (the queue takes them one by one). Peak RSS of the process
(gateway and this script): ${Math.round(peak / 1024 ** 2)} MB.
`;
await writeBenchmarkSection(values.out!, "## Editors' gateway", section);
console.log(section);
if (committed !== 20 || merges !== 0) {
  console.error(`The burst lost saves or merged: ${committed} committed, ${merges} merges.`);
  process.exitCode = 1;
}

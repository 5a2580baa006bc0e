import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { cpus } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { decapBundle } from "../cms/decap-bundle.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { launchChromium } from "../test/browser.ts";
import { call } from "../test/gateway-host.ts";
import { startPortal } from "../test/portal-start.ts";
import { writeBenchmarkSection } from "./benchmarks-section.ts";
import { demoCopy, percentile } from "./demo-copy.ts";

/**
 * An editor's day in `npm start` on a copy of the built-in demo (its encoded images copied from
 * .cache/img, as a developer's machine has them): how long the CMS takes to offer "Masuk" in a
 * browser with an empty cache, and what it downloads; from a save to the draft's preview
 * rendered (the gateway's getDeployPreview answering with its address) for dinkes; from
 * "Terbitkan" to the page on the site showing the published version. Replaces the
 * "## The editor's day" section of docs/benchmarks.md.
 *
 *   node --import tsx tools/bench/editor-bench.ts [--saves 20] [--loads 5] [--publications 5]
 */
const { values } = parseArgs({
  options: {
    saves: { type: "string", default: "20" },
    loads: { type: "string", default: "5" },
    publications: { type: "string", default: "5" },
    out: { type: "string", default: join(toolsRepoRoot, "docs", "benchmarks.md") },
  },
});
const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const ms = (x: number) => Math.round(x).toString();

const root = await demoCopy("editor-bench", ["img"]);

const started = performance.now();
const portal = await startPortal(root);
const startSeconds = (performance.now() - started) / 1000;
const origin = `http://dinkes.localhost:${portal.port}`;
// The key the dev server gives every page under /admin/ (the local gateway asks for it).
const cookie = String((await call(`${origin}/admin/`)).headers["set-cookie"]?.[0] ?? "").split(";")[0]!;
const api = async (action: string, params: Record<string, unknown>) => {
  const reply = await call(`${origin}/admin/api/v1`, {
    method: "POST",
    headers: { "content-type": "application/json", origin, cookie },
    body: JSON.stringify({ action, params: { branch: "main", ...params } }),
  });
  if (reply.status !== 200) throw new Error(`${action}: ${reply.status} ${reply.body.slice(0, 300)}`);
  return reply.json() as Record<string, unknown>;
};
const entry = (slug: string, text: string) => ({
  path: `sites/dinkes/content/berita/${slug}.md`,
  slug,
  raw: `---\ntitle: Pengukuran ${slug}\ndate: 2026-11-20\nsummary: Ringkasan berita untuk pengukuran.\n---\n${text}\n`,
});

try {
  // 1. Save to preview: one draft saved again and again, each save's preview awaited.
  const saves: number[] = [];
  let version: string | null = null;
  const draft = "pratinjau-ukur";
  for (let i = 0; i < Number(values.saves); i++) {
    const t = performance.now();
    const saved = await api("persistEntry", {
      dataFiles: [entry(draft, `Isi versi ${i}.`)],
      assets: [],
      base: { [`sites/dinkes/content/berita/${draft}.md`]: version },
      options: { useWorkflow: true, status: "draft", collectionName: "dinkes_berita", commitMessage: `Simpan ${i}` },
    });
    version = (saved.versions as Record<string, string>)[`sites/dinkes/content/berita/${draft}.md`]!;
    const preview = (await api("getDeployPreview", { collection: "dinkes_berita", slug: draft })) as {
      url?: string;
    } | null;
    saves.push(performance.now() - t);
    if (!preview?.url) throw new Error(`save ${i}: no preview`);
    const page = await call(`${origin}${preview.url}`, { headers: { cookie } });
    if (!page.body.includes(`Isi versi ${i}.`)) throw new Error(`save ${i}: the preview shows an older version`);
  }

  // 2. Publish to live: a new item through draft, ready and publish, until its page shows that version.
  const lives: number[] = [];
  for (let i = 0; i < Number(values.publications); i++) {
    const slug = `terbit-ukur-${i}`;
    const path = `sites/dinkes/content/berita/${slug}.md`;
    const saved = await api("persistEntry", {
      dataFiles: [entry(slug, "Isi yang diterbitkan.")],
      assets: [],
      base: { [path]: null },
      options: { useWorkflow: true, status: "draft", collectionName: "dinkes_berita", commitMessage: slug },
    });
    const oid = (saved.versions as Record<string, string>)[path]!;
    await api("updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug,
      newStatus: "pending_publish",
      base: { [path]: oid },
    });
    const t = performance.now();
    const published = (
      await api("publishUnpublishedEntry", { collection: "dinkes_berita", slug, base: { [path]: oid } })
    ).live as { page: string; version: string };
    for (;;) {
      const page = await call(`${origin}${published.page}`);
      if (page.status === 200 && page.body.includes(`<meta name="portal:versi" content="${published.version}">`)) break;
      if (performance.now() - t > 120_000) throw new Error(`${slug} was not live after two minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    lives.push(performance.now() - t);
  }

  // 3. The CMS in a browser with an empty cache: until "Masuk", and every byte it fetched.
  const browser = await launchChromium();
  const loads: number[] = [];
  const bytes: number[] = [];
  for (let i = 0; i < Number(values.loads); i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const t = performance.now();
    await page.goto(`${origin}/admin/`);
    await page.getByRole("button", { name: "Masuk" }).waitFor({ timeout: 60_000 });
    loads.push(performance.now() - t);
    bytes.push(
      await page.evaluate(() =>
        performance
          .getEntriesByType("resource")
          .concat(performance.getEntriesByType("navigation"))
          .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0),
      ),
    );
    await context.close();
  }
  await browser.close();
  // The bundle the sites serve (tools/cms/decap-bundle.ts): what /admin/ loads at once, and the
  // Markdown editor's chunk that a form loads later.
  const bundle = await decapBundle();
  const filesLoaded = (when: string) =>
    Object.entries(bundle.manifest.files)
      .filter(([, f]) => f.loaded === when)
      .map(([name]) => readFileSync(join(bundle.dir, name)));
  const atStart = Buffer.concat(filesLoaded("at-start"));
  const onDemand = Buffer.concat(filesLoaded("on-demand"));

  const section = `## The editor's day (${new Date().toISOString().slice(0, 10)})

Written by \`node --import tsx tools/bench/editor-bench.ts\` (also run by \`npm run bench\`): \`npm start\`
on a copy of the built-in demo (its encoded images copied from \`.cache/img\`), the local gateway
over HTTP, Chromium from Debian for the CMS. Machine: ${cpus().length} cores, Node ${process.version}.
The start took ${startSeconds.toFixed(1)} s.

| measurement | p50 (ms) | p95 (ms) | runs (ms) |
| --- | ---: | ---: | --- |
| Save to preview, dinkes (a draft's save, then \`getDeployPreview\` until its pages are rendered; ${saves.length} saves of one draft, the first included) | ${ms(percentile(saves, 50))} | ${ms(percentile(saves, 95))} | ${saves.map(ms).join(", ")} |
| Publish to live in \`npm start\` ("Terbitkan" until the page shows the published version) | ${ms(percentile(lives, 50))} | ${ms(percentile(lives, 95))} | ${lives.map(ms).join(", ")} |
| The CMS with an empty cache, until "Masuk" (dinkes's \`/admin/\`, loopback) | ${ms(median(loads))} | | ${loads.map(ms).join(", ")} |

The CMS transfers ${(median(bytes) / 1024 ** 2).toFixed(2)} MiB from \`npm start\`'s server, which does not compress;
${(atStart.length / 1024 ** 2).toFixed(2)} MiB of it is the CMS's bundle (tools/cms/decap-bundle.ts; Decap's own is 4.93 MiB), which a deployed site sends compressed ahead
(gzip ${(gzipSync(atStart, { level: 9 }).length / 1024 ** 2).toFixed(2)} MiB, brotli ${(brotliCompressSync(atStart).length / 1024 ** 2).toFixed(2)} MiB). The Markdown editor,
${(onDemand.length / 1024 ** 2).toFixed(2)} MiB more (gzip ${(gzipSync(onDemand, { level: 9 }).length / 1024 ** 2).toFixed(2)} MiB), is loaded once the login shows, or when a form first needs it. In production a publication is live when the
deploy workflow has run: portal.json's \`cms.live_minutes\` (default 10) is what the CMS tells the editor.
`;
  await writeBenchmarkSection(values.out!, "## The editor's day", section);
  console.log(section);
} finally {
  await portal.stop();
  await rm(root, { recursive: true, force: true });
}

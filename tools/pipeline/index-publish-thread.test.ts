import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Progress } from "../core/progress.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { fixtures, tempWorkspace } from "../test/temp-workspace.ts";
import type { Batch, PublishContext, SiteResult } from "./build-context.ts";
import { startIndexPublishThread } from "./index-publish-thread.ts";

/** A staged batch of one small site, as render leaves it, and a build context to publish it with. */
async function stagedBatch(ws: Awaited<ReturnType<typeof tempWorkspace>>, slug: string) {
  const staging = join(ws.distDir, ".staging", `run-test-${slug}`);
  await mkdir(join(staging, slug), { recursive: true });
  await writeFile(
    join(staging, slug, "index.html"),
    '<!doctype html><html lang="id"><title>x</title><main data-pagefind-body><h1>Posyandu</h1></main></html>',
  );
  await writeFile(join(staging, slug, "manifest.json"), '{"items":[]}\n');
  const site = JSON.parse(await readFile(join(ws.sitesDir, "dinkes/site.json"), "utf8")) as SiteRecord;
  const batch: Batch = {
    sites: [{ ...site, slug }],
    started: performance.now(),
    staging,
    outputs: new Map([[slug, { images: new Set<string>(), pages: 1, searchable: ["index.html"] }]]),
    facts: new Map([[slug, [{ type: "berita", file: "posyandu", data: { title: "Posyandu" }, fillIn: false }]]]),
    renderMs: 1,
  };
  const results: SiteResult[] = [];
  const build: PublishContext = {
    ws,
    portal: JSON.parse(await readFile(ws.portalFile, "utf8")) as PortalConfig,
    media: new Map(),
    withheld: new Map(),
    progress: new Progress(),
    report: (r) => results.push(r),
  };
  return { batch, build, results };
}

describe("the indexing thread", () => {
  it("indexes and publishes a batch in its own thread and reports each site to the build", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    const thread = startIndexPublishThread();
    try {
      const { batch, build, results } = await stagedBatch(ws, "dinkes");
      await thread.run(batch, build);
      assert.deepEqual(
        results.map((r) => [r.slug, r.ok, r.pages]),
        [["dinkes", true, 1]],
      );
      assert.ok(existsSync(join(ws.distDir, "dinkes/index.html")));
      assert.ok(existsSync(join(ws.distDir, "dinkes/pagefind/pagefind-entry.json")));
      assert.ok(existsSync(join(ws.distDir, ".manifests/dinkes.json")));
      // What the hub reads of the unit crossed into the thread with the batch.
      const facts = JSON.parse(await readFile(join(ws.distDir, ".manifests/dinkes.hub.json"), "utf8"));
      assert.deepEqual(facts, {
        version: 1,
        manifest: { items: [] },
        content: [{ type: "berita", file: "posyandu", data: { title: "Posyandu" }, fillIn: false }],
      });
      assert.ok(!existsSync(batch.staging), "the staging folder goes");
    } finally {
      await thread.close();
      await ws.dispose();
    }
  });

  it("fails the sites of a batch it cannot take, and every batch after it ends, never hanging", async () => {
    const ws = await tempWorkspace(fixtures.mini);
    const thread = startIndexPublishThread();
    try {
      const first = await stagedBatch(ws, "dinkes");
      // What no thread can receive (a function): the batch fails, with the reason.
      (first.batch.outputs.get("dinkes") as unknown as Record<string, unknown>).pages = () => 1;
      await thread.run(first.batch, first.build);
      assert.equal(first.results[0]?.ok, false);
      assert.match(JSON.stringify(first.results[0]?.problems), /could not be handed to the indexing thread/);
      assert.ok(!existsSync(first.batch.staging), "the staging folder goes");
      assert.ok(!existsSync(join(ws.distDir, "dinkes")));

      await thread.close();
      const late = await stagedBatch(ws, "dlh");
      await thread.run(late.batch, late.build);
      assert.equal(late.results[0]?.ok, false);
      assert.match(JSON.stringify(late.results[0]?.problems), /the build ended/);
      assert.ok(!existsSync(join(ws.distDir, "dlh")));
    } finally {
      await thread.close();
      await ws.dispose();
    }
  });
});

import { createHash } from "node:crypto";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { problem, type Problem } from "../problems/problem.ts";
import type { Base } from "../published/site-origin.ts";
import { previewPath } from "../published/gateway-paths.ts";
import type { RepoView } from "./repo-view.ts";

/** One draft to render as its unit's site, the way the generator renders the live one. */
export interface PreviewJob {
  /** The gateway's clone, and the draft's ref in it (`refs/remotes/origin/cms/...`). */
  clone: string;
  ref: string;
  unit: string;
  /** The draft's own file (`sites/<unit>/content/<type>/<entry>.md`): shown even before its `publish_at`. */
  entry: string;
  /** Where its pages are served on the unit's origin: `/admin/pratinjau/<collection>/<entry>`. */
  prefix: string;
  /** This preview's folder: the draft's files in `src/`, its pages in `dist/<unit>/`. */
  dir: string;
  /** Kept between renders (encoded images): each photo is encoded once, not once per save. */
  cacheDir: string;
  base: Base;
  /** Where the live sites are built (their manifests): a preview of the hub lists the units from there. */
  published?: string;
  /** Pictures as the live sites of `npm start` have them (BuildOptions.quickImages). */
  quickImages?: true;
}

export type PreviewResult = { ok: true; pages: number; ms: number } | { ok: false; problems: Problem[]; ms: number };

/** A render that did not end in pages: its reason, as the build reports a site that failed. */
export const renderFailed = (unit: string, error: unknown, ms = 0): PreviewResult => ({
  ok: false,
  ms,
  problems: [
    problem("build-failed", `sites/${unit}`, "", { detail: error instanceof Error ? error.message : String(error) }),
  ],
});

/** Renders previews: the pipeline's (tools/pipeline/preview-renderer.ts), handed to the gateway at start. */
export interface PreviewRenderer {
  render(job: PreviewJob): Promise<PreviewResult>;
  close(): Promise<void>;
}

/** A draft's preview as it stands: rendered from which files, and with what outcome. */
export interface Preview {
  tree: string;
  unit: string;
  /** Its address on the unit's origin, without the trailing slash. */
  prefix: string;
  dir: string;
  done: Promise<PreviewResult>;
  result?: PreviewResult;
  usedAt: number;
}

/** The preview's address on its unit's origin, from its draft's collection and entry. */
export const previewPrefix = (collection: string, entry: string) => `${previewPath}/${collection}/${entry}`;

/**
 * Every draft's preview: rendered after a save (and again whenever its files changed since, so a
 * preview never shows an older version than the draft), served from its folder by the preview
 * route, removed when the draft is published or deleted. At most `keep` previews stay on disk,
 * the least recently used go first (opened again, they are rendered again).
 */
export class DraftPreviews {
  private readonly previews = new Map<string, Preview>();

  constructor(
    private readonly options: {
      /** The folder that holds every preview; emptied at start (what an earlier run left is stale). */
      root: string;
      clone: string;
      view: RepoView;
      renderer: PreviewRenderer;
      cacheDir: string;
      base: Base;
      published?: string;
      /** Previews' pictures as `npm start` builds the live sites (BuildOptions.quickImages). */
      quickImages?: true;
      keep?: number;
    },
  ) {}

  /** Empties the previews' folder: call once before serving. */
  async open(): Promise<this> {
    await rm(this.options.root, { recursive: true, force: true, maxRetries: 3 });
    return this;
  }

  /**
   * The preview of draft branch `cms/<collection>/<entry>` at its current files, rendering it
   * first when they changed; undefined when the branch does not exist (published or deleted).
   */
  async ensure(collection: string, entry: string, unit: string): Promise<Preview | undefined> {
    const branch = `cms/${collection}/${entry}`;
    const tree = await this.options.view.tree(branch);
    if (!tree) {
      await this.remove(branch);
      return undefined;
    }
    let preview = this.previews.get(branch);
    if (!preview || preview.tree !== tree) {
      const dir = join(this.options.root, createHash("sha256").update(branch).digest("hex").slice(0, 24));
      const prefix = previewPrefix(collection, entry);
      const job: PreviewJob = {
        clone: this.options.clone,
        ref: `refs/remotes/origin/${branch}`,
        unit,
        entry: `sites/${unit}/content/${collection.slice(unit.length + 1)}/${entry}.md`,
        prefix,
        dir,
        cacheDir: this.options.cacheDir,
        base: this.options.base,
        ...(this.options.published ? { published: this.options.published } : {}),
        ...(this.options.quickImages ? { quickImages: true as const } : {}),
      };
      const started = { tree, unit, prefix, dir, usedAt: Date.now() } as Preview;
      started.done = this.options.renderer.render(job).then(
        (result) => (started.result = result),
        (error: unknown) => (started.result = renderFailed(unit, error)),
      );
      this.previews.set(branch, (preview = started));
      void started.done.then(() => this.evict());
    }
    preview.usedAt = Date.now();
    return preview;
  }

  /** Forgets a draft's preview and deletes its pages (the draft was published or deleted). */
  async remove(branch: string): Promise<void> {
    const preview = this.previews.get(branch);
    if (!preview) return;
    this.previews.delete(branch);
    // A render still writing would put its files back: remove them once it has ended.
    await preview.done.catch(() => undefined);
    if (![...this.previews.values()].some((p) => p.dir === preview.dir))
      await rm(preview.dir, { recursive: true, force: true, maxRetries: 3 });
  }

  /** The folder a finished, successful preview's pages are in. */
  pagesOf(preview: Preview): string {
    return join(preview.dir, "dist", preview.unit);
  }

  async close(): Promise<void> {
    await this.options.renderer.close();
  }

  /** Beyond `keep` previews, the least recently opened finished ones go. */
  private async evict(): Promise<void> {
    const keep = this.options.keep ?? 40;
    const finished = [...this.previews.entries()].filter(([, p]) => p.result).sort((a, b) => a[1].usedAt - b[1].usedAt);
    for (const [branch] of finished.slice(0, Math.max(0, this.previews.size - keep))) await this.remove(branch);
  }
}

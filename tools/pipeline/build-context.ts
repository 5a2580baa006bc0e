import { join } from "node:path";
import type { HubSearchRecord } from "./stages/hub-search-records.ts";
import type { PortalConfig, SiteRecord } from "../core/records.ts";
import type { Progress } from "../core/progress.ts";
import type { ImageEncoding } from "../generator/image-options.ts";
import type { Workspace } from "../core/workspace.ts";
import type { Broadcast } from "../content/broadcasts.ts";
import type { ParsedContent } from "../content/validate-site.ts";
import type { ContentFact } from "../published/hub-facts.ts";
import type { ServiceCatalogue } from "../content/service-catalogue.ts";
import type { HubData } from "../generator/hub-data.ts";
import type { Base } from "../published/site-origin.ts";
import type { RegencyReport } from "../report/unit-report.ts";
import type { BuildOutput, UiStrings } from "../generator/types.ts";
import type { Problem } from "../problems/problem.ts";

export interface SiteResult {
  slug: string;
  ok: boolean;
  pages: number;
  ms: number;
  /** Why it failed: validation problems, or the build error (`build-failed`), as data. */
  problems: Problem[];
}

/**
 * What the stages after validation work from: the run's settings and what validation read.
 * Passed to each stage explicitly; nothing of a build lives in module state.
 */
export interface BuildContext {
  ws: Workspace;
  portal: PortalConfig;
  /** The theme's Indonesian words (strings.id.json), read once per build. */
  ui: UiStrings;
  progress: Progress;
  base: Base;
  now: Date;
  /** Every unit with a valid record: the network of links on every page. */
  registry: SiteRecord[];
  /** The retired units (site.json `"status": "retired"`): the hub writes a page about each. */
  retired: SiteRecord[];
  /** The retired units the hub keeps as archives (`/arsip/<slug>/`): where `site:` links to them lead. */
  archives: ReadonlySet<string>;
  /** The hub's service catalogue: topics, synonyms, the home's services and numbers. */
  catalogue: ServiceCatalogue;
  /** Regional broadcasts in their window now. */
  broadcasts: Broadcast[];
  /** Per site, the media files of excluded documents: never published. */
  withheld: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per site, its media files as validation found them (path → size). */
  media: ReadonlyMap<string, ReadonlyMap<string, number>>;
  /** Every content file validation parsed, by absolute path. */
  content: ReadonlyMap<string, ParsedContent>;
  /** The same content's front matter by its YAML text, for Eleventy's front-matter engine. */
  frontMatter: ReadonlyMap<string, unknown>;
  /**
   * Per valid site, what its build keeps for the hub beside its manifest: its content files with
   * the front matter fields the report reads (published/hub-facts.ts).
   */
  facts: ReadonlyMap<string, ContentFact[]>;
  /** Content files outside their own publication window now (`publish_at`, `unpublish_at`): left out of the run. */
  unpublished: ReadonlySet<string>;
  cmsLocalBackend?: boolean;
  /** How pictures are encoded: "quick" for BuildOptions.quickImages, else after portal.json's images.avif (portal-defaults.ts). */
  images: ImageEncoding;
  /** BuildOptions.cmsFiles: the CMS's files linked into each site, not only named. */
  cmsFiles?: boolean;
  /** A draft's preview (BuildOptions.preview): its one site, moved below `prefix`. */
  preview?: { prefix: string; published?: string; entry?: string };
  /** Every unit's activity and completeness (tools/report/), read once per build. */
  status?: RegencyReport;
  /** What the hub shows of the units; set by the hub stage for the hub's batch. */
  hub?: HubData;
  /**
   * The units' pages as records of the hub's search (stages/hub-search-records.ts), with `hub`:
   * those of the units' index (`pagefind/units/`), and the recent ones, in the hub's own index.
   */
  hubSearchRecords?: readonly HubSearchRecord[];
  hubOwnRecords?: readonly HubSearchRecord[];
  report: (result: SiteResult) => void;
}

/**
 * What indexing and publishing a batch read of the build: plain data, so that a batch can be
 * handed to another thread (index-publish-thread.ts), which has its own `progress` and `report`.
 */
export type PublishContext = Pick<
  BuildContext,
  | "ws"
  | "portal"
  | "media"
  | "withheld"
  | "cmsLocalBackend"
  | "cmsFiles"
  | "preview"
  | "hubSearchRecords"
  | "hubOwnRecords"
  | "progress"
  | "report"
>;

/** A set of sites going through render, index and publish together (one Eleventy run). */
export interface Batch {
  sites: SiteRecord[];
  started: number;
  /** Where render wrote the sites: `dist/.staging/run-<pid>-<time>/<slug>/`. */
  staging: string;
  outputs: Map<string, BuildOutput>;
  /** Each site's content facts, which publish keeps for the hub beside its manifest (published/hub-facts.ts). */
  facts: Map<string, ContentFact[]>;
  /** How long render took, shared out among the sites by their pages in the report. */
  renderMs: number;
}

/** Where runs stage their output: `dist/.staging/run-<pid>-<time>/`. */
export const stagingRoot = (ws: Workspace) => join(ws.distDir, ".staging");

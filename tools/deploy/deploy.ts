import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { DecapBundle } from "../cms/decap-bundle.ts";
import { cmsFilesOf } from "./cms-files.ts";
import { FileHashes, hashSiteFiles } from "./file-hashes.ts";
import { stageSite, writeManifest, type ReleaseManifest } from "./stage.ts";
import { activateScript, listScript, prepareScript, rollbackScript } from "./target-scripts.ts";
import { describeTarget, runScript, siteDirOn, transfer, type RunResult, type Target } from "./target.ts";

/**
 * Deploys built sites (`dist/<slug>/`) to a target, each on its own: stage (compress, hash),
 * send (rsync into releases/.incoming-<id>/, hard-linking what the current release already
 * has), then switch `current` atomically. A site that fails stops nothing else; its old
 * release keeps serving.
 */
export interface DeployOptions {
  distDir: string;
  /** Where staged releases are prepared (under .cache/). */
  stagingDir: string;
  target: Target;
  sites: string[];
  /** Releases kept per site (at least 2, so there is always one to roll back to). */
  keep: number;
  /**
   * A site whose current release shares most files with every other (the hub: the CMS's bundle,
   * the theme): unchanged files are hard-linked from it on the server, so 44 sites do not hold 44
   * copies of the CMS. Deployed first when it is among the sites.
   */
  shareFrom?: string;
  /**
   * Deploy even a site whose files equal its current release's manifest. Without it such a site
   * is left as it is, so the scheduled rebuild adds no release (and rollback still goes back to a
   * real change); with it, files altered on the server are replaced.
   */
  force?: boolean;
  /** Names the release: time first so ids sort by time, then the commit. */
  revision?: string;
  log?: (line: string) => void;
}

export interface SiteDeployResult {
  site: string;
  ok: boolean;
  release?: string;
  previous?: string;
  files?: number;
  /** Nothing changed since the current release, which keeps serving. */
  unchanged?: boolean;
  error?: string;
}

export function releaseId(now = new Date(), revision = "local"): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.(\d{3})Z$/, "$1Z");
  return `${stamp}-${revision.replace(/[^\w.-]/g, "").slice(0, 12) || "local"}`;
}

function failed(step: string, result: RunResult): Error {
  return new Error(`${step} failed (exit ${result.code}): ${(result.stderr || result.stdout).trim().slice(-800)}`);
}

/** What the target holds of a site before a deploy (prepareScript's block for it). */
interface Prepared {
  /** The current release's id, if any. */
  current?: string;
  /** Its manifest, as the target printed it. */
  manifest: string;
}

/** Prepares every site's folder on the target in one call; each site's state, or an Error. */
async function prepareSites(options: DeployOptions, sites: string[]): Promise<Map<string, Prepared | Error>> {
  const result = await runScript(
    options.target,
    prepareScript,
    sites.map((site) => siteDirOn(options.target, site)),
  );
  const [head = "", manifests = ""] = result.stdout.split(/^--- portal-manifests\n/m);
  const lines = head.split("\n").filter((line) => line.startsWith("--- portal-site "));
  // Each manifest is JSON written with its braces at the start of a line (writeManifest).
  const byRelease = new Map<string, string>();
  for (const text of manifests.split(/^(?=\{$)/m)) {
    try {
      const manifest = JSON.parse(text) as ReleaseManifest;
      byRelease.set(`${manifest.site}/${manifest.release}`, text);
    } catch {
      // Not a whole manifest: its site is compared with nothing and deployed again.
    }
  }
  return new Map(
    sites.map((site, i): [string, Prepared | Error] => {
      const status = /^--- portal-site ok(?: (\S+))?$/.exec(lines[i] ?? "");
      if (result.code !== 0 || lines.length !== sites.length || !status)
        return [site, failed(`preparing the target for ${site}`, result.code === 0 ? { ...result, code: 1 } : result)];
      const current = status[1];
      return [site, { current, manifest: current ? (byRelease.get(`${site}/${current}`) ?? "") : "" }];
    }),
  );
}

export async function deploySite(
  options: DeployOptions,
  site: string,
  release: string,
  hashes: FileHashes,
  prepared: Prepared | Error,
  bundles: Map<string, Promise<DecapBundle>>,
): Promise<SiteDeployResult> {
  const source = join(options.distDir, site);
  if (!existsSync(join(source, "index.html")))
    return { site, ok: false, error: `${source} has no built site (run npm run build first)` };
  const siteDir = siteDirOn(options.target, site);
  const staging = join(options.stagingDir, site);
  try {
    // What is built, then what is deployed: a site whose files equal its current release's is left
    // as it is before anything is staged (a deploy that changes nothing costs a listing and a stat
    // of each file).
    const files = await hashSiteFiles(source, hashes);
    // The CMS's files, which the build names but the deploy adds (cms-files.ts).
    const elsewhere = await cmsFilesOf(source, bundles);
    for (const [path, from] of Object.entries(elsewhere)) files[path] = await hashes.of(from, site);
    if (prepared instanceof Error) throw prepared;
    const previous = prepared.current;
    if (previous && !options.force && sameSources(prepared.manifest, files))
      return { site, ok: true, unchanged: true, release: previous, files: Object.keys(files).length };

    const manifest = await stageSite({
      source,
      staging,
      site,
      release,
      cacheDir: join(options.stagingDir, "compressed"),
      files,
      elsewhere,
      hashes,
    });
    const manifestFile = join(options.stagingDir, `${site}.json`);
    await writeManifest(manifestFile, manifest);

    // --link-dest is relative to the destination folder (<site>/releases/.incoming-<id>/), so it
    // holds for a target given as a relative path too; rsync skips one that does not exist yet.
    const linkDest = [
      ...(previous ? ["../../current/"] : []),
      ...(options.shareFrom && options.shareFrom !== site ? [`../../../${options.shareFrom}/current/`] : []),
    ];
    const sent = await transfer(options.target, `${staging}/`, `${siteDir}/releases/.incoming-${release}/`, {
      linkDest,
    });
    if (sent.code !== 0) throw failed("sending the files", sent);
    const sentManifest = await transfer(options.target, manifestFile, `${siteDir}/releases/.incoming-${release}.json`);
    if (sentManifest.code !== 0) throw failed("sending the manifest", sentManifest);

    const activated = await runScript(options.target, activateScript, [siteDir, release, String(options.keep)]);
    if (activated.code !== 0) throw failed("switching to the new release", activated);
    return { site, ok: true, release, previous, files: Object.keys(manifest.files).length };
  } catch (error) {
    return { site, ok: false, error: error instanceof Error ? error.message : String(error) };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * Whether the current release (its manifest, as the target printed it) holds exactly the built
 * files: its compressed copies (`x.br`, `x.gz` beside an `x` it holds) follow from them.
 */
function sameSources(currentManifest: string, files: Record<string, string>): boolean {
  try {
    const current = (JSON.parse(currentManifest) as ReleaseManifest).files;
    const sources = Object.keys(current).filter((path) => {
      const base = path.replace(/\.(br|gz)$/, "");
      return base === path || !(base in current);
    });
    const paths = Object.keys(files);
    return paths.length === sources.length && paths.every((path) => current[path] === files[path]);
  } catch {
    return false;
  }
}

export async function deploySites(options: DeployOptions): Promise<SiteDeployResult[]> {
  const release = releaseId(new Date(), options.revision);
  // What a killed deploy left staged (each site's folder and manifest); the compressed copies and
  // the files' hashes stay.
  const hashesFile = join(options.stagingDir, "hashes.json");
  for (const name of existsSync(options.stagingDir) ? await readdir(options.stagingDir) : []) {
    if (name !== "compressed" && name !== "hashes.json")
      await rm(join(options.stagingDir, name), { recursive: true, force: true });
  }
  const hashes = await FileHashes.open(hashesFile);
  const results: SiteDeployResult[] = [];
  // One site at a time: staging uses both cores already, and the server sees one transfer.
  const sites =
    options.shareFrom && options.sites.includes(options.shareFrom)
      ? [options.shareFrom, ...options.sites.filter((s) => s !== options.shareFrom)]
      : options.sites;
  const prepared = await prepareSites(options, sites);
  const bundles = new Map<string, Promise<DecapBundle>>();
  for (const site of sites) {
    const result = await deploySite(options, site, release, hashes, prepared.get(site)!, bundles);
    options.log?.(
      !result.ok
        ? `✖ ${site}: ${result.error}`
        : result.unchanged
          ? `= ${site}: unchanged, ${result.release} keeps serving`
          : `✔ ${site}: ${result.release} (${result.files} files)${result.previous ? `, was ${result.previous}` : ""}`,
    );
    results.push(result);
  }
  await hashes.save();
  return results;
}

export async function rollbackSite(target: Target, site: string, to?: string): Promise<{ from: string; to: string }> {
  const result = await runScript(target, rollbackScript, [siteDirOn(target, site), to ?? ""]);
  if (result.code !== 0)
    throw new Error(`${site} on ${describeTarget(target)}: ${result.stderr.trim() || `exit ${result.code}`}`);
  const [from, back] = result.stdout.trim().split(" ");
  return { from: from!, to: back! };
}

export async function listReleases(target: Target, site: string): Promise<{ releases: string[]; current?: string }> {
  const result = await runScript(target, listScript, [siteDirOn(target, site)]);
  const lines = result.stdout.trim().split("\n").filter(Boolean);
  const current = lines.find((l) => l.startsWith("current "))?.slice("current ".length);
  return { releases: lines.filter((l) => !l.startsWith("current ")), current };
}

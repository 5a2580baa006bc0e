import { cliRefusal } from "../problems/cli-refusals.ts";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { readRegistry, readRetired } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { affectedSites } from "../deploy/affected.ts";
import { deploySites, listReleases, rollbackSite } from "../deploy/deploy.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { describeTarget, parseTarget, type Target } from "../deploy/target.ts";
import { isIntact, verifySite } from "../deploy/verify.ts";
import { baseFromEnv } from "../published/site-origin.ts";
import { fileSlugPattern } from "../published/permalinks.ts";

/**
 * `portal deploy`, `rollback`, `verify-deploy` and `nginx-config`: the operator's commands.
 * Every message names the site and says what to do; one site's failure never stops the others.
 */
export interface DeployFlags {
  target?: string;
  all: boolean;
  base?: string;
  keep?: string;
  revision?: string;
  to?: string;
  force?: boolean;
  json: boolean;
}

/**
 * In GitHub Actions, one annotation per site, so a shard's summary names each site that failed
 * (the shard's other sites were deployed). Elsewhere nothing: the lines above already say it.
 */
function annotate(site: string, title: string, message: string): void {
  if (process.env.GITHUB_ACTIONS !== "true") return;
  const escaped = (text: string) => text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
  console.log(
    `::error title=${escaped(`${site}: ${title}`).replace(/[:,]/g, (c) => (c === ":" ? "%3A" : "%2C"))}::${escaped(message)}`,
  );
}

/** Site names become folders on the server: only a registry slug, never a path. */
function badNames(sites: string[]): boolean {
  const bad = sites.filter((s) => !fileSlugPattern.test(s));
  if (bad.length) console.error(cliRefusal("not-a-site-name", { names: bad }));
  return bad.length > 0;
}

function targetOf(flags: DeployFlags): Target | undefined {
  const spec = flags.target ?? process.env.DEPLOY_TARGET;
  if (!spec) {
    console.error(cliRefusal("no-target", {}));
    return undefined;
  }
  return parseTarget(spec);
}

/** The built sites: every folder of dist/ with an index.html. */
function builtSites(ws: Workspace): string[] {
  if (!existsSync(ws.distDir)) return [];
  return readdirSync(ws.distDir)
    .filter((name) => existsSync(join(ws.distDir, name, "index.html")))
    .sort();
}

/** The sites changed since `base`, or undefined (with the reason printed) when Nx cannot tell. */
function changedSince(ws: Workspace, base: string): string[] | undefined {
  try {
    return affectedSites(ws.root, base);
  } catch (error) {
    console.error(
      cliRefusal("changes-unknown", { base, detail: error instanceof Error ? error.message : String(error) }),
    );
    return undefined;
  }
}

export async function runDeploy(ws: Workspace, named: string[], flags: DeployFlags): Promise<number> {
  const target = targetOf(flags);
  if (!target || badNames(named)) return 2;
  const keep = Number(flags.keep ?? 5);
  if (!Number.isInteger(keep) || keep < 2) {
    console.error(cliRefusal("keep-too-small", { keep: flags.keep }));
    return 2;
  }
  const built = builtSites(ws);
  if (built.length === 0) {
    console.error(cliRefusal("nothing-built", { dist: ws.distDir }));
    return 1;
  }
  // A folder of dist/ that is no longer a site of the registry (removed, or retired) would bring
  // the site back on its subdomain: it is never deployed.
  const registry = new Set((await readRegistry(ws)).map((s) => s.slug));
  let sites = flags.all ? built : named.length ? named : changedSince(ws, flags.base ?? "HEAD~1");
  if (!sites) return 2;
  const refused = sites.filter((s) => !registry.has(s));
  if (refused.length) {
    console.error(cliRefusal("not-in-registry", { sites: refused }));
    for (const site of refused)
      annotate(site, "not deployed", "The site is not in the registry (sites/<slug>/site.json, not retired).");
  }
  sites = sites.filter((s) => !refused.includes(s));
  const missing = sites.filter((s) => !built.includes(s));
  if (missing.length) {
    // Deploy what is built; name what is not, and fail at the end.
    console.error(cliRefusal("not-built", { sites: missing }));
    for (const site of missing)
      annotate(
        site,
        "not deployed",
        "The site was not built (see the build step); its previous release keeps serving.",
      );
    sites = sites.filter((s) => built.includes(s));
  }
  if (sites.length === 0) {
    const refusedSome = missing.length + refused.length > 0;
    (refusedSome ? console.error : console.log)(
      refusedSome ? "Nothing to deploy." : "No site is affected: nothing to deploy.",
    );
    return refusedSome ? 1 : 0;
  }
  console.log(`Deploying ${sites.length} site(s) to ${describeTarget(target)}…`);
  const revision =
    flags.revision ??
    (spawnSync("git", ["rev-parse", "--short=8", "HEAD"], { cwd: ws.root, encoding: "utf8" }).stdout.trim() || "local");
  const { portal } = await readPortal(ws);
  const results = await deploySites({
    distDir: ws.distDir,
    stagingDir: join(ws.root, ".cache", "deploy"),
    target,
    sites,
    keep,
    revision,
    shareFrom: portal?.hub,
    force: flags.force,
    log: (line) => console.log(line),
  });
  if (flags.json) console.log(JSON.stringify(results));
  const failed = results.filter((r) => !r.ok);
  for (const r of failed)
    annotate(r.site, "not deployed", `${r.error ?? "failed"} Its previous release keeps serving.`);
  if (failed.length)
    console.error(
      `\n${failed.length} of ${results.length} site(s) failed; their previous release keeps serving: ${failed.map((r) => r.site).join(", ")}.`,
    );
  else {
    const unchanged = results.filter((r) => r.unchanged).length;
    console.log(`\n${results.length - unchanged} site(s) deployed${unchanged ? `, ${unchanged} unchanged` : ""}.`);
  }
  return failed.length || missing.length || refused.length ? 1 : 0;
}

export async function runRollback(_ws: Workspace, sites: string[], flags: DeployFlags): Promise<number> {
  const target = targetOf(flags);
  if (!target) return 2;
  if (badNames(sites)) return 2;
  if (flags.to !== undefined && !/^\d{8}T\d{9}Z-[\w.-]+$/.test(flags.to)) {
    console.error(cliRefusal("release-id-malformed", { to: flags.to }));
    return 2;
  }
  if (sites.length === 0) {
    console.error(cliRefusal("no-site-to-roll-back", {}));
    return 2;
  }
  let failures = 0;
  for (const site of sites) {
    try {
      const { from, to } = await rollbackSite(target, site, flags.to);
      console.log(`✔ ${site}: serving ${to} again (was ${from}).`);
    } catch (error) {
      failures++;
      const { releases } = await listReleases(target, site).catch(() => ({ releases: [] as string[] }));
      console.error(
        `✖ ${error instanceof Error ? error.message : String(error)}${releases.length ? `\n  releases there: ${releases.join(", ")}` : ""}`,
      );
    }
  }
  return failures ? 1 : 0;
}

export async function runVerifyDeploy(ws: Workspace, named: string[], flags: DeployFlags): Promise<number> {
  const target = targetOf(flags);
  if (!target) return 2;
  if (badNames(named)) return 2;
  const sites = named.length
    ? named
    : (await readRegistry(ws))
        .filter((s) => s.status === "active")
        .map((s) => s.slug)
        .sort();
  const reports = [];
  for (const site of sites) {
    const report = await verifySite(target, site);
    reports.push(report);
    if (flags.json) continue;
    if (report.error) {
      console.error(`✖ ${site}: ${report.error}`);
      annotate(site, "cannot be checked", report.error);
    } else if (isIntact(report)) console.log(`✔ ${site}: ${report.files} files match release ${report.release}`);
    else {
      console.error(`✖ ${site}: release ${report.release} has been altered on the server`);
      for (const path of report.added) console.error(`    added:   ${path}`);
      for (const path of report.changed) console.error(`    changed: ${path}`);
      for (const path of report.missing) console.error(`    missing: ${path}`);
      for (const path of report.special) console.error(`    not a regular file: ${path}`);
      console.error(
        `    Restore it: npm run deploy -- --force --target ${describeTarget(target)} ${site} (then find how it was changed).`,
      );
      annotate(
        site,
        "altered on the server",
        [
          ...report.added.map((p) => `added ${p}`),
          ...report.changed.map((p) => `changed ${p}`),
          ...report.missing.map((p) => `missing ${p}`),
          ...report.special.map((p) => `not a regular file ${p}`),
        ].join("\n"),
      );
    }
  }
  if (flags.json) console.log(JSON.stringify(reports));
  const bad = reports.filter((r) => !isIntact(r));
  if (!flags.json)
    console.log(
      bad.length
        ? `\n${bad.length} of ${reports.length} site(s) do not match their release.`
        : `\nAll ${reports.length} site(s) match their releases.`,
    );
  return bad.length ? 1 : 0;
}

export interface NginxFlags {
  root?: string;
  listen?: string;
  output?: string;
  tlsCert?: string;
  tlsKey?: string;
  brotli: boolean;
  /** The editors' gateway's address (127.0.0.1:8790). */
  gateway?: string;
}

export async function runNginxConfig(ws: Workspace, flags: NginxFlags): Promise<number> {
  if (!flags.root) {
    console.error(cliRefusal("no-serve-root", {}));
    return 2;
  }
  if (Boolean(flags.tlsCert) !== Boolean(flags.tlsKey)) {
    console.error(cliRefusal("tls-half", {}));
    return 2;
  }
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    console.error(cliRefusal("portal-unreadable", { detail: problems.map((p) => p.message).join("; ") }));
    return 1;
  }
  const text = nginxConfig({
    portal,
    sites: await readRegistry(ws),
    retired: await readRetired(ws),
    root: flags.root,
    base: baseFromEnv(portal),
    listen: flags.listen,
    tls: flags.tlsCert && flags.tlsKey ? { certificate: flags.tlsCert, key: flags.tlsKey } : undefined,
    brotli: flags.brotli,
    ...(flags.gateway ? { gateway: flags.gateway } : {}),
  });
  if (!flags.gateway && portal.cms?.backend === "gateway") console.error(cliRefusal("gateway-unset", {}));
  if (flags.gateway && !/^(127\.0\.0\.1|\[::1\]|localhost|unix:\/[^\s;]+|[a-z0-9.-]+):?\d*$/.test(flags.gateway)) {
    console.error(cliRefusal("gateway-address-malformed", { gateway: flags.gateway }));
    return 2;
  }
  if (!flags.output) {
    process.stdout.write(text);
    return 0;
  }
  await mkdir(dirname(flags.output), { recursive: true });
  await writeFile(flags.output, text);
  console.log(
    `Wrote ${relative(process.cwd(), flags.output) || flags.output}. Check it with nginx -t, then reload nginx.`,
  );
  return 0;
}

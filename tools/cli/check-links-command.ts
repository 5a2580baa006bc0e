import { cliRefusal } from "../problems/cli-refusals.ts";
import { relative } from "node:path";
import type { Workspace } from "../core/workspace.ts";
import { checkLinks, sourceAddresses } from "../links/check-links.ts";

/** `portal check-links [site...]`: after a build, every broken internal or cross-site link; exit 1 if any. */
export function runCheckLinks(ws: Workspace, only: string[], options: { json: boolean }): number {
  const t = performance.now();
  const report = checkLinks(ws.distDir, only.length ? only : undefined, sourceAddresses(ws));
  const seconds = ((performance.now() - t) / 1000).toFixed(1);
  if (options.json) {
    console.log(JSON.stringify({ ...report, seconds: Number(seconds) }));
    return report.sites === 0 || report.broken.length || report.unexplained.length ? 1 : 0;
  }
  const where = relative(process.cwd(), ws.distDir) || ".";
  if (report.sites === 0) {
    console.error(cliRefusal("no-built-site", { where, names: only }));
    return 1;
  }
  for (const b of report.broken)
    console.error(
      `${where}/${b.page} (${b.pageUrl}): ${b.href} → ${b.reason}${b.target !== b.href ? ` (${b.target})` : ""}`,
    );
  const summary = `${report.sites} sites, ${report.pages} pages, ${report.links} links to ${report.targets} addresses in the portal checked, ${report.external} external links not followed, in ${seconds} s.`;
  for (const u of report.unexplained)
    console.error(
      `${where}/${u.page}: links to ${u.href}, which no content, site.json or theme file contains (altered output?)`,
    );
  if (report.broken.length === 0 && report.unexplained.length === 0) {
    console.log(`No broken link. ${summary}`);
    return 0;
  }
  if (report.broken.length === 0) {
    console.error(`\n${report.unexplained.length} outbound links no source explains. ${summary}`);
    return 1;
  }
  const pages = new Set(report.broken.map((b) => b.page)).size;
  console.error(`\n${report.broken.length} broken links on ${pages} pages. ${summary}`);
  return 1;
}

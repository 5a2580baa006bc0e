import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { parseLocal } from "../core/wita.ts";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown } from "./front-matter.ts";
import { listEntries, markdownFiles } from "./site-files.ts";

/**
 * An item's own publication window: `publish_at` and `unpublish_at` (WITA wall-clock, as every
 * time in content), either left out. Outside it the item is in no page, list, feed, manifest,
 * search index or hub list: the build leaves its file out of the run altogether. The scheduled
 * rebuild (every 15 minutes in CI; `npm start` arms a timer) brings it out, or takes it down,
 * on time.
 */
export function isPublished(data: Record<string, unknown>, now: Date, timeZone: string): boolean {
  const from = typeof data.publish_at === "string" ? parseLocal(data.publish_at, timeZone) : undefined;
  const until = typeof data.unpublish_at === "string" ? parseLocal(data.unpublish_at, timeZone) : undefined;
  return (!from || from.getTime() <= now.getTime()) && (!until || now.getTime() < until.getTime());
}

/**
 * The files of a unit's media that only items outside their window use: the PDF of a `dokumen`
 * not yet out or already taken down, an attachment of a news item scheduled for next week. They
 * are withheld like the pages that use them, and come out with the first of those pages (the
 * scheduled rebuild publishes both); a file no item uses stays published as uploaded.
 */
export function scheduledOnlyMedia(
  content: readonly { data: Record<string, unknown>; media: ReadonlySet<string> }[],
  now: Date,
  timeZone: string,
): Set<string> {
  const shown = new Set<string>();
  const hidden = new Set<string>();
  for (const c of content) for (const path of c.media) (isPublished(c.data, now, timeZone) ? shown : hidden).add(path);
  return new Set([...hidden].filter((path) => !shown.has(path)));
}

/** The moments after `now` at which an item appears or disappears. */
export function publicationChanges(data: Record<string, unknown>, timeZone: string): Date[] {
  return (["publish_at", "unpublish_at"] as const)
    .map((k) => data[k])
    .filter((v): v is string => typeof v === "string")
    .map((v) => parseLocal(v, timeZone));
}

/**
 * The next moment after `now` at which any unit's item appears or disappears, read from the
 * content files themselves (for `npm start`'s clock, which must wake for every site, built this
 * time or not). Only regular Markdown files within the size limit that name a schedule are read;
 * one that cannot be read is its own site's validation problem, not a reason to miss the others.
 */
export function nextPublicationChange(ws: Workspace, portal: PortalConfig, now: Date): Date | undefined {
  let next: Date | undefined;
  for (const site of listEntries(ws.sitesDir).entries) {
    if (site.kind !== "folder") continue;
    for (const file of markdownFiles(join(ws.sitesDir, site.name))) {
      if (lstatSync(file.abs).size > portal.limits.markdown_kb * 1024) continue;
      const text = decodeUtf8(readFileSync(file.abs), file.name).text;
      if (text === undefined || !/^(un)?publish_at:/m.test(text)) continue;
      const { parsed } = parseMarkdown(text, file.name);
      for (const at of parsed ? publicationChanges(parsed.data, portal.time_zone) : [])
        if (!Number.isNaN(at.getTime()) && at > now && (!next || at < next)) next = at;
    }
  }
  return next;
}

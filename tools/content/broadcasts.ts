import { lstatSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { parseLocal } from "../core/wita.ts";
import { schemas } from "../schema/schemas.ts";
import { checkContentRules } from "./content-rules.ts";
import { decodeUtf8 } from "./decode.ts";
import { parseMarkdown } from "./front-matter.ts";
import { listEntries } from "./site-files.ts";
import { validateAgainst } from "../schema/schema-validator.ts";

/** A regional broadcast in its window, as every site shows it. */
export interface Broadcast {
  title: string;
  level: "info" | "peringatan" | "darurat";
  summary?: string;
  start: string;
  end: string;
  /** Path of the broadcast's page on the hub. */
  path: string;
}

/**
 * The broadcasts DKISP has published on the hub (`sites/<hub>/content/siaran/`) whose window
 * contains `now`. Read for every site's build: a broadcast shows on every page of every site.
 * A broadcast with problems is left out here; validation reports it on the hub.
 */
export function activeBroadcasts(ws: Workspace, portal: PortalConfig, now: Date): Broadcast[] {
  const rank = { darurat: 0, peringatan: 1, info: 2 };
  return publishedBroadcasts(ws, portal)
    .filter((b) => b.startsAt <= now && now < b.endsAt)
    .map(({ startsAt: _s, endsAt: _e, ...b }) => b)
    .sort((a, b) => rank[a.level] - rank[b.level]);
}

/**
 * When the set of broadcasts in their window next changes (one starts or ends), if ever: the
 * moment every site must be rebuilt for the notice to appear or disappear on time.
 */
export function nextBroadcastChange(ws: Workspace, portal: PortalConfig, now: Date): Date | undefined {
  const moments = publishedBroadcasts(ws, portal)
    .flatMap((b) => [b.startsAt, b.endsAt])
    .filter((d) => d > now);
  return moments.sort((a, b) => a.getTime() - b.getTime())[0];
}

/**
 * Read for every site's build, so nothing in siaran/ may stop one: only regular Markdown files
 * within the size limit are read, and one that is not a valid broadcast (an alias bomb, a folder
 * named x.md, a broken date) is skipped here and reported by the hub's own validation.
 */
function publishedBroadcasts(ws: Workspace, portal: PortalConfig): (Broadcast & { startsAt: Date; endsAt: Date })[] {
  const dir = join(ws.sitesDir, portal.hub, "content", "siaran");
  const type = schemas().typeByName.get("siaran")!;
  const found: (Broadcast & { startsAt: Date; endsAt: Date })[] = [];
  for (const entry of listEntries(dir).entries) {
    const name = entry.name;
    const abs = join(dir, name);
    if (entry.kind !== "file" || !name.endsWith(".md") || lstatSync(abs).size > portal.limits.markdown_kb * 1024)
      continue;
    const text = decodeUtf8(readFileSync(abs), name).text;
    const { parsed } = text === undefined ? { parsed: undefined } : parseMarkdown(text, name);
    if (!parsed || validateAgainst(type.schemaId, parsed.data, name).length) continue;
    if (
      checkContentRules({ data: parsed.data, schema: type.schema, file: name, lineOf: () => undefined, today: "" })
        .length
    )
      continue;
    const d = parsed.data as { title: string; level: Broadcast["level"]; summary?: string; start: string; end: string };
    found.push({
      title: d.title,
      level: d.level,
      start: d.start,
      end: d.end,
      path: `/siaran/${name.slice(0, -3)}/`,
      ...(d.summary ? { summary: d.summary } : {}),
      startsAt: parseLocal(d.start, portal.time_zone),
      endsAt: parseLocal(d.end, portal.time_zone),
    });
  }
  return found;
}

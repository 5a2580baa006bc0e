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
import { validateAgainst } from "./schema-validator.ts";

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

/** A broadcast with its window as instants. */
export interface ScheduledBroadcast extends Broadcast {
  startsAt: Date;
  endsAt: Date;
}

/** The broadcasts whose window contains `now`, the most urgent first: what every page shows. */
export function inWindow(broadcasts: readonly ScheduledBroadcast[], now: Date): Broadcast[] {
  const rank = { darurat: 0, peringatan: 1, info: 2 };
  return broadcasts
    .filter((b) => b.startsAt <= now && now < b.endsAt)
    .map(({ startsAt: _s, endsAt: _e, ...b }) => b)
    .sort((a, b) => rank[a.level] - rank[b.level]);
}

/**
 * When the set of broadcasts in their window next changes (one starts or ends), if ever: the
 * moment every site must be rebuilt for the notice to appear or disappear on time.
 */
export function nextBroadcastChange(broadcasts: readonly ScheduledBroadcast[], now: Date): Date | undefined {
  const moments = broadcasts.flatMap((b) => [b.startsAt, b.endsAt]).filter((d) => d > now);
  return moments.sort((a, b) => a.getTime() - b.getTime())[0];
}

/** A valid `siaran/<name>.md` as a broadcast. */
export function broadcastOf(fileName: string, data: Record<string, unknown>, portal: PortalConfig): ScheduledBroadcast {
  const d = data as { title: string; level: Broadcast["level"]; summary?: string; start: string; end: string };
  return {
    title: d.title,
    level: d.level,
    start: d.start,
    end: d.end,
    path: `/siaran/${fileName.replace(/\.md$/, "")}/`,
    ...(d.summary ? { summary: d.summary } : {}),
    startsAt: parseLocal(d.start, portal.time_zone),
    endsAt: parseLocal(d.end, portal.time_zone),
  };
}

/**
 * The broadcasts DKISP has published on the hub (`sites/<hub>/content/siaran/`), read on their
 * own: when a run does not validate the hub (`build -- dinkes`), and for `npm start`'s clock.
 * (A run that validates the hub takes them from its validation.) Nothing in siaran/ may stop
 * another unit's build: only regular Markdown files within the size limit are read, and one that
 * is not a valid broadcast (an alias bomb, a folder named x.md, a broken date) is skipped here
 * and reported by the hub's own validation.
 */
export function readBroadcasts(ws: Workspace, portal: PortalConfig): ScheduledBroadcast[] {
  const dir = join(ws.sitesDir, portal.hub, "content", "siaran");
  const type = schemas().typeByName.get("siaran")!;
  const found: ScheduledBroadcast[] = [];
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
    found.push(broadcastOf(name, parsed.data, portal));
  }
  return found;
}

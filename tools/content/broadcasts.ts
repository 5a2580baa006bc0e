import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { parseLocal } from "../core/wita.ts";
import { contentTypeByName } from "./content-types.ts";
import { parseMarkdown } from "./front-matter.ts";
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

/**
 * The broadcasts DKISP has published on the hub (`sites/<hub>/content/siaran/`) whose window
 * contains `now`. Read for every site's build: a broadcast shows on every page of every site.
 * A broadcast with problems is left out here; validation reports it on the hub.
 */
export function activeBroadcasts(ws: Workspace, portal: PortalConfig, now: Date): Broadcast[] {
  const dir = join(ws.sitesDir, portal.hub, "content", "siaran");
  if (!existsSync(dir)) return [];
  const schemaId = contentTypeByName.get("siaran")!.schemaId;
  const found: Broadcast[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".md")).sort()) {
    const { parsed } = parseMarkdown(readFileSync(join(dir, name), "utf8"), name);
    if (!parsed || validateAgainst(schemaId, parsed.data, name).length) continue;
    const d = parsed.data as { title: string; level: Broadcast["level"]; summary?: string; start: string; end: string };
    if (parseLocal(d.start, portal.time_zone) <= now && now < parseLocal(d.end, portal.time_zone)) {
      found.push({ title: d.title, level: d.level, start: d.start, end: d.end, path: `/siaran/${name.slice(0, -3)}/`, ...(d.summary ? { summary: d.summary } : {}) });
    }
  }
  const rank = { darurat: 0, peringatan: 1, info: 2 };
  return found.sort((a, b) => rank[a.level] - rank[b.level]);
}

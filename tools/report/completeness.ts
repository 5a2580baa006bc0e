import type { SiteRecord } from "../core/records.ts";
import { parseLocal } from "../core/wita.ts";
import { schemas } from "../schema/schemas.ts";
import type { CompletenessRule, LegalBasis } from "./completeness-rules.ts";
import type { ContentEntry } from "./unit-content.ts";

/** A required item a unit does not have yet, with why it is required and how to add it. */
export interface MissingItem {
  id: string;
  label: string;
  /** In Indonesian: what is wrong ("belum ada", "masih berisi bagian [[Isi: ...]]", ...). */
  reason: string;
  /** In Indonesian: what to do. */
  fix: string;
  basis: LegalBasis[];
}

export interface Completeness {
  /** Share of the applicable rules met, 0–100, rounded down (100 only when nothing is missing). */
  score: number;
  met: number;
  applicable: number;
  missing: MissingItem[];
}

/**
 * Scores one unit against the rules that apply to its type; undefined when none does (the hub).
 * A starter page that still holds a part to fill in is as missing as no page at all: a citizen
 * reading "[[Isi: visi unit]]" has not been told the unit's vision.
 */
export function completenessOf(
  site: SiteRecord,
  content: readonly ContentEntry[],
  rules: readonly CompletenessRule[],
  now: Date,
  timeZone: string,
): Completeness | undefined {
  const applicable = rules.filter((r) => r.units.has(site.type));
  if (applicable.length === 0) return undefined;
  const missing: MissingItem[] = [];
  for (const rule of applicable) {
    const gap = gapOf(rule, site, content, now, timeZone);
    if (gap) missing.push({ id: rule.id, label: rule.label, ...gap, basis: rule.basis });
  }
  const met = applicable.length - missing.length;
  return { score: Math.floor((met * 100) / applicable.length), met, applicable: applicable.length, missing };
}

function gapOf(
  rule: CompletenessRule,
  site: SiteRecord,
  content: readonly ContentEntry[],
  now: Date,
  timeZone: string,
): { reason: string; fix: string } | undefined {
  const require = rule.require;
  if ("site_field" in require) {
    const value = (site as unknown as Record<string, unknown>)[require.site_field];
    return value === undefined || value === ""
      ? { reason: "belum diisi", fix: rule.hint ?? `isi kolom ${require.site_field} di site.json` }
      : undefined;
  }
  const type = schemas().typeByName.get(require.content);
  const label = type?.labelSingular ?? require.content;
  const folder = `sites/${site.slug}/content/${require.content}/`;
  const min = require.min ?? 1;
  const matching = content.filter(
    (c) =>
      c.type === require.content &&
      (!require.file || c.file === require.file) &&
      Object.entries(require.where ?? {}).every(([field, wanted]) => [wanted].flat().includes(String(c.data[field]))),
  );
  const finished = matching.filter((c) => !c.fillIn);
  const where = require.file ? `${folder}${require.file}.md` : folder;
  if (finished.length < min) {
    const unfinished = matching.find((c) => c.fillIn);
    if (unfinished)
      return {
        reason: "masih berisi bagian [[Isi: ...]] yang belum ditulis",
        fix: rule.hint ?? `lengkapi ${unfinished.path}: ganti setiap [[Isi: ...]] dengan isinya`,
      };
    const counted = min > 1 ? `${min} ${label.toLowerCase()}, baru ${finished.length}` : "belum ada";
    return { reason: counted, fix: rule.hint ?? `tambahkan ${label} di ${where}${whereText(require.where)}` };
  }
  if (require.within_days && type?.dateField) {
    const cutoff = now.getTime() - require.within_days * 86_400_000;
    const recent = finished.filter((c) => {
      const date = c.data[type.dateField!];
      return typeof date === "string" && parseLocal(date, timeZone).getTime() >= cutoff;
    });
    if (recent.length < min)
      return {
        reason: `yang terbaru lebih dari ${require.within_days} hari yang lalu`,
        fix: rule.hint ?? `terbitkan ${label} yang baru di ${folder}`,
      };
  }
  return undefined;
}

/** `where` as editors read it: ` (kind: renstra, classification: berkala)`. */
function whereText(where: Record<string, string | string[]> | undefined): string {
  if (!where) return "";
  return ` (${Object.entries(where)
    .map(([f, v]) => `${f}: ${[v].flat().join(" atau ")}`)
    .join(", ")})`;
}

import { oneLine } from "../core/reader-text.ts";
import type { PortalConfig, SiteRecord, SiteType } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { localDate, parseLocal } from "../core/wita.ts";
import { readRegistry } from "../content/registry.ts";
import { readUnitHistory, type UnitHistory } from "../content/unit-history.ts";
import { schemas } from "../schema/schemas.ts";
import {
  type ActivityState,
  type ActivityThresholds,
  activityState,
  daysSince,
  thresholdsOf,
} from "../content/activity-state.ts";
import { type Completeness, completenessOf } from "./completeness.ts";
import { loadCompletenessRules } from "./completeness-rules.ts";
import type { BuiltFigures } from "./built-figures.ts";
import type { PageWeight } from "./page-weight.ts";
import { type ContentEntry, publishedContent, readUnitContent, unitContentFrom } from "./unit-content.ts";
import type { ContentFact } from "../published/hub-facts.ts";
import type { ParsedContent } from "../content/validate-site.ts";

/** One unit in `npm run report`: how alive its site is, and what it still owes its citizens. */
export interface UnitReport {
  slug: string;
  name: string;
  short_name: string;
  type: SiteType;
  status: SiteRecord["status"];
  state: ActivityState;
  /** The newest commit that changed the unit's folder (ISO instant); null outside Git. Never after now. */
  last_change: string | null;
  /** The latest date a commit to the unit's folder claims that is after now (a wrong clock or a forged date), or null. */
  future_change: string | null;
  /** The newest dated item (ISO instant), and whole days since; null when it has none. */
  last_item: string | null;
  days_since_item: number | null;
  /** Dated items (news, announcements, agenda, surveys...) per month, the last 12 months, oldest first. */
  items_per_month: { month: string; count: number }[];
  items_12_months: number;
  /** Against content-schema/completeness.json; null for a unit without a site, or of a type no rule names. */
  completeness: Completeness | null;
  /** Berkala documents last reviewed (or dated) more than 6 months ago. */
  overdue: { path: string; title: string; reviewed: string; days: number }[];
  /** From the built site in dist/: null when it is not built. */
  broken_links: number | null;
  heaviest_page: (PageWeight & { url: string }) | null;
}

export interface RegencyReport {
  /** The instant the report describes. */
  now: string;
  time_zone: string;
  thresholds: ActivityThresholds;
  /** Where last changes come from: Git history, cut short (`shallow`) or absent. */
  history: "git" | "shallow" | "none";
  /** Whether broken links and page weights were read from a build (dist/). */
  built: boolean;
  summary: {
    units: number;
    states: Record<ActivityState, number>;
    /** Mean completeness of the units rules apply to, rounded down. */
    completeness: number | null;
    /** Units that are quiet or dormant, or miss a required item. */
    need_attention: number;
    items_per_month: { month: string; count: number }[];
  };
  units: UnitReport[];
  /** The regency's hub is no unit: no state or score of its own, but its links and weight count. */
  hub: Pick<UnitReport, "slug" | "name" | "last_change" | "broken_links" | "heaviest_page">;
}

/** The 12 calendar months (YYYY-MM, in the zone) that end with `now`'s month, oldest first. */
export function lastTwelveMonths(now: Date, timeZone: string): string[] {
  const [year, month] = localDate(now, timeZone).split("-").map(Number) as [number, number];
  return Array.from({ length: 12 }, (_, n) => {
    const m = year * 12 + (month - 1) - (11 - n);
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, "0")}`;
  });
}

/** A content date as an instant; undefined for a value validation would refuse (not our report's to fail on). */
function instantOf(value: unknown, timeZone: string): Date | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const date = parseLocal(value, timeZone);
    return Number.isNaN(date.getTime()) ? undefined : date;
  } catch {
    return undefined;
  }
}

/** The same calendar day `months` earlier (the last day of that month when it is shorter). */
function monthsBefore(date: string, months: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) - months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  // Day 0 of the next month: the month's last day (content years are 1900–2100).
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** A berkala document is due for review 6 months after it was last reviewed (content-model.md). */
export const reviewMonths = 6;

export async function regencyReport(
  ws: Workspace,
  portal: PortalConfig,
  options: {
    now?: Date;
    /** Links and page weights of a build in dist/ (built-figures.ts); without it, not checked. */
    built?: BuiltFigures;
    /** The registry when the caller has read it already (a build has, from validation). */
    registry?: SiteRecord[];
    /** Each unit's content as validation parsed it in this build; other units are read here. */
    parsed?: ReadonlyMap<string, readonly ParsedContent[]>;
    /**
     * Other units' content as their last builds kept it for the hub (published/hub-facts.ts): a
     * build of the hub without them reads these instead of their Markdown.
     */
    published?: ReadonlyMap<string, readonly ContentFact[]>;
    /** Git's history of the units when the caller started reading it (a build does, before validating). */
    history?: Promise<UnitHistory>;
    /**
     * Only these units (a build's first pass: the units it renders need their own state, the hub
     * needs every unit's, later). The summary then counts only them.
     */
    units?: ReadonlySet<string>;
  } = {},
): Promise<RegencyReport> {
  const now = options.now ?? new Date();
  const zone = portal.time_zone;
  const thresholds = thresholdsOf(portal);
  const rules = loadCompletenessRules();
  const activityTypes = schemas().types.filter((t) => t.activity && t.dateField);
  const months = lastTwelveMonths(now, zone);
  const history = await (options.history ?? readUnitHistory(ws.root, now));
  const added = history.added;
  const built = options.built;
  const today = localDate(now, zone);
  const reviewCutoff = monthsBefore(today, reviewMonths);

  const figures = (slug: string) => ({
    broken_links: built ? built.brokenLinks(slug) : null,
    heaviest_page: built?.heaviestPage(slug) ?? null,
  });
  const lastChange = (slug: string) => {
    const changed = history.times.get(slug);
    return changed !== undefined ? new Date(changed * 1000).toISOString() : null;
  };
  const futureChange = (slug: string) => {
    const claimed = history.future.get(slug);
    return claimed !== undefined ? new Date(claimed * 1000).toISOString() : null;
  };

  const registry = options.registry ?? (await readRegistry(ws));
  const units: UnitReport[] = [];
  const included = (slug: string) => slug !== portal.hub && (options.units?.has(slug) ?? true);
  for (const site of registry.filter((s) => included(s.slug))) {
    const hasSite = site.status === "active";
    const parsed = options.parsed?.get(site.slug);
    const published = options.published?.get(site.slug);
    const content: ContentEntry[] = !hasSite
      ? []
      : parsed
        ? unitContentFrom(parsed, portal, site.slug, now)
        : published
          ? publishedContent(published, portal, site.slug, now)
          : readUnitContent(ws, portal, site.slug, now);
    const perMonth = new Map(months.map((m) => [m, 0]));
    let lastItem: Date | undefined;
    for (const type of activityTypes) {
      for (const entry of content.filter((c) => c.type === type.name)) {
        const date = instantOf(entry.data[type.dateField!], zone);
        if (!date) continue;
        const month = localDate(date, zone).slice(0, 7);
        if (perMonth.has(month)) perMonth.set(month, perMonth.get(month)! + 1);
        if (date <= now && (!lastItem || date > lastItem)) lastItem = date;
      }
    }
    const addedAt = added.get(site.slug);
    // A unit with nothing dated yet is judged from the day it was added (now, if not committed yet).
    const since = lastItem ?? (addedAt !== undefined ? new Date(addedAt * 1000) : now);
    units.push({
      slug: site.slug,
      // One line each: the report is printed into CI logs and issue bodies (a line starting "::"
      // is a command to the runner), whatever a hand-edited site.json holds.
      name: oneLine(site.name),
      short_name: oneLine(site.short_name),
      type: site.type,
      status: site.status,
      state: activityState({ hasSite, since, now, thresholds }),
      last_change: lastChange(site.slug),
      future_change: futureChange(site.slug),
      last_item: lastItem ? lastItem.toISOString() : null,
      days_since_item: lastItem ? daysSince(lastItem, now) : null,
      items_per_month: [...perMonth].map(([month, count]) => ({ month, count })),
      items_12_months: [...perMonth.values()].reduce((sum, n) => sum + n, 0),
      // A unit without a site yet owes an onboarding, not a list of pages.
      completeness: hasSite ? (completenessOf(site, content, rules, now, zone) ?? null) : null,
      overdue: overdueDocuments(content, reviewCutoff, now, zone),
      ...(hasSite ? figures(site.slug) : { broken_links: null, heaviest_page: null }),
    });
  }

  const states: Record<ActivityState, number> = { active: 0, quiet: 0, dormant: 0, none: 0 };
  for (const u of units) states[u.state]++;
  const scored = units.filter((u) => u.completeness);
  return {
    now: now.toISOString(),
    time_zone: zone,
    thresholds,
    history: !history.git ? "none" : history.shallow ? "shallow" : "git",
    built: built !== undefined,
    summary: {
      units: units.length,
      states,
      completeness: scored.length
        ? Math.floor(scored.reduce((sum, u) => sum + u.completeness!.score, 0) / scored.length)
        : null,
      need_attention: units.filter(needsAttention).length,
      items_per_month: months.map((month) => ({
        month,
        count: units.reduce((sum, u) => sum + (u.items_per_month.find((m) => m.month === month)?.count ?? 0), 0),
      })),
    },
    units,
    hub: {
      slug: portal.hub,
      name: registry.find((s) => s.slug === portal.hub)?.name ?? portal.name,
      last_change: lastChange(portal.hub),
      ...figures(portal.hub),
    },
  };
}

/** A unit the desk should nudge: gone quiet or dormant, or missing something the law requires. */
export const needsAttention = (u: UnitReport) =>
  u.state === "quiet" || u.state === "dormant" || (u.completeness?.missing.length ?? 0) > 0;

function overdueDocuments(
  content: readonly ContentEntry[],
  cutoff: string,
  now: Date,
  zone: string,
): UnitReport["overdue"] {
  const overdue: UnitReport["overdue"] = [];
  for (const c of content) {
    if (c.type !== "dokumen" || c.data.classification !== "berkala") continue;
    const reviewed = typeof c.data.reviewed_at === "string" ? c.data.reviewed_at : c.data.date;
    const at = instantOf(reviewed, zone);
    if (!at || localDate(at, zone) >= cutoff) continue;
    overdue.push({
      path: c.path,
      title: oneLine(String(c.data.title)),
      reviewed: localDate(at, zone),
      days: daysSince(at, now),
    });
  }
  return overdue.sort((a, b) => b.days - a.days);
}

/**
 * For the pages of dormant units: when each was last updated (its last change in Git, else, or
 * when the history is shallow, its last dated item), so citizens can tell how current what they read is. Active and quiet units
 * show nothing: the date would only be noise on a living site.
 */
export function dormantSince(report: RegencyReport | undefined): Record<string, string> {
  const since: Record<string, string> = {};
  for (const u of report?.units ?? []) {
    // A shallow clone dates every unit at its one commit: then only the item's own date is true.
    const at = (report?.history === "git" ? u.last_change : null) ?? u.last_item;
    if (u.state === "dormant" && at) since[u.slug] = at;
  }
  return since;
}

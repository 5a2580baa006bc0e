import { portalDefaults } from "../core/portal-defaults.ts";
import type { PortalConfig } from "../core/records.ts";

/**
 * How alive a unit's site is, the one definition the hub's directory, `npm run report`, the
 * status dashboard and the monthly reminders share. A unit is judged by its last dated item
 * (`x-activity` types: news, announcements, agenda, surveys...), or, while it has none, by the day
 * its site was added: a unit onboarded last week is not yet "quiet".
 */
export type ActivityState = "active" | "quiet" | "dormant" | "none";

export interface ActivityThresholds {
  quiet_after_days: number;
  dormant_after_days: number;
}

export function thresholdsOf(portal: Pick<PortalConfig, "activity">): ActivityThresholds {
  return { ...portalDefaults.activity, ...portal.activity };
}

const day = 86_400_000;

/** Whole days from `since` to `now`; never negative (an agenda item may lie ahead). */
export function daysSince(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / day));
}

export function activityState(args: {
  /** False for a unit without a live site (status "planned"). */
  hasSite: boolean;
  /** The last dated item, or else when the site was added; undefined when neither is known. */
  since: Date | undefined;
  now: Date;
  thresholds: ActivityThresholds;
}): ActivityState {
  if (!args.hasSite) return "none";
  if (!args.since) return "dormant";
  const days = daysSince(args.since, args.now);
  if (days <= args.thresholds.quiet_after_days) return "active";
  return days <= args.thresholds.dormant_after_days ? "quiet" : "dormant";
}

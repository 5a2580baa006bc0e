import { InternalError } from "./internal-error.ts";

/**
 * Dates and times in the regency's zone. Content stores local wall-clock values ("2025-08-17",
 * "2025-08-17 09:00") that mean WITA whatever zone the build machine runs in (CI runs in UTC).
 * The zone is fixed in portal.json; WITA has no daylight saving, so an offset is exact.
 */
const offsets: Record<string, { hours: number; abbr: string }> = {
  "Asia/Jakarta": { hours: 7, abbr: "WIB" },
  "Asia/Makassar": { hours: 8, abbr: "WITA" },
  "Asia/Jayapura": { hours: 9, abbr: "WIT" },
};

const dateTimePattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?$/;

export function isWitaDateTime(value: string): boolean {
  const m = dateTimePattern.exec(value);
  if (!m || m[4] === undefined) return false;
  return isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) && Number(m[4]) < 24 && Number(m[5]) < 60;
}

function isRealDate(y: number, mo: number, d: number): boolean {
  const date = utc(y, mo - 1, d);
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written, at five times
 * the cost (a 40 × 100 region's report parses every item's date: 20 ms of the hub's build).
 */
function utc(year: number, month: number, day: number, hours = 0, minutes = 0): Date {
  if (year >= 100) return new Date(Date.UTC(year, month, day, hours, minutes));
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  date.setUTCHours(hours, minutes, 0, 0);
  return date;
}

/** The zone's offset from UTC in hours (fixed: Indonesia has no daylight saving). */
export function zoneOffsetHours(timeZone: string): number {
  return offsets[timeZone]?.hours ?? 0;
}

/**
 * An instant as the zone's wall clock, expressed in UTC fields: format it with `timeZone: "UTC"`.
 * Intl's own zone data gives Asia/Makassar its local mean time before 1932 (+7:57:36), so a
 * 1900 date would show as the day before; the portal means the zone's fixed offset throughout.
 */
export function wallClock(instant: Date, timeZone: string): Date {
  return new Date(instant.getTime() + zoneOffsetHours(timeZone) * 3_600_000);
}

/** The calendar date (YYYY-MM-DD) of an instant in the zone. */
export function localDate(instant: Date, timeZone: string): string {
  return wallClock(instant, timeZone).toISOString().slice(0, 10);
}

/**
 * Monday 00:00 of the week before `now`'s, in the zone: the start of a window of 7 to 14 days that
 * moves once a week (the hub's search keeps its units' items dated from then in its own index:
 * hub-search-records.ts).
 */
export function startOfPreviousWeek(now: Date, timeZone: string): Date {
  const local = wallClock(now, timeZone);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const monday = utc(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday - 7);
  return new Date(monday.getTime() - zoneOffsetHours(timeZone) * 3_600_000);
}

export function zoneAbbr(timeZone: string): string {
  return offsets[timeZone]?.abbr ?? timeZone;
}

/** "2025-08-17" or "2025-08-17 09:00" as local time in `timeZone` → the instant. */
export function parseLocal(value: string | Date, timeZone: string): Date {
  if (value instanceof Date) return value;
  // An instant with its zone (as in manifest.json) needs no interpretation.
  if (/T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return new Date(value);
  const m = dateTimePattern.exec(value);
  if (!m) throw new InternalError(`"${value}" is not a local date; validation should have caught it`);
  return utc(
    Number(m[1]),
    Number(m[2]) - 1,
    Number(m[3]),
    Number(m[4] ?? 0) - zoneOffsetHours(timeZone),
    Number(m[5] ?? 0),
  );
}

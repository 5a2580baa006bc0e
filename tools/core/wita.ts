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
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
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
  if (!m) throw new Error(`Internal error: "${value}" is not a local date; validation should have caught it`);
  const offset = offsets[timeZone]?.hours ?? 0;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0) - offset, Number(m[5] ?? 0)));
}

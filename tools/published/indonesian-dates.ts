import { localDate, parseLocal, wallClock, zoneAbbr } from "../core/wita.ts";

/**
 * Indonesian dates in the regency's zone: "Minggu, 17 Agustus 2025", "17 Agustus 2025",
 * "pukul 14.30 WITA". Intl formats in the zone from portal.json, never the machine's zone.
 */
export function dateFilters(timeZone: string) {
  // Formatted in UTC from the zone's wall clock (wita.ts): the zone's fixed offset, for any year.
  const long = new Intl.DateTimeFormat("id-ID", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });
  const medium = new Intl.DateTimeFormat("id-ID", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat("id-ID", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "UTC" });
  const abbr = zoneAbbr(timeZone);
  const at = (value: string | Date) => wallClock(parseLocal(value, timeZone), timeZone);

  return {
    /** "Minggu, 17 Agustus 2025" */
    tanggalLengkap: remembered((value) => long.format(at(value))),
    /** "17 Agustus 2025" */
    tanggal: remembered((value) => medium.format(at(value))),
    /** "pukul 14.30 WITA" (Intl writes "14.30" for id-ID) */
    pukul: (value: string | Date) => `pukul ${time.format(at(value)).replace(":", ".")} ${abbr}`,
    /** "2025-08-17T09:00:00+08:00" for <time datetime> and feeds. */
    isoWaktu: (value: string | Date) => parseLocal(value, timeZone).toISOString(),
    /** Calendar date in the zone, for comparisons with today's date. */
    tanggalIso: (value: string | Date) => localDate(parseLocal(value, timeZone), timeZone),
  };
}

/**
 * A date's text, formatted once per distinct date: a site's pages show the same few dates again
 * and again (every list, card and feed), and Intl's formatting was 146 ms of a 500-unit build.
 */
function remembered(format: (value: string | Date) => string): (value: string | Date) => string {
  const known = new Map<string, string>();
  return (value) => {
    // Anything else (a template passing a number, or nothing) goes the way it always went.
    const key = typeof value === "string" ? value : value instanceof Date ? `\0${value.getTime()}` : undefined;
    if (key === undefined) return format(value);
    let text = known.get(key);
    if (text === undefined) known.set(key, (text = format(value)));
    return text;
  };
}

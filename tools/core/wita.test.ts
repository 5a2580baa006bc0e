import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWitaDateTime, localDate, parseLocal, startOfPreviousWeek } from "./wita.ts";

describe("dates in the regency's zone", () => {
  it("reads a local date as the zone's midnight, across a year's end", () => {
    assert.equal(parseLocal("2025-01-01", "Asia/Makassar").toISOString(), "2024-12-31T16:00:00.000Z");
    assert.equal(parseLocal("2025-08-17 09:00", "Asia/Jakarta").toISOString(), "2025-08-17T02:00:00.000Z");
    assert.equal(localDate(parseLocal("2025-01-01", "Asia/Jayapura"), "Asia/Jayapura"), "2025-01-01");
  });

  it("takes a year as written, below 100 too (Date.UTC would read 0050 as 1950)", () => {
    assert.equal(parseLocal("0050-06-01", "Asia/Makassar").getUTCFullYear(), 50);
    assert.equal(parseLocal("0099-12-31 23:59", "Asia/Makassar").toISOString(), "0099-12-31T15:59:00.000Z");
    assert.equal(parseLocal("0100-01-01", "Asia/Makassar").toISOString(), "0099-12-31T16:00:00.000Z");
    assert.equal(parseLocal("9999-12-31", "Asia/Makassar").toISOString(), "9999-12-30T16:00:00.000Z");
  });

  it("knows the days a month has, leap years included", () => {
    assert.equal(isWitaDateTime("2024-02-29 10:00"), true);
    assert.equal(isWitaDateTime("2025-02-29 10:00"), false);
    assert.equal(isWitaDateTime("2025-04-31 10:00"), false);
    assert.equal(isWitaDateTime("0004-02-29 10:00"), true);
    assert.equal(isWitaDateTime("0100-02-29 10:00"), false);
    assert.equal(isWitaDateTime("2025-08-17 24:00"), false);
  });

  it("starts the previous week on its Monday at midnight in the zone, not in UTC", () => {
    const from = (wallTime: string) => startOfPreviousWeek(parseLocal(wallTime, "Asia/Makassar"), "Asia/Makassar");
    // Monday 7 December 2026, 07:00 WITA (Sunday 23:00 UTC): the week before began on 30 November.
    assert.equal(from("2026-12-07 07:00").toISOString(), parseLocal("2026-11-30", "Asia/Makassar").toISOString());
    assert.equal(from("2026-12-07 00:00").toISOString(), "2026-11-29T16:00:00.000Z");
    // Sunday 23:59 is still in the week of 30 November: the window reaches back to the 23rd.
    assert.equal(from("2026-12-06 23:59").toISOString(), parseLocal("2026-11-23", "Asia/Makassar").toISOString());
    // Across a year's end.
    assert.equal(from("2027-01-01 12:00").toISOString(), parseLocal("2026-12-21", "Asia/Makassar").toISOString());
    assert.equal(
      startOfPreviousWeek(parseLocal("2026-12-07 07:00", "Asia/Jayapura"), "Asia/Jayapura").toISOString(),
      "2026-11-29T15:00:00.000Z",
    );
  });
});

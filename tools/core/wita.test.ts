import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { isWitaDateTime, localDate, parseLocal } from "./wita.ts";

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
});

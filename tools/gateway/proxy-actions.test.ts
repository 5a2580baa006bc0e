import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { commitSubject } from "./actions/content-check.ts";

describe("the commit subject an editor's request may give", () => {
  it("keeps one line, turns control characters into spaces, and never reads as a trailer", () => {
    assert.equal(commitSubject("Ubah jadwal\n\nPortal-Unit: dinkes", "x"), "Ubah jadwal");
    assert.equal(commitSubject("Portal-Unit: dinkes", "x"), "CMS Portal-Unit: dinkes");
    assert.equal(commitSubject("Ubah\u0007jadwal\u001b[31m", "x"), "Ubah jadwal [31m");
    assert.equal(commitSubject(`${"a".repeat(300)}`, "x").length, 200);
  });
  it("falls back when the subject shows nothing, zero-width characters included", () => {
    assert.equal(commitSubject("\u200b\u2060\u00ad  ", "Ubah berita (dinkes)"), "Ubah berita (dinkes)");
    assert.equal(commitSubject("", "Ubah berita (dinkes)"), "Ubah berita (dinkes)");
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readAddress } from "./address.ts";

describe("where a link takes a reader", () => {
  it("reads an address as a browser does, from an https and from an http page", () => {
    for (const href of [
      "http:evil.example",
      "http:/evil.example",
      "HTTP:\\\\evil.example",
      "//evil.example",
      "https://EVIL.example./x",
    ])
      assert.deepEqual(readAddress(href), { kind: "host", host: "evil.example" }, href);
    for (const href of ["/layanan/", "?q=1", "#isi", "berita/x/", ""])
      assert.deepEqual(readAddress(href), { kind: "page" }, href);
    assert.deepEqual(readAddress("mailto:dinkes@paserkab.go.id"), { kind: "scheme", scheme: "mailto" });
    assert.deepEqual(readAddress("https://exa mple.com/"), { kind: "invalid" });
  });

  it("gives the same answer again, which no caller can change, and stays right past what it keeps", () => {
    const first = readAddress("https://lapor.go.id/");
    assert.equal(readAddress("https://lapor.go.id/"), first);
    assert.ok(Object.isFrozen(first));
    assert.throws(() => {
      (first as { host: string }).host = "evil.example";
    }, TypeError);
    for (let i = 0; i < 10_050; i++) assert.equal(readAddress(`/halaman-${i}/`).kind, "page");
    assert.deepEqual(readAddress("https://lapor.go.id/"), { kind: "host", host: "lapor.go.id" });
    assert.deepEqual(readAddress("http:evil.example"), { kind: "host", host: "evil.example" });
    // A long address is read each time, and read right.
    const long = `https://evil.example/${"a".repeat(100_000)}`;
    assert.deepEqual(readAddress(long), { kind: "host", host: "evil.example" });
    assert.notEqual(readAddress(long), readAddress(long));
  });
});

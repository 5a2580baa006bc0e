import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { isPagefindIndexFile, unpacked } from "./stage.ts";

describe("what deploy compresses beside a file", () => {
  it("takes Pagefind's index files of a site's pagefind/ (and the hub's units/), by path or address", () => {
    for (const path of [
      "pagefind/index/id_1a2b3c4.pf_index",
      "pagefind/units/0/pagefind.id_3f9e1d2c4b.pf_meta",
      "/pagefind/wasm.id.pagefind",
      "pagefind/units/2/fragment/id_9f8e7d6.pf_fragment",
      "pagefind/filter/id_0a1b2c3.pf_filter",
    ])
      assert.equal(isPagefindIndexFile(path), true, path);
    // Not Pagefind's index: its script (a text file), an archive's copy, a unit's upload, a name alike.
    for (const path of [
      "pagefind/pagefind.js",
      "arsip/dlh/pagefind/index/id_1.pf_index",
      "media/pagefind/wasm.id.pagefind",
      "pagefind/wasm..pagefind",
      "pagefind/index/id_1.pf_index.br",
      "media/laporan.pdf",
    ])
      assert.equal(isPagefindIndexFile(path), false, path);
  });

  it("unpacks a Pagefind file, and takes bytes that are not gzip, or a broken gzip, as they are", async () => {
    const raw = Buffer.concat([Buffer.from("pagefind_dcd"), Buffer.alloc(2000, 7)]);
    assert.ok((await unpacked(gzipSync(raw))).equals(raw));
    const notGzip = Buffer.from("<script>alert(1)</script>");
    assert.ok((await unpacked(notGzip)).equals(notGzip));
    const broken = gzipSync(raw).subarray(0, 40);
    assert.ok((await unpacked(broken)).equals(broken));
  });
});

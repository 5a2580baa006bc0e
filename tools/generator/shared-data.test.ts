import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { describe, it } from "node:test";
import { sharedData } from "./shared-data.ts";

// The merge Eleventy builds every page's data with, from the copy Eleventy itself loads.
const fromEleventy = createRequire(import.meta.resolve("@11ty/eleventy"));
const { Merge } = fromEleventy("@11ty/eleventy-utils") as {
  Merge: (target: object, ...sources: object[]) => Record<string, unknown>;
};

describe("sharedData", () => {
  const words = () => ({ nav: { home: "Beranda", search: "Cari" }, dates: { months: ["Januari", "Februari"] } });

  it("is shared by every page's data, where a plain object is copied into each", () => {
    const shared = sharedData(words());
    const plain = words();
    // As Template.#getData merges: global data, the layout's, the folder's, the page's front matter.
    const page = (n: number) => Merge({}, { ui: shared, copied: plain }, {}, {}, { title: `Berita ${n}` });
    const [first, second] = [page(1), page(2)];
    assert.equal(first.ui, shared);
    assert.equal(second.ui, shared);
    assert.notEqual(first.copied, plain);
    assert.deepEqual(first.copied, plain);
    assert.equal(second.title, "Berita 2");
  });

  it("is a deep copy, frozen all the way down: the caller's object stays its own", () => {
    const original = words();
    const shared = sharedData(original);
    assert.deepEqual(shared, original);
    assert.ok(Object.isFrozen(shared) && Object.isFrozen(shared.nav) && Object.isFrozen(shared.dates.months));
    // A template or filter that tried to change what every page shares would throw (modules are strict).
    assert.throws(() => {
      (shared.nav as { home: string }).home = "Rumah";
    }, TypeError);
    original.nav.home = "Rumah";
    assert.equal(shared.nav.home, "Beranda");
    assert.ok(!Object.isFrozen(original.nav));
  });

  it("keeps what is not an object as it is", () => {
    assert.equal(sharedData("WITA"), "WITA");
    assert.equal(sharedData(null), null);
    assert.deepEqual(sharedData([1, 2]), [1, 2]);
  });
});

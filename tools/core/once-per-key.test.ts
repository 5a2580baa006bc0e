import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { oncePerKey } from "./once-per-key.ts";

describe("oncePerKey", () => {
  it("makes each key once, and a key whose work failed again", async () => {
    const once = oncePerKey<string>();
    let calls = 0;
    const make = (value: string) => async () => {
      calls++;
      return value;
    };
    assert.equal(await once("a", make("first")), "first");
    assert.equal(await once("a", make("second")), "first");
    assert.equal(await once("b", make("other")), "other");
    assert.equal(calls, 2);
    await assert.rejects(
      once("c", () => Promise.reject(new Error("no"))),
      /no/,
    );
    assert.equal(await once("c", make("retried")), "retried");
    assert.equal(calls, 3);
  });
});

import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { allSettledOrThrow, eachInParallel } from "./in-parallel.ts";

describe("work run side by side", () => {
  it("throws the first failure only once every piece has settled", async () => {
    let slowDone = false;
    const slow = new Promise<void>((resolve) =>
      setTimeout(() => {
        slowDone = true;
        resolve();
      }, 30),
    );
    await assert.rejects(allSettledOrThrow([Promise.reject(new Error("disk full")), slow]), /disk full/);
    assert.equal(slowDone, true, "a failure was thrown while other work still ran");
    await allSettledOrThrow([slow, Promise.resolve(1)]);
  });

  it("runs at most `limit` at a time, every item, and throws the first failure at the end", async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await assert.rejects(
      eachInParallel([1, 2, 3, 4, 5], 2, async (n) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 5));
        seen.push(n);
        running--;
        if (n === 2) throw new Error("two");
      }),
      /two/,
    );
    assert.equal(most, 2);
    assert.deepEqual(
      seen.sort((a, b) => a - b),
      [1, 2, 3, 4, 5],
    );
  });
});

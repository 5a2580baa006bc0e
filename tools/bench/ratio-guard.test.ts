import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { judgeRatios, limitOf, type RatioGuard, readRatioGuard } from "./ratio-guard.ts";

const guard: RatioGuard = {
  measured: "test",
  ratios: {
    theme: { target: 1.2, recorded: 2.0, noise: 0.1, what: "portal ÷ same theme" },
    floor: { target: 2.5, recorded: 2.0, noise: 0.2, what: "portal ÷ floor" },
  },
};

describe("the quick bench's guard", () => {
  it("holds a ratio to the worse of its target and its recorded value, plus the noise", () => {
    assert.equal(limitOf(guard.ratios.theme!), 2.1);
    assert.equal(limitOf(guard.ratios.floor!), 2.7);
  });

  it("fails a ratio over its limit and one not measured, and passes the others", () => {
    assert.deepEqual(judgeRatios(guard, { theme: 2.05, floor: 2.6 }).failed, []);
    const judged = judgeRatios(guard, { theme: 2.2 });
    assert.deepEqual(judged.failed, ["theme", "floor"]);
    assert.match(judged.lines[0]!, /✘ theme .*2\.20× — limit 2\.10×/);
    assert.match(judged.lines[1]!, /✘ floor: not measured/);
  });

  it("refuses a guard file whose figures are not numbers", async () => {
    const dir = await mkdtemp(join(tmpdir(), "guard-"));
    try {
      const file = join(dir, "guard.json");
      await writeFile(
        file,
        JSON.stringify({ measured: "x", ratios: { theme: { target: "1.2", recorded: 2, noise: 0.1 } } }),
      );
      assert.throws(() => readRatioGuard(file), /ratios\.theme\.target must be a number/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

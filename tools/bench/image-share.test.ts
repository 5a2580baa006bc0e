import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { imageShare } from "./image-share.ts";

describe("the image share of a CPU profile", () => {
  it("counts a sample as image work when any frame of its stack is image code, and leaves idle time out", () => {
    const frame = (id: number, url: string, functionName = "f", children: number[] = []) => ({
      id,
      callFrame: { functionName, url },
      children,
    });
    const profile = {
      nodes: [
        frame(1, "", "(root)", [2, 5, 6]),
        frame(2, "file:///repo/tools/generator/image-transform.ts", "transform", [3]),
        frame(3, "node:internal/url", "URL"),
        frame(5, "file:///repo/node_modules/@11ty/eleventy/src/Template.js", "render"),
        frame(6, "", "(idle)"),
      ],
      samples: [3, 3, 5, 6, 2],
      timeDeltas: [1000, 1000, 2000, 9000, 1000],
    };
    // 3 ms under the transform (a URL parse it called counts), 2 ms rendering, 9 ms idle.
    assert.deepEqual(imageShare(profile), { busyMs: 5, imageMs: 3 });
  });
});

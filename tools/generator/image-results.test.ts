import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { filesNamed, rememberedImage, saveImageResults } from "./image-results.ts";

/** eleventy-img's answers kept between builds: reused for the same bytes only, and only whole. */
describe("recorded image answers", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "image-results-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** A cache folder with the given encoded files, and a source photo. */
  const setup = async (name: string, files: string[]) => {
    const cacheDir = join(dir, name, ".cache");
    await mkdir(join(cacheDir, "img"), { recursive: true });
    for (const f of files) await writeFile(join(cacheDir, "img", f), "encoded");
    const photo = join(dir, name, "foto.jpg");
    await writeFile(photo, "bytes of a photo");
    return { cacheDir, photo };
  };
  /** Stands for eleventy-img: answers `value`, counting its calls. */
  const eleventyImg = (value: string) => {
    const make = Object.assign(
      async () => {
        make.calls++;
        return value;
      },
      { calls: 0 },
    );
    return make;
  };
  const answer =
    '<picture><source srcset="/img/abc-360.webp 360w, /img/abc-720.webp 720w"><img src="/img/abc-360.jpeg"></picture>';

  it("names the cache files an answer uses", () => {
    assert.deepEqual(filesNamed(answer), ["abc-360.webp", "abc-720.webp", "abc-360.jpeg"]);
  });

  it("answers again without eleventy-img for the same bytes, request and options, and after a restart", async () => {
    const { cacheDir, photo } = await setup("same", ["abc-360.webp", "abc-720.webp", "abc-360.jpeg"]);
    const make = eleventyImg(answer);
    assert.equal(await rememberedImage(cacheDir, photo, "<img src=a>", { w: 1 }, make), answer);
    assert.equal(await rememberedImage(cacheDir, photo, "<img src=a>", { w: 1 }, make), answer);
    assert.equal(make.calls, 1);
    // Another request or other options are other answers.
    await rememberedImage(cacheDir, photo, "<img src=a alt=b>", { w: 1 }, make);
    await rememberedImage(cacheDir, photo, "<img src=a>", { w: 2 }, make);
    assert.equal(make.calls, 3);
    await saveImageResults();
    // A new process reads them from the cache folder.
    const script = `import { rememberedImage } from ${JSON.stringify(join(toolsRepoRoot, "tools/generator/image-results.ts"))};
      const v = await rememberedImage(${JSON.stringify(cacheDir)}, ${JSON.stringify(photo)}, "<img src=a>", { w: 1 }, async () => "made again");
      console.log(v);`;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      cwd: toolsRepoRoot,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout.trim(), answer);
  });

  it("asks eleventy-img again when the photo's bytes change, or a file the answer names is gone", async () => {
    const { cacheDir, photo } = await setup("changed", ["abc-360.webp", "abc-720.webp", "abc-360.jpeg"]);
    const make = eleventyImg(answer);
    await rememberedImage(cacheDir, photo, "<img>", {}, make);
    await writeFile(photo, "bytes of another photo");
    await rememberedImage(cacheDir, photo, "<img>", {}, make);
    assert.equal(make.calls, 2);
    await saveImageResults();
    await rm(join(cacheDir, "img", "abc-720.webp"));
    await rememberedImage(cacheDir, photo, "<img>", {}, make);
    assert.equal(make.calls, 3);
  });

  it("keeps no answer that names a file eleventy-img did not write", async () => {
    const { cacheDir, photo } = await setup("unwritten", ["abc-360.webp"]);
    const make = eleventyImg(answer);
    await rememberedImage(cacheDir, photo, "<img>", {}, make);
    await rememberedImage(cacheDir, photo, "<img>", {}, make);
    assert.equal(make.calls, 2);
  });

  it("starts afresh from a damaged or foreign file, and writes a sound one", async () => {
    for (const damaged of [
      "{not json",
      '{"version":1,"entries":{"k":{"value":7}}}',
      '{"version":99,"entries":{}}',
      "null",
    ]) {
      const { cacheDir, photo } = await setup(`damaged-${damaged.length}`, [
        "abc-360.webp",
        "abc-720.webp",
        "abc-360.jpeg",
      ]);
      await writeFile(join(cacheDir, "img", "results.json"), damaged);
      assert.equal(await rememberedImage(cacheDir, photo, "<img>", {}, async () => answer), answer);
      await saveImageResults();
      const written = JSON.parse(await readFile(join(cacheDir, "img", "results.json"), "utf8")) as {
        entries: Record<string, { value: string }>;
      };
      assert.deepEqual(
        Object.values(written.entries).map((e) => e.value),
        [answer],
      );
    }
  });

  it("fails as eleventy-img fails, recording nothing, and leaves a missing source to it", async () => {
    const { cacheDir, photo } = await setup("fails", []);
    await assert.rejects(
      rememberedImage(cacheDir, photo, "<img>", {}, async () => {
        throw new Error("corrupt JPEG");
      }),
      /corrupt JPEG/,
    );
    const counted = eleventyImg("x");
    await rememberedImage(cacheDir, join(dir, "none.jpg"), "<img>", {}, counted);
    await rememberedImage(cacheDir, join(dir, "none.jpg"), "<img>", {}, counted);
    assert.equal(counted.calls, 2);
  });
});

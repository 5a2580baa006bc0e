import assert from "node:assert/strict";
import { formatProblem } from "../problems/problem.ts";
import { existsSync } from "node:fs";
import { lstat, mkdir, readdir, readFile, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { describe, it } from "node:test";
import { validateWorkspace } from "../content/validate-workspace.ts";
import { generateUnit, mediaSamples } from "../test/hostile-content.ts";
import { hostileNow, hostileWorkspace } from "../test/hostile-workspace.ts";
import { buildSites } from "./build-sites.ts";

/**
 * The contract of validation, as a property over seeded content: for every unit, `validate`
 * passes ⇔ `build` passes, and a unit that builds has a page for every content file, only
 * encoded images of its own, and no link in its output. Seeds are fixed so CI is repeatable;
 * PORTAL_CONTRACT_SEEDS="a,b,c" explores others (a failing seed is a regression test to add).
 */
const seeds = (process.env.PORTAL_CONTRACT_SEEDS ?? "kontrak-1,kontrak-2,kontrak-3").split(",");
const unitsPerSeed = Number(process.env.PORTAL_CONTRACT_UNITS ?? 16);

describe("validate passes ⇔ build passes, over generated hostile content", () => {
  for (const seed of seeds) {
    it(`holds for every unit of seed "${seed}"`, async () => {
      const ws = await hostileWorkspace();
      try {
        const samples = await mediaSamples(await readFile(join(ws.sitesDir, "dinkes/media/dokumen/jadwal.pdf")));
        const units = Array.from({ length: unitsPerSeed }, (_, i) => generateUnit(`${seed}-${i}`, `uji${i}`, samples));
        for (const unit of units) {
          for (const f of unit.files) {
            const abs = join(ws.root, f.path);
            await mkdir(dirname(abs), { recursive: true });
            if ("symlink" in f) await symlink(f.symlink, abs);
            else await writeFile(abs, f.content);
          }
        }
        const validation = await validateWorkspace(ws, undefined, { now: hostileNow });
        const report = await buildSites(ws, undefined, { now: hostileNow });
        const mismatches: string[] = [];
        let valid = 0;
        for (const unit of units) {
          const validated = validation.sites.find((s) => s.slug === unit.slug)!.problems.length === 0;
          const built = report.results.find((r) => r.slug === unit.slug);
          valid += validated ? 1 : 0;
          if (validated !== Boolean(built?.ok))
            mismatches.push(
              `${unit.slug} (${unit.mutations.join("; ") || "unchanged"}): validate ${validated ? "passes" : "fails"}, build ${built?.ok ? "passes" : `fails: ${built?.problems.map(formatProblem).join(" | ")}`}`,
            );
          if (built?.ok)
            mismatches.push(
              ...(await checkOutput(
                join(ws.distDir, unit.slug),
                unit.files.map((f) => f.path),
              ).then((p) => p.map((m) => `${unit.slug}: ${m}`))),
            );
        }
        assert.deepEqual(mismatches, []);
        // The seeds must exercise both sides of the property.
        assert.ok(valid > 0 && valid < units.length, `${valid} of ${units.length} units valid`);
        assert.ok(
          report.results.filter((r) => ["dinkes", "dlh", "bapenda", "portal"].includes(r.slug)).every((r) => r.ok),
          "the fixture's own units still build",
        );
      } finally {
        await ws.dispose();
      }
    });
  }
});

/** What must hold for a unit that built: its pages, its own encoded images, no link in dist. */
async function checkOutput(siteDir: string, sources: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const source of sources) {
    const m = /content\/([^/]+)\/([^/]+)\.md$/.exec(source);
    if (!m) continue;
    const page = m[1] === "halaman" ? join(siteDir, m[2]!, "index.html") : join(siteDir, m[1]!, m[2]!, "index.html");
    if (!existsSync(page)) {
      problems.push(`no page for ${source}`);
      continue;
    }
    for (const src of (await readFile(page, "utf8")).matchAll(/<(?:img|source)\b[^>]*\s(?:src|srcset)="([^"]+)"/g)) {
      for (const url of src[1]!.split(",").map((s) => s.trim().split(" ")[0]!)) {
        if (!url.startsWith("/img/") || !existsSync(join(siteDir, url)))
          problems.push(`${source}: image ${url} is not one of the site's encoded images`);
      }
    }
  }
  const walk = async (dir: string): Promise<void> => {
    for (const e of await readdir(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if ((await lstat(p)).isSymbolicLink()) problems.push(`${p} is a link`);
      else if (e.isDirectory()) await walk(p);
    }
  };
  await walk(siteDir);
  return problems;
}

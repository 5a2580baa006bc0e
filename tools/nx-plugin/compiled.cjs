// @ts-check
"use strict";
/**
 * Nx loads a plugin or executor written in TypeScript through a transpiler it registers first
 * (@swc-node/register: 445 ms to load in a bare Node here), in its own process and in each process
 * it forks for a task. So Nx is handed plain JavaScript (what that saves is small against this
 * machine's noise: docs/benchmarks.md, "500 sites × 10 posts"): the entry, compiled by esbuild (a dependency already: the CMS's bundle)
 * into `.cache/compiled/`, and compiled again whenever a file it was compiled from has changed
 * (their contents are hashed at each load: a handful of small files). The TypeScript stays the
 * source; nothing compiled is committed. The workflows' build jobs, which hold no secret, keep it in
 * their cache (compiling takes about 0.1 s); a restored file is used only when its name, the hash of
 * what it was compiled from, matches the checkout's sources.
 */
const { createHash } = require("node:crypto");
const { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { join, resolve } = require("node:path");

const root = resolve(__dirname, "../..");
const outDir = join(root, ".cache", "compiled");

/** @param {readonly string[]} files paths relative to the repository */
function hashOf(files) {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} file @param {string | Uint8Array} contents written aside, then renamed: never half a file */
function writeWhole(file, contents) {
  writeFileSync(`${file}.${process.pid}`, contents);
  renameSync(`${file}.${process.pid}`, file);
}

/**
 * The module `entry` (a file of this folder) exports, from its compiled form.
 * @param {string} entry
 */
function compiled(entry) {
  const name = entry.replace(/\.ts$/, "");
  const inputsFile = join(outDir, `${name}.inputs.json`);
  try {
    /** @type {string[]} */
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    const file = join(outDir, `${name}-${hashOf(inputs)}.cjs`);
    if (existsSync(file)) return require(file);
  } catch {
    // Never compiled here, or one of its files is gone: compile it.
  }
  const esbuild = require("esbuild");
  const result = esbuild.buildSync({
    entryPoints: [join(__dirname, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    format: "cjs",
    // Packages are loaded from node_modules as they are; only the repository's own files are bundled.
    packages: "external",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  // A warning here (import.meta, which CommonJS has not) would be a module that breaks compiled.
  if (result.warnings.length)
    throw new Error(
      `tools/nx-plugin/${entry} cannot be compiled for Nx: ${result.warnings.map((w) => `${w.location?.file ?? ""}: ${w.text}`).join("; ")}`,
    );
  const inputs = Object.keys(result.metafile.inputs).sort();
  const file = join(outDir, `${name}-${hashOf(inputs)}.cjs`);
  mkdirSync(outDir, { recursive: true });
  writeWhole(file, result.outputFiles[0].contents);
  writeWhole(inputsFile, JSON.stringify(inputs));
  return require(file);
}

module.exports = { compiled };

// @ts-check
/**
 * The `portal` CLI as Node runs it: compiled to JavaScript by esbuild (a dependency already: the
 * CMS's bundle) into `.cache/compiled/cli-<hash>/`, and compiled again whenever a file it was
 * compiled from has changed. Run through tsx instead, a one-site build took 2.6 s instead of 2.0 s
 * on an idle machine (more under load): tsx resolves and loads each module, Eleventy's included,
 * through a hook thread, in the indexing thread too; and Nx starts one such process per task.
 *
 * The packages it loads are compiled in with it (but `keptAsPackages`): Node otherwise finds,
 * reads and links about 500 files of node_modules at every start, through its ESM loader, before
 * a build does anything (0.2 s of the 0.9–1.1 s of one unit's build; docs/benchmarks.md).
 *
 * The TypeScript stays the source: tests and tools import it through tsx, and the compiled CLI must
 * behave exactly like it. So each source file keeps its own address: its `import.meta.url` (and
 * `dirname`/`filename`) becomes the source file's URL, reached from the output's own place (the
 * checkout can move), and every relative address computed from it (the repository's root, themes,
 * schemas) is the same as from the source. A package's file keeps its address the same way
 * (Eleventy finds its own package.json, and registers its loader hook, by their addresses). The
 * modules the CLI loads by address (Eleventy's config, the indexing thread, the preview process)
 * are entries of their own, all in one folder; tools/core/runnable-module.ts picks the compiled one.
 *
 * Nothing compiled is committed. The workflows' caches keep it, in the build job, which holds no
 * secret and whose output is already the cache's; an output is used only when its name, the hash
 * of what it was compiled from, matches the checkout's sources.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = resolve(fileURLToPath(new URL("../../", import.meta.url)));
const compiledDir = join(root, ".cache", "compiled");
const inputsFile = join(compiledDir, "cli.inputs.json");

/**
 * Packages loaded from node_modules as they are, each for its reason; so is every package loaded
 * with `import()` (`packageImportedWhenNeeded`); every other package the CLI imports is compiled
 * into it.
 */
export const keptAsPackages = [
  // Native: a platform's binary, found by the package at run time.
  "sharp",
  "pagefind",
  "esbuild",
  // Written for sloppy mode (a variable named `interface`): it cannot be an ES module. Only
  // Eleventy's own server loads it, which the portal does not use.
  "@11ty/eleventy-dev-server",
  // macOS only, optional to chokidar.
  "fsevents",
];

/**
 * Files of packages that the portal's code also loads by their address, kept outside so that
 * both load one module: Eleventy's event bus, on which tools/pipeline/eleventy-cache.ts tells
 * Eleventy's process-wide caches what to forget (compiled in, Eleventy would listen on its own copy).
 */
export const keptAsFiles = ["@11ty/eleventy/src/EventBus.js"];

/** What is compiled: the CLI, and each module it loads by address rather than by import. */
export const cliEntries = [
  "tools/cli/portal.ts",
  // `portal build` in the caller's process: Nx's executor, for one site (nx-plugin/build-executor.ts).
  "tools/cli/build-in-process.ts",
  "tools/generator/eleventy.config.ts",
  "tools/pipeline/index-publish-worker.ts",
  "tools/pipeline/preview-worker.ts",
];

/**
 * Its name says what it was compiled from: esbuild's version, this file, tsconfig.json (which esbuild
 * reads), and every input's path and contents.
 * @param {readonly string[]} inputs paths relative to the repository
 */
function hashOf(inputs) {
  const hash = createHash("sha256");
  hash.update(`${esbuildVersion()}\0`).update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update("\0tsconfig.json\0").update(readFileSync(join(root, "tsconfig.json")));
  for (const file of inputs) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest("hex").slice(0, 16);
}

function esbuildVersion() {
  return JSON.parse(readFileSync(join(root, "node_modules/esbuild/package.json"), "utf8")).version;
}

/** @param {string} hash */
const outDirOf = (hash) => join(compiledDir, `cli-${hash}`);

/**
 * The compiled CLI's entry (its file URL), compiled first when none matches the sources.
 * @returns {Promise<string>}
 */
export async function compiledCli() {
  try {
    /** @type {string[]} */
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    const entry = join(outDirOf(hashOf(inputs)), "portal.mjs");
    if (existsSync(entry)) return pathToFileURL(entry).href;
  } catch {
    // Never compiled here, or one of its files is gone: compile it.
  }
  return pathToFileURL(join(await compile(), "portal.mjs")).href;
}

/** Compiles into a folder of its own, then renames it into place: never half an output. */
async function compile() {
  const esbuild = await import("esbuild");
  const staging = join(compiledDir, `.cli-${process.pid}-${Date.now()}`);
  /** @type {import("esbuild").Plugin} */
  const ownAddresses = {
    name: "source-addresses",
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|mjs|cjs)$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const loader = args.path.endsWith(".ts") ? "ts" : "js";
        // A CommonJS module's own address has no place in an ES module's output (it would be
        // undefined there): none of the packages compiled in uses it today; one that does is named.
        // (An ES module that makes its own from import.meta.url keeps it, as above.)
        const ownAddress = /\b(?:const|let|var)\s+__(?:dirname|filename)\b/.test(source);
        if (loader === "js" && !ownAddress && /\b__(dirname|filename)\b/.test(source))
          return {
            errors: [
              {
                text: `${relative(root, args.path)} uses __dirname or __filename, which the compiled CLI cannot keep: add its package to \`keptAsPackages\` in tools/cli/compiled-cli.mjs`,
              },
            ],
          };
        // Every output lands in one folder of .cache/compiled/: the source is this far from any of them.
        const fromOutput = relative(join(compiledDir, "cli-0"), args.path).split(sep).join("/");
        const url = `new URL(${JSON.stringify(fromOutput)}, import.meta.url)`;
        /** @param {string} of */
        const path = (of) => `process.getBuiltinModule("node:url").fileURLToPath(${of})`;
        /** @type {Record<string, string>} */
        const addresses = { url: `${url}.href`, filename: path(url), dirname: path(`new URL(".", ${url})`) };
        return {
          loader,
          contents: source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => `(${addresses[key]})`),
        };
      });
    },
  };
  /**
   * A package loaded with `import()` (pdf-lib, eleventy-img: only when a site has documents or
   * pictures) stays a package: compiled in, it would save nothing at start, and a CommonJS one's
   * `import()` would give only its default export, where Node gives its named exports too.
   * @type {import("esbuild").Plugin}
   */
  const packageImportedWhenNeeded = {
    name: "package-imported-when-needed",
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) =>
        args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
      );
    },
  };
  const kept = new Set(keptAsFiles.map((file) => join(root, "node_modules", file)));
  /** @type {import("esbuild").Plugin} */
  const filesLoadedByAddress = {
    name: "files-loaded-by-address",
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const path = resolve(args.resolveDir, args.path);
        if (!kept.has(path)) return undefined;
        // From any output (.cache/compiled/<folder>/), as the checkout's node_modules has it.
        return { path: relative(join(compiledDir, "cli-0"), path).split(sep).join("/"), external: true };
      });
    },
  };
  let result;
  try {
    result = await esbuild.build({
      entryPoints: cliEntries.map((entry) => join(root, entry)),
      absWorkingDir: root,
      outdir: staging,
      entryNames: "[name]",
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node20",
      external: keptAsPackages,
      // node_modules may be a link to another checkout's (as in the benchmark's runner): a package's
      // address is then still inside this checkout, and stays right when the checkout moves.
      preserveSymlinks: true,
      // The packages compiled in that are CommonJS load Node's built-ins and the packages kept
      // outside with `require`, which an ES module has only when it makes one.
      banner: {
        js: 'import { createRequire as __portalCreateRequire } from "node:module";\nconst require = __portalCreateRequire(import.meta.url);',
      },
      // tools/core/runnable-module.ts: the address of the output it is in, beside the entries.
      define: { __PORTAL_COMPILED_URL__: "import.meta.url" },
      plugins: [packageImportedWhenNeeded, filesLoadedByAddress, ownAddresses],
      metafile: true,
      logLevel: "silent",
    });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`The portal CLI cannot be compiled (tools/cli/compiled-cli.mjs): ${messages(error)}`);
  }
  // A warning is a module that would behave differently compiled: refused like an error.
  if (result.warnings.length) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`The portal CLI cannot be compiled (tools/cli/compiled-cli.mjs): ${messages(result)}`);
  }
  const inputs = Object.keys(result.metafile.inputs).sort();
  const outDir = outDirOf(hashOf(inputs));
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another process compiled the same sources at the same time: theirs is as good.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(outDir, "portal.mjs"))) throw error;
  }
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  forgetOldOutputs(outDir);
  return outDir;
}

/**
 * Outputs of sources that changed since, older than a day: a process started from one a while ago
 * (a long `npm start`) may still load its chunks, so recent ones stay.
 * @param {string} current
 */
function forgetOldOutputs(current) {
  const dayAgo = Date.now() - 24 * 3600_000;
  for (const name of readdirSync(compiledDir)) {
    const path = join(compiledDir, name);
    if (!/^\.?cli-/.test(name) || path === current) continue;
    try {
      if (statSync(path).mtimeMs < dayAgo) rmSync(path, { recursive: true, force: true });
    } catch {
      // Removed by another process meanwhile.
    }
  }
}

/** @param {unknown} failure an esbuild result or error, with its `errors` and `warnings` */
function messages(failure) {
  const { errors = [], warnings = [] } =
    /** @type {{ errors?: import("esbuild").Message[]; warnings?: import("esbuild").Message[] }} */ (failure);
  const all = [...errors, ...warnings];
  if (!all.length) return String(/** @type {Error} */ (failure).message ?? failure);
  return all
    .map((m) => `${m.location ? `${relative(root, m.location.file)}:${m.location.line}: ` : ""}${m.text}`)
    .join("; ");
}

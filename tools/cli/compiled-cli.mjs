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
 * The command line and the build Nx's executor runs in its own process are one CommonJS script,
 * which Node runs through V8's code cache (`loadCompiled`): its first run leaves the code V8
 * compiled beside it, and every later process starts from that instead of parsing and compiling
 * 4 MB of JavaScript again (Node 20 has no compile cache for ES modules; Node 22's
 * `module.enableCompileCache` does this for both). The hub's build at 40 × 100 took 1.06 s a
 * process against 1.30 s (docs/benchmarks.md). Eleventy's config and the threads' entries stay ES
 * modules.
 *
 * Nothing compiled is committed. The workflows' caches keep it, in the build job, which holds no
 * secret and whose output is already the cache's; an output is used only when its name, the hash
 * of what it was compiled from, matches the checkout's sources (and V8 uses a code cache only when
 * it was made by the same V8, with the same flags, from the same source).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";

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

/**
 * What is compiled: the CLI, and each module it loads by address rather than by import. The
 * `script` entry becomes one CommonJS script (`<name>.cjs`), run by `loadCompiled` through V8's code
 * cache: the command line and `portal build` in the caller's process (cli-script.ts). The others
 * are ES modules sharing their chunks (`<name>.mjs`), loaded by Eleventy (its config) or as a
 * thread's entry.
 */
export const cliEntries = [
  { source: "tools/cli/cli-script.ts", script: true },
  { source: "tools/generator/eleventy.config.ts", script: false },
  { source: "tools/pipeline/index-publish-worker.ts", script: false },
  { source: "tools/pipeline/preview-worker.ts", script: false },
];

/**
 * Its name says what it was compiled from: esbuild's version, this file, tsconfig.json (which esbuild
 * reads), and every input's path and contents.
 * @param {readonly string[]} inputs paths relative to the repository
 */
function hashOf(inputs) {
  const hash = createHash("sha256");
  hash.update(`${versionOf("esbuild")}\0${versionOf("acorn")}\0`).update(readFileSync(fileURLToPath(import.meta.url)));
  hash.update("\0tsconfig.json\0").update(readFileSync(join(root, "tsconfig.json")));
  for (const file of inputs) hash.update(`\0${file}\0`).update(readFileSync(join(root, file)));
  return hash.digest("hex").slice(0, 16);
}

/** @param {string} name */
function versionOf(name) {
  return JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;
}

/** @param {string} hash */
const outDirOf = (hash) => join(compiledDir, `cli-${hash}`);

/**
 * The folder of the compiled CLI, compiled first when none matches the sources.
 * @returns {Promise<string>}
 */
export async function compiledCli() {
  try {
    /** @type {string[]} */
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    const dir = outDirOf(hashOf(inputs));
    if (existsSync(join(dir, "cli-script.cjs"))) return dir;
  } catch {
    // Never compiled here, or one of its files is gone: compile it.
  }
  return compile();
}

/**
 * Runs the compiled script (`cli-script`) in this process and gives its exports. V8 compiles it
 * from the code cache beside it when there is one it accepts (made by this V8 with these flags from
 * this very source: it checks all three), and otherwise compiles it, runs it, and leaves the code
 * it compiled by then as the cache when a build's process asks (`saveCompiledCode`). A cache that
 * cannot be written costs only the time it would save.
 *
 * The script is CommonJS as esbuild wrote it, in a function given what such a module gets, and what
 * it cannot have as a script: `import()` and `import.meta.resolve` (as this ES module does them; a
 * script from V8's cache loses the `import()` callback Node would give it, Node 20's
 * vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER included), and its own address.
 * @param {string} dir the compiled CLI's folder (compiledCli)
 * @param {string} name the entry's name
 * @returns {Promise<Record<string, unknown>>}
 */
export async function loadCompiled(dir, name) {
  const file = join(dir, `${name}.cjs`);
  // Imported first, so that the script's `require` gives the very modules an `import()` gives.
  const kept = new Map(
    await Promise.all(
      keptAsFiles.map(async (path) => [path, await import(pathToFileURL(join(root, "node_modules", path)).href)]),
    ),
  );
  const cacheFile = `${file}.${codeCacheKey()}.v8`;
  /** @type {Buffer | undefined} */
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // Not made yet (or not readable): this run makes it.
  }
  // On the first line with the script's own, so that its line numbers stay the file's.
  const script = new Script(`(function (${scriptParameters.join(", ")}) {${readFileSync(file, "utf8")}\n})`, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  if (!cachedData || script.cachedDataRejected) unsaved.set(cacheFile, script);
  /** @type {{ exports: Record<string, unknown> }} */
  const module = { exports: {} };
  script.runInThisContext()(
    module.exports,
    requireFor(file, kept),
    module,
    file,
    dirname(file),
    pathToFileURL(file).href,
    /** @param {string} specifier */ (specifier) => import(specifier),
    /** @param {string} specifier */ (specifier) => import.meta.resolve(specifier),
  );
  return module.exports;
}

/** What a compiled script is given: a CommonJS module's, its address (`compile`'s `addresses`), `import()`, `import.meta.resolve`. */
const scriptParameters = [
  "exports",
  "require",
  "module",
  "__filename",
  "__dirname",
  "__portalOutput",
  "__portalImport",
  "__portalResolve",
];

/** Scripts run without a code cache V8 accepted, by the file their cache goes to. */
const unsaved = new Map();

/**
 * Writes the code cache of each script this process ran without one: the code V8 compiled so far,
 * the functions the run called included. Only a build's process calls it (at its end: portal.mjs,
 * Nx's executor): V8 keeps taking a cache it accepts, so one left by a short command (`--help`,
 * `guard`, the first step of the deploy workflow) would hold little of a build's code for good.
 */
export function saveCompiledCode() {
  for (const [file, script] of unsaved) {
    unsaved.delete(file);
    try {
      writeFileSync(`${file}.${process.pid}`, script.createCachedData());
      renameSync(`${file}.${process.pid}`, file);
    } catch {
      rmSync(`${file}.${process.pid}`, { force: true });
    }
  }
}

/**
 * V8 takes a code cache only from its own version with the same flags: a process started with
 * other flags (a long build's heap size: core/build-process-flags.ts) keeps a cache of its own
 * instead of replacing the others' at every start.
 */
function codeCacheKey() {
  const flags = [process.version, process.arch, ...process.execArgv, process.env.NODE_OPTIONS ?? ""];
  return createHash("sha256").update(flags.join("\0")).digest("hex").slice(0, 12);
}

/**
 * A compiled script's `require`: Node's, from its own place, but a package that is an ES module
 * only (Pagefind, whose exports are all named) is found as `import` finds it, and a file kept
 * outside (`keptAsFiles`: ES modules with a default export) is the module `import()` gives (with
 * tsx in the process, as in the tests, `require` would give another instance), as its default
 * export: esbuild imports from what it keeps outside as Node imports from CommonJS, `default`
 * being what `require` gives.
 * @param {string} file
 * @param {ReadonlyMap<string, { default: unknown }>} kept the kept files, imported
 */
function requireFor(file, kept) {
  const nodeRequire = createRequire(file);
  /** @param {string} id */
  const compiledRequire = (id) => {
    const keptFile = keptAsFiles.find((path) => id.endsWith(`/node_modules/${path}`));
    if (keptFile) return kept.get(keptFile)?.default;
    try {
      return nodeRequire(id);
    } catch (error) {
      if (/** @type {{ code?: string }} */ (error).code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw error;
      return nodeRequire(fileURLToPath(import.meta.resolve(id)));
    }
  };
  return Object.assign(compiledRequire, { resolve: nodeRequire.resolve, cache: nodeRequire.cache });
}

/** Compiles into a folder of its own, then renames it into place: never half an output. */
async function compile() {
  const esbuild = await import("esbuild");
  const staging = join(compiledDir, `.cli-${process.pid}-${Date.now()}`);
  /**
   * Each module keeps its own address (see the top of this file). In an ES module output it is
   * reached from the output's `import.meta.url`; in a script, from the address `loadCompiled` gives
   * it (`__portalOutput`), which also gives it `import.meta.resolve`.
   * @param {boolean} script
   * @returns {import("esbuild").Plugin}
   */
  const ownAddresses = (script) => ({
    name: "source-addresses",
    setup(build) {
      build.onLoad({ filter: /\.(ts|js|mjs|cjs)$/ }, (args) => {
        const source = readFileSync(args.path, "utf8");
        const loader = args.path.endsWith(".ts") ? "ts" : "js";
        // A CommonJS module's own address has no place in the output (an ES module has none, a
        // script has its own): none of the packages compiled in uses it today; one that does is named.
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
        const url = `new URL(${JSON.stringify(fromOutput)}, ${script ? "__portalOutput" : "import.meta.url"})`;
        /** @param {string} of */
        const path = (of) => `process.getBuiltinModule("node:url").fileURLToPath(${of})`;
        /** @type {Record<string, string>} */
        const addresses = { url: `${url}.href`, filename: path(url), dirname: path(`new URL(".", ${url})`) };
        const own = source.replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, key) => `(${addresses[key]})`);
        return { loader, contents: script ? own.replace(/\bimport\.meta\.resolve\(/g, "__portalResolve(") : own };
      });
    },
  });
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
  /** @type {import("esbuild").BuildOptions} */
  const common = {
    absWorkingDir: root,
    outdir: staging,
    entryNames: "[name]",
    bundle: true,
    platform: "node",
    target: "node20",
    external: keptAsPackages,
    // node_modules may be a link to another checkout's (as in the benchmark's runner): a package's
    // address is then still inside this checkout, and stays right when the checkout moves.
    preserveSymlinks: true,
    metafile: true,
    logLevel: "silent",
  };
  const entries = (/** @type {boolean} */ script) =>
    cliEntries.filter((e) => e.script === script).map((e) => join(root, e.source));
  /** @type {import("esbuild").BuildResult<{ metafile: true }>[]} */
  let results;
  try {
    results = await Promise.all([
      esbuild.build({
        ...common,
        entryPoints: entries(true),
        outExtension: { ".js": ".cjs" },
        format: "cjs",
        // tools/core/runnable-module.ts: the address of the output it is in, beside the entries.
        define: { __PORTAL_COMPILED_URL__: "__portalOutput" },
        plugins: [packageImportedWhenNeeded, filesLoadedByAddress, ownAddresses(true)],
      }),
      esbuild.build({
        ...common,
        entryPoints: entries(false),
        outExtension: { ".js": ".mjs" },
        splitting: true,
        format: "esm",
        // The packages compiled in that are CommonJS load Node's built-ins and the packages kept
        // outside with `require`, which an ES module has only when it makes one.
        banner: {
          js: 'import { createRequire as __portalCreateRequire } from "node:module";\nconst require = __portalCreateRequire(import.meta.url);',
        },
        define: { __PORTAL_COMPILED_URL__: "import.meta.url" },
        plugins: [packageImportedWhenNeeded, filesLoadedByAddress, ownAddresses(false)],
      }),
    ]);
    // A warning is a module that would behave differently compiled: refused like an error.
    const warned = results.find((result) => result.warnings.length);
    if (warned) throw new Error(messages(warned));
    await scriptImports(cliEntries.filter((e) => e.script).map((e) => join(staging, `${basenameOf(e.source)}.cjs`)));
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new Error(`The portal CLI cannot be compiled (tools/cli/compiled-cli.mjs): ${messages(error)}`);
  }
  const inputs = [...new Set(results.flatMap((result) => Object.keys(result.metafile.inputs)))].sort();
  const outDir = outDirOf(hashOf(inputs));
  try {
    renameSync(staging, outDir);
  } catch (error) {
    // Another process compiled the same sources at the same time: theirs is as good.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(outDir, "cli-script.cjs"))) throw error;
  }
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
  forgetOldOutputs(outDir);
  return outDir;
}

/** @param {string} source "tools/cli/cli-script.ts" → "cli-script" */
const basenameOf = (source) => source.replace(/^.*\//, "").replace(/\.ts$/, "");

/**
 * Every `import()` of the scripts, as a script has it: `__portalImport(...)` (loadCompiled). Found
 * by parsing each (acorn, as Eleventy does), so that text which only reads like one (a string that
 * a thread evaluates, a message) stays as it is.
 * @param {string[]} files
 */
async function scriptImports(files) {
  const { parse } = await import("acorn");
  for (const file of files) {
    const source = readFileSync(file, "utf8");
    /** @type {number[]} */
    const starts = [];
    /** @param {unknown} node */
    const visit = (node) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) return void node.forEach(visit);
      const n = /** @type {{ type?: string; start: number }} */ (node);
      if (n.type === "ImportExpression") starts.push(n.start);
      for (const value of Object.values(node)) if (value && typeof value === "object") visit(value);
    };
    visit(parse(source, { ecmaVersion: "latest", sourceType: "script" }));
    let out = source;
    for (const start of starts.sort((a, b) => b - a)) {
      if (out.slice(start, start + 6) !== "import") throw new Error(`${file}: no import() at ${start}`);
      out = `${out.slice(0, start)}__portalImport${out.slice(start + 6)}`;
    }
    writeFileSync(file, out);
  }
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

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readFile, rename, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { threadId } from "node:worker_threads";
import type { BuildOptions, Metafile } from "esbuild";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * The Decap CMS every site's `/admin/` loads: Decap's core with the backend portal.json chooses
 * (the gateway's proxy, or a Git host's) and the widgets the generated
 * configuration uses (cms-config.ts, schema-fields.ts), bundled by esbuild. Decap's own bundle
 * also carries eight other backends, the map (OpenLayers), code (CodeMirror), colour and rich-text
 * widgets and every locale: 5.2 MB that a 2-core machine needed 4 s to compile and run before
 * "Masuk" showed, for nothing an editor here uses (docs/benchmarks.md, "The editor's day").
 * A widget added to the configuration must be added here too (admin.test.ts opens every form).
 * The entry's imports start their lines, as in a module: the import graph (core/import-graph.ts)
 * reads them, so these packages are among what shapes a site and Nx rebuilds when one changes.
 */
const entry = `
import React from "react";
import createReactClass from "create-react-class";
import { DecapCmsCore as CMS } from "decap-cms-core";
import { ProxyBackend } from "decap-cms-backend-proxy";
import string from "decap-cms-widget-string";
import number from "decap-cms-widget-number";
import text from "decap-cms-widget-text";
import image from "decap-cms-widget-image";
import file from "decap-cms-widget-file";
import select from "decap-cms-widget-select";
import markdownSchema from "decap-cms-widget-markdown/dist/esm/schema";
import list from "decap-cms-widget-list";
import object from "decap-cms-widget-object";
import boolean from "decap-cms-widget-boolean";
import datetime from "decap-cms-widget-datetime";
import imageComponent from "decap-cms-editor-component-image";
CMS.registerBackend("proxy", ProxyBackend);
/*BACKEND*/
CMS.registerWidget([string, number, text, image, file, select, list, object, boolean, datetime].map((w) => w.Widget()));
// The Markdown editor (Slate, remark, parse5: a third of the bundle) is a chunk of its own, loaded
// when a form or a preview first needs it, or once the CMS has shown and the page is idle: the
// login does not wait for it.
let markdown;
let markdownLoaded;
const loadMarkdown = () =>
  (markdown ??= import("decap-cms-widget-markdown").then((m) => (markdownLoaded = m.default)));
const lazy = (pick, withRef) =>
  class extends React.Component {
    state = { Loaded: markdownLoaded && pick(markdownLoaded) };
    componentDidMount() {
      if (!this.state.Loaded) loadMarkdown().then((m) => this.mounted && this.setState({ Loaded: pick(m) }));
      this.mounted = true;
    }
    componentWillUnmount() {
      this.mounted = false;
    }
    // Decap's Widget focuses the control through its ref (a click on the field's label).
    focus(path) {
      this.inner?.focus?.(path);
    }
    render() {
      const { Loaded } = this.state;
      if (!Loaded) return React.createElement("p", { role: "status" }, "Memuat penyunting\u2026");
      return React.createElement(Loaded, withRef ? { ...this.props, ref: (r) => (this.inner = r) } : this.props);
    }
  };
CMS.registerWidget({
  name: "markdown",
  controlComponent: lazy((m) => m.controlComponent, true),
  previewComponent: lazy((m) => m.previewComponent, false),
  schema: markdownSchema,
});
const shown = new MutationObserver(() => {
  if (!document.querySelector("#nc-root button")) return;
  shown.disconnect();
  (window.requestIdleCallback ?? setTimeout)(() => loadMarkdown(), { timeout: 5000 });
});
shown.observe(document.documentElement, { childList: true, subtree: true });
CMS.registerEditorComponent(imageComponent);
// What admin.js uses, as Decap's own bundle provides it.
window.CMS = CMS;
window.h = React.createElement;
window.createClass = createReactClass;
`;

/**
 * A Git host's own backend, for a portal.json whose `cms.backend` names one (editors then log in
 * to the host): only that one is bundled. The gateway's proxy is always there (`npm start`).
 */
const hostBackends: Record<string, { name: string; pkg: string; export: string }> = {
  github: { name: "github", pkg: "decap-cms-backend-github", export: "GitHubBackend" },
  gitlab: { name: "gitlab", pkg: "decap-cms-backend-gitlab", export: "GitLabBackend" },
  forgejo: { name: "forgejo", pkg: "decap-cms-backend-forgejo", export: "ForgejoBackend" },
};

const entryFor = (backend: string | undefined) => {
  const host = backend ? hostBackends[backend] : undefined;
  return host
    ? entry.replace(
        "/*BACKEND*/",
        `import { ${host.export} } from "${host.pkg}";\nCMS.registerBackend("${host.name}", ${host.export});`,
      )
    : entry;
};

/** The CMS's files, as `decapBundle` built them. */
export interface DecapBundle {
  /** What names this bundle: its entry, the packages' versions and the build's options. */
  key: string;
  /** The Git host's backend it carries besides the gateway's proxy, if any. */
  backend?: string;
  /** The folder that holds them (served as a site's `/admin/decap/`). */
  dir: string;
  /** Every file's name: `decap-cms.js`, the module `/admin/` loads, and the chunks it loads. */
  files: string[];
  manifest: BundleManifest;
}

/**
 * The bundle in this repository's cache (`.cache/decap/<key>/`), built first if missing.
 * The key is the entry and every bundled package's version, so an upgrade builds a new one. The
 * folder appears whole or not at all (written beside, then renamed): builds run in parallel.
 */
export async function decapBundle(
  backend?: string,
  // In this repository's own cache, whatever the workspace's: it depends on the tools alone, so
  // every workspace (the tests make dozens) shares one build.
  cacheDir = join(toolsRepoRoot, ".cache"),
): Promise<DecapBundle> {
  const contents = entryFor(backend);
  // The packages' versions are read once a process: every site published asks (500 sites: 0.16 s
  // of resolving and reading package.json files). A process outlives no `npm ci`.
  let versions = bundledVersions.get(contents);
  if (!versions) bundledVersions.set(contents, (versions = packageVersions(contents)));
  const options = {
    bundle: true,
    minify: true,
    // Modules, so that the Markdown editor is a chunk loaded on demand (splitting needs ESM).
    format: "esm",
    splitting: true,
    entryNames: "decap-cms",
    chunkNames: "[name]-[hash]",
    platform: "browser",
    target: "es2020",
    define: { "process.env.NODE_ENV": '"production"' },
    // Decap's packages ship JSX-free JavaScript, but some files keep the .js extension for JSX.
    loader: { ".js": "jsx" },
    legalComments: "none",
    // Decap's WebP encoder, for `media_processing`, which the configuration does not turn on: left
    // out (an import of it would fail, and none happens).
    external: ["@jsquash/webp"],
    logLevel: "error",
  } satisfies BuildOptions;
  // The options too: the same entry built another way is another bundle.
  const key = createHash("sha256")
    .update(contents)
    .update(versions.join("\n"))
    .update(JSON.stringify(options))
    .digest("hex")
    .slice(0, 16);
  const dir = join(cacheDir, "decap", key);
  if (!existsSync(dir)) {
    // Sites are published eight at a time, each asking for the bundle: a first build of the demo
    // ran eight esbuilds of the same bundle at once (8.0–8.4 s each, against 1.2 s for one).
    // Those asking while it is built wait for that build; a later call looks in the cache again.
    let building = bundling.get(dir);
    if (!building) {
      building = buildBundle(options, contents, dir).finally(() => bundling.delete(dir));
      bundling.set(dir, building);
    }
    await building;
  }
  const manifest = JSON.parse(await readFile(join(dir, manifestName), "utf8")) as BundleManifest;
  return { key, ...(backend ? { backend } : {}), dir, files: Object.keys(manifest.files).sort(), manifest };
}

const manifestName = "bundle.json";

/** By entry: the versions of what it bundles, and of the bundler. */
const bundledVersions = new Map<string, string[]>();

function packageVersions(contents: string): string[] {
  // A package's name, without the path of a file inside it.
  const packages = [...contents.matchAll(/from "((?:@[^/"]+\/)?[^/"]+)[^"]*"/g)].map((m) => m[1]!);
  const require = createRequire(join(toolsRepoRoot, "package.json"));
  const version = (manifest: string) => (JSON.parse(readFileSync(manifest, "utf8")) as { version: string }).version;
  return [
    ...packages.map((name) => `${name}@${version(require.resolve(`${name}/package.json`))}`),
    // The bundler, imported only when a build is needed (below): resolved here by name, so the
    // import graph counts it among what shapes a site and Nx rebuilds every site when it changes.
    `esbuild@${version(require.resolve("esbuild/package.json"))}`,
  ];
}

/** The bundles this process is building, by folder. */
const bundling = new Map<string, Promise<void>>();

/** Builds the bundle into `dir`, which appears whole or not at all (written beside, then renamed). */
async function buildBundle(options: BuildOptions, contents: string, dir: string): Promise<void> {
  // The build's threads (the indexing thread publishes too) each have their own `bundling`.
  const partial = `${dir}.${process.pid}-${threadId}-${Date.now()}`;
  // Loaded only to build: a deploy that finds the bundle in the cache does not pay for esbuild.
  const { build } = await import("esbuild");
  const { metafile } = await build({
    ...options,
    stdin: { contents, resolveDir: toolsRepoRoot, loader: "js" },
    outdir: partial,
    metafile: true,
  });
  await writeFile(join(partial, manifestName), `${JSON.stringify(manifestOf(metafile, partial), null, 2)}\n`);
  await rename(partial, dir).catch(async (error: NodeJS.ErrnoException) => {
    // Another process built the same folder meanwhile: theirs is as good as this one.
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(dir)) throw error;
  });
}

/** What each file of the bundle holds and when the browser loads it; beside the files, not served. */
export interface BundleManifest {
  files: Record<
    string,
    {
      bytes: number;
      /** Loaded with /admin/ (the module and what it imports), or only when a form needs it. */
      loaded: "at-start" | "on-demand";
      /** The packages in it, largest first. */
      packages: string[];
    }
  >;
}

function manifestOf(metafile: Metafile, outdir: string): BundleManifest {
  const name = (path: string) => relative(outdir, resolve(toolsRepoRoot, path));
  const outputs = Object.entries(metafile.outputs).map(([path, output]) => [name(path), output] as const);
  const atStart = new Set<string>();
  const visit = (file: string) => {
    if (atStart.has(file)) return;
    atStart.add(file);
    const output = outputs.find(([n]) => n === file)?.[1];
    for (const i of output?.imports ?? []) if (i.kind === "import-statement") visit(name(i.path));
  };
  visit("decap-cms.js");
  const files: BundleManifest["files"] = {};
  for (const [file, output] of outputs) {
    const sizes = new Map<string, number>();
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? "(entry)";
      sizes.set(pkg, (sizes.get(pkg) ?? 0) + bytesInOutput);
    }
    files[file] = {
      bytes: output.bytes,
      loaded: atStart.has(file) ? "at-start" : "on-demand",
      packages: [...sizes]
        .filter(([, n]) => n > 0)
        .sort((a, b) => b[1] - a[1])
        .map(([p]) => p),
    };
  }
  return { files };
}

import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { build } from "esbuild";
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
import markdown from "decap-cms-widget-markdown";
import list from "decap-cms-widget-list";
import object from "decap-cms-widget-object";
import boolean from "decap-cms-widget-boolean";
import datetime from "decap-cms-widget-datetime";
import imageComponent from "decap-cms-editor-component-image";
CMS.registerBackend("proxy", ProxyBackend);
/*BACKEND*/
CMS.registerWidget([string, number, text, image, file, select, markdown, list, object, boolean, datetime].map((w) => w.Widget()));
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

/**
 * The bundle's path in this repository's cache (`.cache/decap/<key>/decap-cms.js`), built first if missing.
 * The key is the entry and every bundled package's version, so an upgrade builds a new one. The
 * file appears whole or not at all (written beside, then renamed): builds run in parallel.
 */
export async function decapBundle(backend?: string): Promise<string> {
  // In this repository's own cache, whatever the workspace's: it depends on the tools alone, so
  // every workspace (the tests make dozens) shares one build.
  const cacheDir = join(toolsRepoRoot, ".cache");
  const contents = entryFor(backend);
  const packages = [...contents.matchAll(/from "([^"]+)"/g)].map((m) => m[1]!);
  const require = createRequire(join(toolsRepoRoot, "package.json"));
  const versions = [...packages, "esbuild"].map((name) => {
    const manifest = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), "utf8")) as { version: string };
    return `${name}@${manifest.version}`;
  });
  const key = createHash("sha256").update(contents).update(versions.join("\n")).digest("hex").slice(0, 16);
  const target = join(cacheDir, "decap", key, "decap-cms.js");
  if (existsSync(target)) return target;
  await mkdir(join(cacheDir, "decap", key), { recursive: true });
  const partial = `${target}.${process.pid}-${Date.now()}`;
  await build({
    stdin: { contents, resolveDir: toolsRepoRoot, loader: "js" },
    bundle: true,
    minify: true,
    format: "iife",
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
    outfile: partial,
  });
  await rename(partial, target);
  return target;
}

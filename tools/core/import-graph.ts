import { readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/**
 * Which of the repository's own modules a program loads, and which packages: read from the
 * source, so the Nx plugin can name exactly the files and packages that shape a site's build
 * (an edit elsewhere rebuilds nothing) and a test can keep the modules free of import circles.
 *
 * A module's static imports and re-exports count (`import`, `import type`, `export … from`), as do
 * files and packages it reaches by address (`new URL("./x.ts", import.meta.url)`,
 * `import.meta.resolve("pkg")`, `createRequire(…).resolve("pkg/…")`), and packages it loads only
 * when needed (`import("sharp")`: the build loads eleventy-img that way). A dynamic
 * `import("./x.ts")` of our own modules does not: the CLI loads each command that way, so that
 * building never loads the deploy tools.
 */
export interface ModuleImports {
  /** Repository-relative paths ("tools/problems/problem.ts"), runtime imports only. */
  local: string[];
  /** Type-only imports, which load nothing at run time. */
  types: string[];
  /** Package names ("@11ty/eleventy", "decap-cms"). */
  packages: string[];
}

const staticImport = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/gm;
const dynamicPackage = /\bimport\(\s*["']([^"'./][^"']*)["']\s*\)/g;
const byAddress =
  /new URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)|import\.meta\.resolve\(\s*["']([^"']+)["']|\.resolve\(\s*["']([^"'./][^"']*)["']/g;

export function importsOf(root: string, file: string): ModuleImports {
  const source = readFileSync(join(root, file), "utf8");
  const local = new Set<string>();
  const types = new Set<string>();
  const packages = new Set<string>();
  const add = (specifier: string, typeOnly: boolean) => {
    // A folder's address (`new URL("../../", import.meta.url)`) loads nothing.
    if (specifier.startsWith("node:") || specifier.endsWith("/")) return;
    if (specifier.startsWith(".")) {
      const path = relative(root, join(root, dirname(file), specifier))
        .split(sep)
        .join("/");
      (typeOnly ? types : local).add(path);
    } else if (!typeOnly) packages.add(packageName(specifier));
  };
  for (const m of source.matchAll(staticImport)) add(m[3]!, Boolean(m[2]));
  for (const m of source.matchAll(byAddress)) add((m[1] ?? m[2] ?? m[3])!, false);
  for (const m of source.matchAll(dynamicPackage)) add(m[1]!, false);
  return { local: [...local], types: [...types].filter((t) => !local.has(t)), packages: [...packages] };
}

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Every repository file and package the entries load, directly or through each other. */
export function reachableFrom(root: string, entries: readonly string[]): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [...entries];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    if (files.has(file)) continue;
    files.add(file);
    // Only TypeScript and JavaScript modules have imports; a config or JSON file is a leaf.
    if (!/\.[cm]?[jt]s$/.test(file)) continue;
    const found = importsOf(root, file);
    for (const p of found.packages) packages.add(p);
    queue.push(...found.local);
  }
  return { files: [...files].sort(), packages: [...packages].sort() };
}

/**
 * Import circles among `files`, each as the list of modules around it (first module repeated at
 * the end). Type-only imports count: a circle of types still ties the modules together.
 */
export function importCircles(root: string, files: readonly string[]): string[][] {
  const known = new Set(files);
  const edges = new Map(
    files.map((f) => {
      const i = importsOf(root, f);
      return [f, [...i.local, ...i.types].filter((t) => known.has(t))];
    }),
  );
  const circles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (file: string) => {
    state.set(file, "open");
    stack.push(file);
    for (const next of edges.get(file) ?? []) {
      if (state.get(next) === "open") circles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of files) if (!state.has(file)) visit(file);
  return circles;
}

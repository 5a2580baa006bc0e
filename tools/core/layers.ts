/**
 * The folders of `tools/`, lowest first: a module may import its own folder and the folders of
 * lower layers, never a folder of its own layer or above. That is where new code goes: next to the
 * lowest layer that has everything it needs. Tests and fixtures sit beside what they test and may
 * import anything; nothing else may import them. `tools/core/import-graph.test.ts` enforces this
 * order, and docs/architecture.md prints it (a test fails when the two differ).
 */
export const layers: readonly { folders: readonly string[]; job: string }[] = [
  { folders: ["core", "types"], job: "workspace paths, WITA time, addresses, reader text, records, the import graph" },
  { folders: ["schema"], job: "the one loader of content-schema/ and what each type's x- annotations mean" },
  { folders: ["problems"], job: "every refusal a person is told about: its code, arguments and words" },
  {
    folders: ["published"],
    job: "what a published site exposes: its addresses and origin, the hub's addresses, the manifest format, dates",
  },
  { folders: ["content"], job: "reading and validating the units' content, the Markdown preset" },
  { folders: ["cms", "links", "serve"], job: "the CMS configuration, the link checker, the development server" },
  { folders: ["gateway", "desk"], job: "the editors' write gateway; DKISP's new-site and retire-site" },
  { folders: ["report"], job: "activity, completeness, reminders and the /status/ dashboard's data" },
  { folders: ["generator"], job: "the Eleventy plugin: settings, collections, pages, filters, images" },
  { folders: ["pipeline", "deploy"], job: "the build's stages in order; releases, the nginx configuration" },
  { folders: ["cli", "nx-plugin", "demo"], job: "the portal command and its table, the Nx plugin, the demo" },
  { folders: ["docs"], job: "the writers of the generated documents (content types, commands)" },
  { folders: ["test"], job: "helpers for the tests: Chromium, axe, nginx, the CMS session, workspaces" },
  { folders: ["bench"], job: "the benchmark and the dist/ comparison" },
];

/** A test or a fixture: it may import anything, and nothing but tests may import it. */
export const isTestMaterial = (file: string): boolean => /\.test\.ts$|\/fixtures\//.test(file);

/** The layer of `tools/<folder>/…`, or undefined for a file outside tools/ or an unlisted folder. */
export function layerOf(file: string): number | undefined {
  const folder = /^tools\/([^/]+)\//.exec(file)?.[1];
  if (folder === undefined) return undefined;
  const at = layers.findIndex((l) => l.folders.includes(folder));
  return at < 0 ? undefined : at;
}

/**
 * Each import that breaks the order, as "importer → imported (why)". Modules outside tools/ (the
 * theme's tests) and imports within one folder are not judged.
 */
export function layerViolations(edges: ReadonlyMap<string, readonly string[]>): string[] {
  const found: string[] = [];
  const folderOf = (f: string) => f.split("/").slice(0, 2).join("/");
  for (const [from, targets] of edges) {
    if (isTestMaterial(from) || !from.startsWith("tools/")) continue;
    const own = layerOf(from);
    for (const to of targets) {
      if (folderOf(to) === folderOf(from)) {
        if (isTestMaterial(to)) found.push(`${from} → ${to} (a test or fixture)`);
        continue;
      }
      const theirs = layerOf(to);
      if (own === undefined) found.push(`${from} → ${to} (${folderOf(from)} is in no layer)`);
      else if (isTestMaterial(to)) found.push(`${from} → ${to} (a test or fixture)`);
      else if (theirs === undefined) found.push(`${from} → ${to} (${folderOf(to)} is in no layer)`);
      else if (theirs >= own)
        found.push(
          `${from} → ${to} (${theirs === own ? "same layer" : "goes up"}: ${folderOf(to)} is above or beside ${folderOf(from)})`,
        );
    }
  }
  return found;
}

/** The order as docs/architecture.md prints it, lowest first (a test compares the two). */
export function layersMarkdown(): string {
  return [
    "| layer | folders under `tools/` | job |",
    "| ---: | --- | --- |",
    ...layers.map((l, i) => `| ${i} | ${l.folders.map((f) => `\`${f}/\``).join(", ")} | ${l.job} |`),
  ].join("\n");
}

import { existsSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The address of the compiled output this module is in: set by the CLI's compilation
 * (tools/cli/compiled-cli.mjs), never in the sources.
 */
declare const __PORTAL_COMPILED_URL__: string | undefined;

export interface RunnableModule {
  /** What to load: the source, or its compiled counterpart. */
  url: URL;
  path: string;
  /** Loaded through tsx (the source, as tests and tools run it), or plain JavaScript. */
  needsTsx: boolean;
}

/**
 * A module that the CLI loads by its address, not by an import (Eleventy's config, a worker
 * thread's or a child process's entry): run from the sources, the TypeScript file itself; run
 * compiled, the entry compiled beside the CLI (every output is in one folder), which shares the
 * CLI's compiled modules.
 */
export function runnableModule(source: URL): RunnableModule {
  if (typeof __PORTAL_COMPILED_URL__ === "undefined")
    return { url: source, path: fileURLToPath(source), needsTsx: true };
  const url = new URL(basename(fileURLToPath(source)).replace(/\.ts$/, ".mjs"), __PORTAL_COMPILED_URL__);
  const path = fileURLToPath(url);
  if (!existsSync(path))
    throw new Error(
      `${fileURLToPath(source)} is loaded by its address but was not compiled as an entry: add it to cliEntries in tools/cli/compiled-cli.mjs`,
    );
  return { url, path, needsTsx: false };
}

// @ts-check
/**
 * `portal <command>` as the npm scripts and Nx run it: the CLI (portal.ts) compiled, compiled again
 * first when its sources changed (compiled-cli.mjs says why). `node --import tsx tools/cli/portal.ts`
 * runs the same commands from the sources.
 */
import { compiledCli, loadCompiled, saveCompiledCode } from "./compiled-cli.mjs";

// Eleventy registers an ESM resolve hook (in a thread of its own, on Node 20) so that a project's
// JavaScript templates, data files and config are imported afresh after an edit in watch mode.
// The portal has none (Nunjucks and Markdown only; its config is compiled here and never edited
// while running), and the hook made every later import cross to that thread: about 0.13 s of a
// one-site build (docs/benchmarks.md). Read when Eleventy is loaded; the CLI's children inherit it.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

let dir;
try {
  dir = await compiledCli();
} catch (error) {
  console.error(`portal: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
// The commands that build leave V8's cache of the code they ran, when there was none it took
// (compiled-cli.mjs `saveCompiledCode`); a shorter command's would hold little of a build's code.
if (process.argv[2] === "build" || process.argv[2] === "start") process.once("exit", saveCompiledCode);
const script = /** @type {typeof import("./cli-script.ts")} */ (
  /** @type {unknown} */ (await loadCompiled(dir, "cli-script"))
);
// Not awaited: it never rejects, and the process ends when the command is done (run-cli.ts).
void script.runPortal();

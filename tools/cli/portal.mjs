// @ts-check
/**
 * `portal <command>` as the npm scripts and Nx run it: the CLI (portal.ts) compiled, compiled again
 * first when its sources changed (compiled-cli.mjs says why). `node --import tsx tools/cli/portal.ts`
 * runs the same commands from the sources.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { compiledCli, loadCompiled, saveCompiledCode } from "./compiled-cli.mjs";

// Eleventy registers an ESM resolve hook (in a thread of its own, on Node 20) so that a project's
// JavaScript templates, data files and config are imported afresh after an edit in watch mode.
// The portal has none (Nunjucks and Markdown only; its config is compiled here and never edited
// while running), and the hook made every later import cross to that thread: about 0.13 s of a
// one-site build (docs/benchmarks.md). Read when Eleventy is loaded; the CLI's children inherit it.
process.env.ELEVENTY_SKIP_ESM_RESOLVER ??= "1";

// `portal build <site...>`, with no option, goes to the checkout's build server when one is
// running (build-server-client.mjs): Nx's task for the hub runs it so, after its units.
const [command, ...sites] = process.argv.slice(2);
if (command === "build" && sites.length > 0 && sites.every((site) => !site.startsWith("-"))) {
  const { buildOnServer, buildServerSocket } = await import("./build-server-client.mjs");
  const served = await buildOnServer({
    socket: buildServerSocket(resolve(fileURLToPath(new URL("../../", import.meta.url)))),
    sites,
  });
  if ("code" in served) process.exit(served.code);
  if (served.unserved) console.error(`portal: ${served.unserved}; building in this process instead.`);
}
let dir;
try {
  dir = await compiledCli();
} catch (error) {
  console.error(`portal: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
// The commands that build leave V8's cache of the code they ran, when there was none it took
// (compiled-cli.mjs `saveCompiledCode`); a shorter command's would hold little of a build's code.
if (["build", "start", "build-server"].includes(command ?? "")) process.once("exit", saveCompiledCode);
const script = /** @type {typeof import("./cli-script.ts")} */ (
  /** @type {unknown} */ (await loadCompiled(dir, "cli-script"))
);
// Not awaited: it never rejects, and the process ends when the command is done (run-cli.ts).
void script.runPortal();

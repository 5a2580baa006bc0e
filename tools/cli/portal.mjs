// @ts-check
/**
 * `portal <command>` as the npm scripts and Nx run it: the CLI (portal.ts) compiled, compiled again
 * first when its sources changed (compiled-cli.mjs says why). `node --import tsx tools/cli/portal.ts`
 * runs the same commands from the sources.
 */
import { compiledCli } from "./compiled-cli.mjs";

let entry;
try {
  entry = await compiledCli();
} catch (error) {
  console.error(`portal: ${/** @type {Error} */ (error).message}`);
  process.exit(1);
}
await import(entry);

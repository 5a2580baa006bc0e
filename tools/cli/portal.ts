import { runPortal } from "./portal-command-line.ts";

/**
 * `portal <command>` from the sources: `node --import tsx tools/cli/portal.ts`. Not awaited (the
 * same as the compiled script, which cannot await at its top: cli-script.ts): the process lives
 * until the command is done.
 */
void runPortal();
